package org.civicpulse.reporting.schema;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One numbered migration file, {@code V<version>__<name>.sql}, split into statements.
 *
 * <p>Splitting: lines whose first non-blank characters are {@code --} are comments and dropped; a
 * statement ends at a line whose last non-blank character is {@code ;}. The checksum is the
 * SHA-256 of the statements (so editing comments does not change it, editing SQL does).
 *
 * @param version    the number after {@code V}
 * @param name       the part after {@code __}, without {@code .sql}
 * @param statements the statements without their terminating {@code ;}
 * @param checksum   lower-case hex SHA-256 of the statements joined by {@code ;\n}
 */
public record Migration(int version, String name, List<String> statements, String checksum) {

    /** {@code V001__schema_migrations.sql} → version 1, name {@code schema_migrations}. */
    public static final Pattern FILE_NAME = Pattern.compile("V(\\d+)__([A-Za-z0-9_]+)\\.sql");

    public Migration {
        Objects.requireNonNull(name, "name");
        statements = List.copyOf(statements);
        Objects.requireNonNull(checksum, "checksum");
        if (version < 1) {
            throw new IllegalArgumentException("Migration versions start at 1, got " + version);
        }
    }

    /** Parses a migration from its file name and text. */
    public static Migration fromFile(String fileName, String text) {
        Matcher m = FILE_NAME.matcher(fileName);
        if (!m.matches()) {
            throw new MigrationException("Migration file name must look like V001__some_name.sql, got " + fileName);
        }
        return of(Integer.parseInt(m.group(1)), m.group(2), text);
    }

    /** Parses a migration's text. */
    public static Migration of(int version, String name, String text) {
        List<String> statements = split(text);
        if (statements.isEmpty()) {
            throw new MigrationException("Migration V" + version + "__" + name + " has no statement");
        }
        return new Migration(version, name, statements, checksum(statements));
    }

    /** {@code V003__dossier_facts}. */
    public String label() {
        return String.format("V%03d__%s", version, name);
    }

    static List<String> split(String text) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || (trimmed.isEmpty() && current.length() == 0)) {
                continue;
            }
            if (trimmed.endsWith(";")) {
                current.append(line.stripTrailing(), 0, line.stripTrailing().length() - 1);
                addIfNotBlank(statements, current);
                current.setLength(0);
            } else {
                current.append(line.stripTrailing()).append('\n');
            }
        }
        addIfNotBlank(statements, current);
        return statements;
    }

    private static void addIfNotBlank(List<String> statements, StringBuilder sb) {
        String s = sb.toString().strip();
        if (!s.isEmpty()) {
            statements.add(s);
        }
    }

    static String checksum(List<String> statements) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest(String.join(";\n", statements).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return label();
    }
}
