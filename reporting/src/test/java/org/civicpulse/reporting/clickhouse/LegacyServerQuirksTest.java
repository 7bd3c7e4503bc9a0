package org.civicpulse.reporting.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.data_formats.ClickHouseBinaryFormatReader;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;
import org.civicpulse.reporting.testing.ClickHouseTestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Pins down, against the real server, why {@link ClickHouseConnection} configures client-v2 0.10.0
 * the way it does for 18.16. When the client or the server is upgraded and one of these starts
 * failing, the workaround it documents may be obsolete. On a current server they pass trivially.
 */
class LegacyServerQuirksTest {

    private static ClickHouseSettings settings;
    private static boolean legacy;

    @BeforeAll
    static void detect() {
        settings = ClickHouseTestServer.shared();
        try (ClickHouseConnection c = ClickHouseConnection.connect(settings.withDatabase("default"))) {
            legacy = c.isLegacyServer();
        }
    }

    private static Client.Builder client() {
        return new Client.Builder().addEndpoint(settings.url()).setUsername(settings.user()).setPassword(settings.password());
    }

    private static List<String> readStrings(Client c, String sql, QuerySettings qs) throws Exception {
        List<String> out = new ArrayList<>();
        try (QueryResponse r = c.query(sql, qs).get();
             ClickHouseBinaryFormatReader reader = c.newBinaryFormatReader(r)) {
            while (reader.hasNext()) {
                reader.next();
                Object v = reader.readValue(reader.getSchema().getColumns().get(0).getColumnName());
                out.add(String.valueOf(v));
            }
        }
        return out;
    }

    @Test
    void withDefaultSettingsTheResponseIsEmpty() throws Exception {
        if (!legacy) {
            return;
        }
        // LZ4-compressed responses of 18.16 arrive as an empty body: no rows, no error
        try (Client c = client().build()) {
            Throwable t = catchThrowable(() -> assertThat(readStrings(c, "SELECT 'x' AS v", new QuerySettings())).isEmpty());
            // depending on timing the reader either sees no row or fails on the missing header
            if (t != null) {
                assertThat(t).isNotInstanceOf(AssertionError.class);
            }
        }
    }

    @Test
    void nativeReaderOfTheClientMisreadsNullableColumns() throws Exception {
        if (!legacy) {
            return;
        }
        try (Client c = client().compressServerResponse(false).compressClientRequest(false)
                .serverSetting("default_format", "Native").build()) {
            String sql = "SELECT if(number = 1, NULL, toString(number)) AS v FROM system.numbers LIMIT 3";
            Throwable t = catchThrowable(() -> {
                List<String> values = readStrings(c, sql, new QuerySettings().setFormat(ClickHouseFormat.Native));
                assertThat(values).isNotEqualTo(List.of("0", "null", "2"));
            });
            if (t instanceof AssertionError e) {
                throw new AssertionError("client-v2 now reads Nullable columns in Native format correctly: "
                        + "ClickHouseConnection's DESC + RowBinary detour on 18.16 may be dropped", e);
            }
        }
        // ... and our reading path gets them right
        try (ClickHouseConnection ours = ClickHouseConnection.connect(settings.withDatabase("default"))) {
            assertThat(ours.query(Sql.of("SELECT if(number = 1, NULL, toString(number)) AS v FROM system.numbers LIMIT 3"),
                    r -> String.valueOf(r.getString("v")))).containsExactly("0", "null", "2");
        }
    }

    @Test
    void theClientsDatabaseOptionIsIgnoredButTheServerSettingWorks() throws Exception {
        if (!legacy) {
            return;
        }
        Client.Builder base = client().compressServerResponse(false).compressClientRequest(false)
                .serverSetting("default_format", "Native");
        QuerySettings native_ = new QuerySettings().setFormat(ClickHouseFormat.Native);
        try (Client c = base.setDefaultDatabase("system").build()) {
            assertThat(readStrings(c, "SELECT currentDatabase() AS db", native_)).containsExactly("default");
        }
        try (Client c = client().compressServerResponse(false).compressClientRequest(false)
                .serverSetting("default_format", "Native").serverSetting("database", "system").build()) {
            assertThat(readStrings(c, "SELECT currentDatabase() AS db", native_)).containsExactly("system");
        }
    }

    /** Why DossierRollup reads a dossier's newest row through a tuple (and what a plain argMax would give). */
    @Test
    void argMaxOfANullableSkipsTheNewestNullButNotThroughATuple() {
        try (ClickHouseConnection c = ClickHouseConnection.connect(settings.withDatabase("default"))) {
            String rows = "(SELECT arrayJoin([(1, toNullable(toUInt8(7))), (2, CAST(NULL AS Nullable(UInt8)))]) AS r,"
                    + " r.1 AS version, r.2 AS x)";
            long plain = c.queryLong(Sql.of("SELECT ifNull(argMax(x, version), 0) FROM " + rows));
            long viaTuple = c.queryLong(Sql.of("SELECT ifNull(tupleElement(argMax(tuple(x), version), 1), 0) FROM " + rows));
            assertThat(viaTuple).as("the newest row's NULL, read through a tuple").isZero();
            if (legacy) {
                assertThat(plain).as("18.16: argMax skips the NULL and answers the older 7").isEqualTo(7);
            }
        }
    }
}
