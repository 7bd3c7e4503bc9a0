package org.civicpulse.reporting.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.ServerException;
import com.clickhouse.client.api.command.CommandResponse;
import com.clickhouse.client.api.command.CommandSettings;
import com.clickhouse.client.api.data_formats.ClickHouseBinaryFormatReader;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.client.api.metadata.TableSchema;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseColumn;
import com.clickhouse.data.ClickHouseFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One ClickHouse server and database, through {@code com.clickhouse:client-v2} 0.10.0 over HTTP.
 * Thread-safe; open one per application and close it on shutdown.
 *
 * <p>At {@link #connect} it asks the server for {@code version()} and adapts to it:
 * <ul>
 *   <li><b>Servers older than 20</b> (Debian's 18.16 on the build machines): HTTP compression off
 *   for requests and responses (18.16's LZ4 responses arrive empty), {@code default_format=Native}
 *   as a server setting and as the request format (the client's format header is unknown to 18.16),
 *   the database as the {@code database} server setting (the client's database header is ignored).
 *   Reads do not use the client's Native reader — in 0.10.0 it decodes Nullable columns as if they
 *   were RowBinary and returns garbage or fails — but ask {@code DESC (query)} for the result's
 *   columns and read the result as {@code RowBinary} with that schema (two round trips per read).
 *   {@code queryAll}/{@code queryRecords} are never used (they force RowBinaryWithNamesAndTypes,
 *   which 18.16 lacks).</li>
 *   <li><b>Current servers</b>: the client's defaults (compressed responses,
 *   RowBinaryWithNamesAndTypes reads, the database as the client's default database).</li>
 * </ul>
 *
 * <p>All values in SQL come from {@link Sql}; {@link #execute(String)} takes fixed text only (DDL).
 */
public final class ClickHouseConnection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClickHouseConnection.class);

    /** Servers with a major version below this get the 18.16 treatment. */
    public static final int FIRST_MODERN_MAJOR = 20;

    private static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");
    private static final DateTimeFormatter JSON_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final String SERVER_DATABASE = "default";
    private static final Pattern ERROR_CODE = Pattern.compile("Code: (\\d+)");

    private final ClickHouseSettings settings;
    private final ServerVersion version;
    private final boolean legacy;
    private final Client client;

    private ClickHouseConnection(ClickHouseSettings settings, ServerVersion version, Client client) {
        this.settings = settings;
        this.version = version;
        this.legacy = version.isOlderThan(FIRST_MODERN_MAJOR);
        this.client = client;
    }

    /**
     * Connects, detects the server version and configures the client for it. The database need not
     * exist yet (see {@link #ensureDatabase()}).
     *
     * @throws ClickHouseQueryException when the server cannot be reached or refuses the credentials
     */
    public static ClickHouseConnection connect(ClickHouseSettings settings) {
        Objects.requireNonNull(settings, "settings");
        ServerVersion version = detectVersion(settings);
        Client.Builder builder = baseBuilder(settings).setServerVersion(version.text());
        if (version.isOlderThan(FIRST_MODERN_MAJOR)) {
            builder.compressServerResponse(false)
                    .compressClientRequest(false)
                    .serverSetting("default_format", "Native")
                    .serverSetting("database", settings.database());
        } else {
            builder.setDefaultDatabase(settings.database());
        }
        ClickHouseConnection c = new ClickHouseConnection(settings, version, builder.build());
        log.info("Connected to ClickHouse {} at {} (database {}{})", version, settings.url(), settings.database(),
                c.legacy ? ", 18.16 compatibility mode" : "");
        return c;
    }

    /** Asks {@code SELECT version()} with settings every server version understands, without a database. */
    private static ServerVersion detectVersion(ClickHouseSettings settings) {
        try (Client probe = baseBuilder(settings)
                .compressServerResponse(false)
                .compressClientRequest(false)
                .serverSetting("default_format", "Native")
                .build()) {
            QuerySettings qs = new QuerySettings().setFormat(ClickHouseFormat.Native);
            String text;
            try (QueryResponse response = await(probe.query("SELECT version() AS v", qs));
                 ClickHouseBinaryFormatReader reader = probe.newBinaryFormatReader(response)) {
                if (!reader.hasNext()) {
                    throw new ClickHouseQueryException("ClickHouse at " + settings.url()
                            + " answered SELECT version() with no row", null);
                }
                reader.next();
                text = reader.getString("v");
            }
            return ServerVersion.parse(text);
        } catch (ClickHouseQueryException e) {
            throw e;
        } catch (Exception e) {
            throw failure("Cannot reach ClickHouse at " + settings.url() + " as " + settings.user(), null, e);
        }
    }

    private static Client.Builder baseBuilder(ClickHouseSettings settings) {
        return new Client.Builder()
                .addEndpoint(settings.url())
                .setUsername(settings.user())
                .setPassword(settings.password())
                .setConnectTimeout(10, ChronoUnit.SECONDS)
                .setClientName("civicpulse");
    }

    /** The server's version as detected at connect time. */
    public ServerVersion serverVersion() {
        return version;
    }

    /** True when the 18.16 compatibility settings are in use. */
    public boolean isLegacyServer() {
        return legacy;
    }

    /** The database queries run in. */
    public String database() {
        return settings.database();
    }

    public ClickHouseSettings settings() {
        return settings;
    }

    /** Creates the database if it does not exist yet. */
    public void ensureDatabase() {
        String sql = "CREATE DATABASE IF NOT EXISTS " + Sql.identifier(settings.database());
        CommandSettings cs = new CommandSettings();
        // The connection's own database may not exist yet: run this one in the server's default database.
        if (legacy) {
            cs.serverSetting("database", SERVER_DATABASE);
        } else {
            cs.setDatabase(SERVER_DATABASE);
        }
        run(sql, cs);
    }

    /**
     * Runs a statement without a result (DDL, {@code OPTIMIZE}, …). The text must be fixed SQL: any
     * value in it goes through {@link #execute(Sql)} instead.
     */
    public void execute(String sql) {
        Objects.requireNonNull(sql, "sql");
        run(sql, new CommandSettings());
    }

    /** Runs a statement without a result, rendered from a bound template. */
    public void execute(Sql sql) {
        execute(sql.render());
    }

    private void run(String sql, CommandSettings cs) {
        log.debug("execute: {}", sql);
        try (CommandResponse ignored = await(client.execute(sql, cs))) {
            // nothing to read
        } catch (Exception e) {
            throw failure("Statement failed", sql, e);
        }
    }

    /**
     * Runs a query and maps every row.
     *
     * <p>The SQL is a {@code SELECT} (or {@code UNION ALL} of them) without a {@code FORMAT} clause:
     * on 18.16 its columns are learnt from {@code DESC (query)}, so {@code SHOW}/{@code EXISTS}
     * statements do not work here (query {@code system.tables} etc. instead). Results are read as
     * RowBinary on every server version, which carries no totals: the extra row of
     * {@code WITH TOTALS} is not returned, compute totals with a query of their own.
     */
    public <T> List<T> query(Sql sql, RowMapper<T> mapper) {
        return query(sql, null, mapper);
    }

    /**
     * As {@link #query(Sql, RowMapper)} for a query whose result columns the caller knows, given as
     * {@code "name Type"} in result order (e.g. {@code "unit String"}, {@code "n Int64"}): on 18.16 the
     * {@code DESC} round trip is skipped, which matters for big queries because 18.16 builds their
     * {@code IN} sets while describing them (as long as the query itself). A wrong list misreads the
     * result: use it only for queries whose column types are fixed by their text.
     */
    public <T> List<T> query(Sql sql, List<String> columns, RowMapper<T> mapper) {
        Objects.requireNonNull(mapper, "mapper");
        String text = sql.render();
        log.debug("query: {}", text);
        List<T> out = new ArrayList<>();
        try {
            if (legacy) {
                TableSchema schema = columns == null ? describe(text) : schemaOf(columns);
                QuerySettings qs = new QuerySettings()
                        .setFormat(ClickHouseFormat.RowBinary)
                        .serverSetting("default_format", "RowBinary");
                try (QueryResponse response = await(client.query(text, qs));
                     ClickHouseBinaryFormatReader reader = client.newBinaryFormatReader(response, schema)) {
                    readAll(reader, mapper, out);
                }
            } else {
                QuerySettings qs = new QuerySettings().setFormat(ClickHouseFormat.RowBinaryWithNamesAndTypes);
                try (QueryResponse response = await(client.query(text, qs));
                     ClickHouseBinaryFormatReader reader = client.newBinaryFormatReader(response)) {
                    readAll(reader, mapper, out);
                }
            }
        } catch (ClickHouseQueryException e) {
            throw e;
        } catch (Exception e) {
            throw failure("Query failed", text, e);
        }
        return out;
    }

    private static <T> void readAll(ClickHouseBinaryFormatReader reader, RowMapper<T> mapper, List<T> out) {
        Row row = null;
        while (reader.hasNext()) {
            reader.next();
            if (row == null) {
                row = new ReaderRow(reader);
            }
            out.add(mapper.map(row));
        }
    }

    private static TableSchema schemaOf(List<String> columns) {
        List<ClickHouseColumn> out = new ArrayList<>();
        for (String c : columns) {
            int space = c.indexOf(' ');
            out.add(ClickHouseColumn.of(c.substring(0, space), c.substring(space + 1).strip()));
        }
        return new TableSchema(out);
    }

    /** The result columns of a query, from {@code DESC (query)} (18.16 path; read as Native: Strings only). */
    private TableSchema describe(String sql) throws Exception {
        List<ClickHouseColumn> columns = new ArrayList<>();
        QuerySettings qs = new QuerySettings().setFormat(ClickHouseFormat.Native);
        try (QueryResponse response = await(client.query("DESC (" + sql + "\n)", qs));
             ClickHouseBinaryFormatReader reader = client.newBinaryFormatReader(response)) {
            while (reader.hasNext()) {
                reader.next();
                columns.add(ClickHouseColumn.of(reader.getString("name"), reader.getString("type")));
            }
        }
        return new TableSchema(columns);
    }

    /**
     * The first column of the single result row as a long (e.g. {@code SELECT count() …}).
     *
     * @throws ClickHouseQueryException when the query returns no row or NULL
     */
    public long queryLong(Sql sql) {
        List<Long> values = query(sql, row -> row.getNullableLong(row.columnNames().get(0)));
        if (values.isEmpty() || values.get(0) == null) {
            throw new ClickHouseQueryException("Expected one non-NULL value from: " + Sql.abbreviate(sql.render()), null);
        }
        return values.get(0);
    }

    /**
     * Inserts rows in {@code JSONEachRow} format, one JSON object per element.
     *
     * <p>Values must be what ClickHouse's JSONEachRow parser takes for the column type: DateTime and
     * Nullable(DateTime) as {@code "YYYY-MM-DD hh:mm:ss"} strings <b>in the column's time zone</b>
     * ({@code Asia/Ho_Chi_Minh} throughout the schema; use {@link #jsonDateTime(Instant)}), Date as
     * {@code "YYYY-MM-DD"} ({@link #jsonDate(LocalDate)}), Enum8 as the name string, UInt8 flags as
     * 0/1, Nullable as {@code null}. Unknown keys are an error. 18.16 does not accept ISO-8601
     * {@code T}/{@code Z} timestamps here.
     *
     * @param table a table of this connection's database, or {@code database.table}
     */
    public void insertJsonEachRow(String table, List<String> jsonRows) {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(jsonRows, "jsonRows");
        if (!TABLE.matcher(table).matches()) {
            throw new IllegalArgumentException("Not an allowed table name: " + table);
        }
        if (jsonRows.isEmpty()) {
            return;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(jsonRows.size() * 256);
        for (String row : jsonRows) {
            body.writeBytes(Objects.requireNonNull(row, "json row").getBytes(StandardCharsets.UTF_8));
            body.write('\n');
        }
        InsertSettings is = new InsertSettings();
        if (legacy) {
            is.compressClientRequest(false);
        }
        log.debug("insert {} JSONEachRow rows into {}", jsonRows.size(), table);
        try (InsertResponse ignored = await(client.insert(table, new ByteArrayInputStream(body.toByteArray()),
                ClickHouseFormat.JSONEachRow, is))) {
            // done
        } catch (Exception e) {
            throw failure("Insert into " + table + " failed", "INSERT INTO " + table + " FORMAT JSONEachRow ("
                    + jsonRows.size() + " rows, first: " + jsonRows.get(0) + ")", e);
        }
    }

    /** An instant as JSONEachRow wants it for a {@code DateTime('Asia/Ho_Chi_Minh')} column. */
    public static String jsonDateTime(Instant instant) {
        return jsonDateTime(instant, Sql.SCHEMA_ZONE);
    }

    /** An instant as JSONEachRow wants it for a {@code DateTime(zone)} column (whole seconds). */
    public static String jsonDateTime(Instant instant, ZoneId zone) {
        return JSON_DATE_TIME.format(instant.truncatedTo(ChronoUnit.SECONDS).atZone(zone));
    }

    /** A date as JSONEachRow wants it for a {@code Date} column. */
    public static String jsonDate(LocalDate date) {
        return date.toString();
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return "ClickHouseConnection[" + settings.url() + "/" + settings.database() + ", " + version + "]";
    }

    // ------------------------------------------------------------------------------------------

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof Exception ex ? ex : e;
        }
    }

    private static ClickHouseQueryException failure(String what, String sql, Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root && !(root instanceof ServerException)) {
            root = root.getCause();
        }
        int code = root instanceof ServerException se ? se.getCode() : -1;
        if (root instanceof ServerException && code <= 0 && root.getMessage() != null) {
            // 18.16 sends no X-ClickHouse-Exception-Code header; the code is in the text.
            Matcher m = ERROR_CODE.matcher(root.getMessage());
            if (m.find()) {
                code = Integer.parseInt(m.group(1));
            }
        }
        String message = what + ": " + (root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage().trim());
        if (sql != null) {
            message += "\nSQL: " + Sql.abbreviate(sql);
        }
        return new ClickHouseQueryException(message, code, e);
    }
}
