package org.civicpulse.reporting.schema;

import org.civicpulse.reporting.clickhouse.ClickHouseConnection;
import org.civicpulse.reporting.clickhouse.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Brings a ClickHouse database to the current schema.
 *
 * <p>The schema is the numbered files {@code db/clickhouse/V001__…sql}, {@code V002__…}, … on the
 * classpath (in {@code reporting}'s jar). {@link #apply(ClickHouseConnection)} creates the database
 * if needed, checks that every migration already recorded in {@code schema_migrations} still has the
 * same checksum (and refuses to touch anything if one changed), then runs the missing ones in
 * version order, recording each after its last statement succeeded. Running it again is a no-op.
 *
 * <p>An applied migration is never edited: change the schema with a new file. A file is recorded
 * only after all its statements ran, so a run that dies mid-file redoes the whole file next time:
 * write statements that can run twice ({@code CREATE TABLE IF NOT EXISTS}), and since 18.16 has no
 * {@code ADD COLUMN IF NOT EXISTS}, give each {@code ALTER … ADD/DROP COLUMN} a file of its own.
 * Runs are not locked against each other: run migrations from one place (the run script's
 * {@link MigrateMain}, or a deployment's init job) before the jobs that write.
 */
public final class Migrations {

    private static final Logger log = LoggerFactory.getLogger(Migrations.class);

    /** Where the migration files live on the classpath. */
    public static final String LOCATION = "db/clickhouse";

    private Migrations() {
    }

    /** Applies the classpath migrations; returns those applied by this call (empty when up to date). */
    public static List<Migration> apply(ClickHouseConnection connection) {
        return apply(connection, load());
    }

    /** Applies the given migrations (sorted by version here); returns those applied by this call. */
    public static List<Migration> apply(ClickHouseConnection connection, List<Migration> migrations) {
        List<Migration> sorted = new ArrayList<>(migrations);
        sorted.sort(Comparator.comparingInt(Migration::version));
        checkUnique(sorted);
        connection.ensureDatabase();

        Map<Integer, AppliedMigration> applied = new LinkedHashMap<>();
        for (AppliedMigration a : applied(connection)) {
            applied.put(a.version(), a);
        }
        verifyChecksums(connection, sorted, applied);

        List<Migration> done = new ArrayList<>();
        for (Migration m : sorted) {
            if (applied.containsKey(m.version())) {
                continue;
            }
            log.info("Applying {} to {}", m.label(), connection.database());
            for (String statement : m.statements()) {
                try {
                    connection.execute(statement);
                } catch (RuntimeException e) {
                    throw new MigrationException("Migration " + m.label() + " failed on database "
                            + connection.database() + " (" + connection.serverVersion() + "): " + e.getMessage(), e);
                }
            }
            connection.execute(Sql.of("INSERT INTO schema_migrations (version, name, checksum, applied_at) "
                            + "VALUES (:version, :name, :checksum, :appliedAt)")
                    .bind("version", m.version())
                    .bind("name", m.name())
                    .bind("checksum", m.checksum())
                    .bind("appliedAt", Instant.now()));
            done.add(m);
        }
        if (done.isEmpty()) {
            log.info("ClickHouse schema of {} is up to date ({} migrations)", connection.database(), sorted.size());
        }
        return done;
    }

    /** The migrations recorded in the database, by version; empty when none ran yet. */
    public static List<AppliedMigration> applied(ClickHouseConnection connection) {
        long ledger = connection.queryLong(Sql.of(
                        "SELECT count() FROM system.tables WHERE database = :db AND name = 'schema_migrations'")
                .bind("db", connection.database()));
        if (ledger == 0) {
            return List.of();
        }
        return connection.query(Sql.of(
                        "SELECT version, name, checksum, applied_at FROM schema_migrations FINAL ORDER BY version"),
                row -> new AppliedMigration(row.getInt("version"), row.getString("name"),
                        row.getString("checksum"), row.getInstant("applied_at")));
    }

    private static void verifyChecksums(ClickHouseConnection connection, List<Migration> migrations,
                                        Map<Integer, AppliedMigration> applied) {
        Map<Integer, Migration> byVersion = new TreeMap<>();
        migrations.forEach(m -> byVersion.put(m.version(), m));
        List<String> problems = new ArrayList<>();
        for (AppliedMigration a : applied.values()) {
            Migration m = byVersion.get(a.version());
            if (m == null) {
                log.warn("Database {} has migration V{}__{} which this build does not know (a newer build ran?)",
                        connection.database(), a.version(), a.name());
            } else if (!m.checksum().equals(a.checksum())) {
                problems.add(m.label() + ": applied " + a.appliedAt() + " with checksum " + a.checksum()
                        + ", the file now has " + m.checksum());
            }
        }
        if (!problems.isEmpty()) {
            throw new MigrationException("Refusing to migrate database " + connection.database()
                    + ": applied migration(s) changed since they ran. Restore the original file(s) and put the"
                    + " change in a new migration.\n  " + String.join("\n  ", problems));
        }
    }

    private static void checkUnique(List<Migration> sorted) {
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).version() == sorted.get(i - 1).version()) {
                throw new MigrationException("Two migrations have version " + sorted.get(i).version() + ": "
                        + sorted.get(i - 1).label() + " and " + sorted.get(i).label());
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // Loading

    /** The migrations under {@link #LOCATION} on this class's classpath, by version. */
    public static List<Migration> load() {
        return load(LOCATION, Migrations.class.getClassLoader());
    }

    /**
     * The migrations in a classpath directory (in plain directories or jars), by version. Versions
     * must be unique and start at 1 without gaps.
     */
    public static List<Migration> load(String location, ClassLoader loader) {
        String dir = location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
        Map<String, String> files = new TreeMap<>();
        try {
            Enumeration<URL> urls = loader.getResources(dir);
            while (urls.hasMoreElements()) {
                collect(urls.nextElement(), dir, files);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list migrations in " + dir, e);
        }
        List<Migration> migrations = new ArrayList<>();
        files.forEach((file, text) -> migrations.add(Migration.fromFile(file, text)));
        migrations.sort(Comparator.comparingInt(Migration::version));
        checkUnique(migrations);
        for (int i = 0; i < migrations.size(); i++) {
            if (migrations.get(i).version() != i + 1) {
                throw new MigrationException("Migrations in " + dir + " must be numbered 1, 2, 3… without gaps; found "
                        + migrations.get(i).label() + " at position " + (i + 1));
            }
        }
        if (migrations.isEmpty()) {
            throw new MigrationException("No migration files (V001__name.sql) found in classpath directory " + dir);
        }
        return Collections.unmodifiableList(migrations);
    }

    private static void collect(URL url, String dir, Map<String, String> files) throws IOException {
        if ("file".equals(url.getProtocol())) {
            Path path;
            try {
                path = Path.of(url.toURI());
            } catch (URISyntaxException e) {
                throw new IOException("Bad migration directory URL " + url, e);
            }
            try (Stream<Path> children = Files.list(path)) {
                for (Path p : children.sorted().toList()) {
                    String name = p.getFileName().toString();
                    if (Migration.FILE_NAME.matcher(name).matches()) {
                        put(files, name, Files.readString(p, StandardCharsets.UTF_8), url);
                    }
                }
            }
            return;
        }
        URLConnection connection = url.openConnection();
        if (connection instanceof JarURLConnection jarConnection) {
            JarFile jar = jarConnection.getJarFile();
            String prefix = dir + "/";
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                String entryName = entry.getName();
                if (entry.isDirectory() || !entryName.startsWith(prefix) || entryName.indexOf('/', prefix.length()) >= 0) {
                    continue;
                }
                String name = entryName.substring(prefix.length());
                if (Migration.FILE_NAME.matcher(name).matches()) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        put(files, name, new String(in.readAllBytes(), StandardCharsets.UTF_8), url);
                    }
                }
            }
            return;
        }
        throw new IOException("Cannot list migration files at " + url + " (neither a directory nor a jar)");
    }

    private static void put(Map<String, String> files, String name, String text, URL where) {
        String previous = files.putIfAbsent(name, text);
        if (previous != null && !previous.equals(text)) {
            throw new MigrationException("Migration " + name + " exists twice on the classpath with different"
                    + " content (second copy at " + where + ")");
        }
    }
}
