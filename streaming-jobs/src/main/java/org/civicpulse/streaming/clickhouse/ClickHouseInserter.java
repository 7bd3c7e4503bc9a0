package org.civicpulse.streaming.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link RowInserter} on ClickHouse's Java client v2 (0.10.0): {@code INSERT … FORMAT JSONEachRow}
 * over HTTP. At open it asks the server's version ({@code SELECT version()} as TabSeparated, which
 * every version answers) and, for an old server such as 18.16, switches the client to the settings
 * that server needs: no compression either way, the database as a server setting,
 * {@code default_format=Native}.
 */
public final class ClickHouseInserter implements RowInserter {

    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseInserter.class);

    private final Client client;
    private final ServerVersion version;
    private final long timeoutMillis;

    private ClickHouseInserter(Client client, ServerVersion version, long timeoutMillis) {
        this.client = client;
        this.version = version;
        this.timeoutMillis = timeoutMillis;
    }

    /** Detects the server version and opens a client configured for it. */
    public static ClickHouseInserter open(ClickHouseSinkSettings s) throws Exception {
        ServerVersion version = detectVersion(s);
        Client client = clientFor(s, version).build();
        LOG.info("ClickHouse sink connected to {} (server {}{}), database {}", s.url(), version,
                version.legacy() ? ", compatibility settings for old servers" : "", s.database());
        return new ClickHouseInserter(client, version, s.requestTimeout().toMillis());
    }

    /** The client builder for a server of this version (also used by tests to read back). */
    public static Client.Builder clientFor(ClickHouseSinkSettings s, ServerVersion version) {
        Client.Builder b = base(s).setServerVersion(version.text());
        if (version.legacy()) {
            b.compressServerResponse(false)
                    .compressClientRequest(false)
                    .serverSetting("database", s.database())
                    .serverSetting("default_format", "Native");
        } else {
            b.setDefaultDatabase(s.database());
        }
        return b;
    }

    /** {@code SELECT version()} with a client that works against any server version. */
    public static ServerVersion detectVersion(ClickHouseSinkSettings s) throws Exception {
        try (Client probe = base(s).compressServerResponse(false).compressClientRequest(false).build();
             QueryResponse r = probe.query("SELECT version()",
                     new QuerySettings().setFormat(ClickHouseFormat.TabSeparated))
                     .get(s.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
            return ServerVersion.parse(new String(r.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static Client.Builder base(ClickHouseSinkSettings s) {
        return new Client.Builder()
                .addEndpoint(s.url())
                .setUsername(s.user())
                .setPassword(s.password())
                .setClientName("civicpulse-streaming-jobs")
                .setConnectTimeout(10, ChronoUnit.SECONDS)
                .setSocketTimeout(s.requestTimeout().toMillis(), ChronoUnit.MILLIS);
    }

    public ServerVersion serverVersion() {
        return version;
    }

    @Override
    public void insert(String table, byte[] rows, int rowCount) throws Exception {
        try (InsertResponse ignored = client.insert(table, new ByteArrayInputStream(rows),
                ClickHouseFormat.JSONEachRow, new InsertSettings())
                .get(timeoutMillis, TimeUnit.MILLISECONDS)) {
            LOG.debug("inserted {} rows into {}", rowCount, table);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
