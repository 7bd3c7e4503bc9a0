package org.civicpulse.reporting.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.civicpulse.reporting.clickhouse.ClickHouseConnection;
import org.civicpulse.reporting.clickhouse.Row;
import org.civicpulse.reporting.clickhouse.Sql;

/**
 * The report archive: files under a root directory, metadata in ClickHouse ({@code report_archive}, V011).
 *
 * <p>A report's files live at {@code <regime>/<period>/<unit>/<regime>_<unit>_<period>_v<version>.<ext>}.
 * Every generation is a new version: the files are created with {@code CREATE_NEW}, so an existing file is never
 * overwritten — when two generators race for the same version, the loser takes the next one. The metadata row
 * is written after both files are on disk, with the file's SHA-256 and size.
 */
public final class ReportArchive {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._\\-]{0,127}");
    private static final String COLUMNS = """
            id, regime, unit, unit_name, period, version, toString(format) AS format, doc_number,
            toInt64(generated_at) AS ts, generated_by, toString(trigger) AS trigger, sha256, size_bytes, path""";

    private final ClickHouseConnection ch;
    private final Path root;

    public ReportArchive(ClickHouseConnection ch, Path root) {
        this.ch = Objects.requireNonNull(ch, "ch");
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** The next free version of a report (1 for the first). */
    public int nextVersion(ReportKey key) {
        long stored = ch.queryLong(Sql.of("""
                SELECT toInt64(max(version)) FROM report_archive
                WHERE regime = :regime AND unit = :unit AND period = :period""")
                .bind("regime", key.regime()).bind("unit", key.unit()).bind("period", key.period()));
        return (int) stored + 1;
    }

    /** The document number given to earlier versions of the report, if any. */
    public Optional<String> docNumber(ReportKey key) {
        List<String> n = ch.query(Sql.of("""
                SELECT doc_number FROM report_archive
                WHERE regime = :regime AND unit = :unit AND period = :period
                ORDER BY version LIMIT 1""")
                .bind("regime", key.regime()).bind("unit", key.unit()).bind("period", key.period()),
                r -> r.getString("doc_number"));
        return n.stream().findFirst();
    }

    /** How many different reports (regime × period) of {@code unit} were archived with a period of {@code year}. */
    public int reportsOfYear(String unit, int year) {
        return (int) ch.queryLong(Sql.of("""
                SELECT uniqExact(regime, period) FROM report_archive
                WHERE unit = :unit AND substring(period, 1, 4) = :year""")
                .bind("unit", unit).bind("year", Integer.toString(year)));
    }

    /**
     * Writes the PDF and XLSX of one report version and records them. When {@code version} is taken on disk
     * (a concurrent generator), the next free one is used; the stored version is in the result.
     *
     * @param render renders the document for a version (the version is printed in the files)
     */
    public List<ArchivedFile> store(ReportKey key, String unitName, int version, java.util.function.IntFunction<Rendered> render,
                                    String docNumber, ArchivedFile.Trigger trigger, String by, Instant generatedAt) {
        for (String part : List.of(key.regime(), key.unit(), key.period())) {
            if (!SAFE.matcher(part).matches()) {
                throw new IllegalArgumentException("not a safe path element: " + part);
            }
        }
        Path dir = root.resolve(key.regime()).resolve(key.period()).resolve(key.unit());
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the archive directory " + dir, e);
        }
        int v = version;
        for (int attempt = 0; attempt < 100; attempt++, v++) {
            String stem = key.regime() + "_" + key.unit() + "_" + key.period() + "_v" + v;
            Path pdf = dir.resolve(stem + ".pdf");
            Path xlsx = dir.resolve(stem + ".xlsx");
            if (Files.exists(xlsx) || !claim(pdf)) {
                continue;
            }
            Rendered r = render.apply(v);
            try {
                Files.write(pdf, r.pdf(), StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                write(xlsx, r.xlsx());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the report files " + stem, e);
            }
            List<ArchivedFile> files = List.of(
                    file(key, unitName, v, ArchivedFile.Format.PDF, docNumber, generatedAt, by, trigger, r.pdf(), pdf),
                    file(key, unitName, v, ArchivedFile.Format.XLSX, docNumber, generatedAt, by, trigger, r.xlsx(), xlsx));
            List<String> rows = new ArrayList<>();
            for (ArchivedFile f : files) {
                rows.add(json(f));
            }
            ch.insertJsonEachRow("report_archive", rows);
            return files;
        }
        throw new IllegalStateException("no free version for " + key + " from v" + version);
    }

    /** The two files of a rendered report version. */
    public record Rendered(byte[] pdf, byte[] xlsx) {
    }

    /** Creates an empty file; false when it exists (another generator took this version). */
    private static boolean claim(Path file) {
        try (OutputStream ignored = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file, e);
        }
    }

    private static void write(Path file, byte[] content) throws IOException {
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            out.write(content);
        }
    }

    private ArchivedFile file(ReportKey key, String unitName, int version, ArchivedFile.Format format, String docNumber,
                              Instant at, String by, ArchivedFile.Trigger trigger, byte[] content, Path path) {
        return new ArchivedFile(UUID.randomUUID().toString(), key.regime(), key.unit(), unitName, key.period(), version,
                format, docNumber, at, by, trigger, sha256(content), content.length,
                root.relativize(path).toString().replace('\\', '/'));
    }

    private static String json(ArchivedFile f) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", f.id());
        n.put("regime", f.regime());
        n.put("unit", f.unit());
        n.put("unit_name", f.unitName());
        n.put("period", f.period());
        n.put("version", f.version());
        n.put("format", f.format().name());
        n.put("doc_number", f.docNumber());
        n.put("generated_at", ClickHouseConnection.jsonDateTime(f.generatedAt()));
        n.put("generated_by", f.generatedBy());
        n.put("trigger", f.trigger().name());
        n.put("sha256", f.sha256());
        n.put("size_bytes", f.size());
        n.put("path", f.path());
        return n.toString();
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Archive rows matching the filters (null = any), newest first; {@code units} null = every unit, empty =
     * none (a caller whose scope has no unit).
     */
    public List<ArchivedFile> list(String regime, String period, java.util.Collection<String> units, int limit) {
        if (units != null && units.isEmpty()) {
            return List.of();
        }
        StringBuilder where = new StringBuilder("1");
        if (regime != null) {
            where.append(" AND regime = :regime");
        }
        if (period != null) {
            where.append(" AND period = :period");
        }
        if (units != null) {
            where.append(" AND unit IN :units");
        }
        Sql sql = Sql.of("SELECT " + COLUMNS + " FROM report_archive WHERE " + where
                + " ORDER BY generated_at DESC, regime, period, unit, version DESC, format LIMIT :limit");
        if (regime != null) {
            sql = sql.bind("regime", regime);
        }
        if (period != null) {
            sql = sql.bind("period", period);
        }
        if (units != null) {
            sql = sql.bind("units", new java.util.TreeSet<>(units));
        }
        return ch.query(sql.bind("limit", Math.max(1, Math.min(limit, 10_000))), ReportArchive::map);
    }

    /** Every archived file of one report, by version then format. */
    public List<ArchivedFile> versions(ReportKey key) {
        return ch.query(Sql.of("SELECT " + COLUMNS + """
                 FROM report_archive WHERE regime = :regime AND unit = :unit AND period = :period
                ORDER BY version, format""")
                .bind("regime", key.regime()).bind("unit", key.unit()).bind("period", key.period()), ReportArchive::map);
    }

    public Optional<ArchivedFile> find(String id) {
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        return ch.query(Sql.of("SELECT " + COLUMNS + " FROM report_archive WHERE id = :id LIMIT 1").bind("id", id),
                ReportArchive::map).stream().findFirst();
    }

    /** The file on disk; refuses paths that leave the archive directory. */
    public Path path(ArchivedFile f) {
        Path p = root.resolve(f.path()).normalize();
        if (!p.startsWith(root)) {
            throw new IllegalArgumentException("archive path outside the archive: " + f.path());
        }
        return p;
    }

    /** The file's bytes, checked against the stored SHA-256. */
    public byte[] read(ArchivedFile f) {
        try {
            byte[] b = Files.readAllBytes(path(f));
            if (!sha256(b).equals(f.sha256())) {
                throw new IllegalStateException("archived file " + f.path() + " does not match its SHA-256 " + f.sha256());
            }
            return b;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read archived file " + f.path(), e);
        }
    }

    private static ArchivedFile map(Row r) {
        return new ArchivedFile(r.getString("id"), r.getString("regime"), r.getString("unit"), r.getString("unit_name"),
                r.getString("period"), r.getInt("version"), ArchivedFile.Format.valueOf(r.getString("format")),
                r.getString("doc_number"), Instant.ofEpochSecond(r.getLong("ts")), r.getString("generated_by"),
                ArchivedFile.Trigger.valueOf(r.getString("trigger")), r.getString("sha256"), r.getLong("size_bytes"),
                r.getString("path"));
    }
}
