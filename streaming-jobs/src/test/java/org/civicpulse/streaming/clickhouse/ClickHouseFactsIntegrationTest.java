package org.civicpulse.streaming.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.civicpulse.reporting.clickhouse.ClickHouseConnection;
import org.civicpulse.reporting.clickhouse.ClickHouseSettings;
import org.civicpulse.reporting.clickhouse.Row;
import org.civicpulse.reporting.clickhouse.Sql;
import org.civicpulse.reporting.testing.ClickHouseTestServer;
import org.civicpulse.streaming.BoundedSource;
import org.civicpulse.streaming.EventFactsJob;
import org.civicpulse.streaming.FactSinks;
import org.civicpulse.streaming.JobScenario;
import org.civicpulse.streaming.TestEvents;
import org.civicpulse.streaming.model.TableRow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole facts job on a bounded source with the real ClickHouse sink, against a real ClickHouse
 * (reporting's {@link ClickHouseTestServer}: CLICKHOUSE_URL or a private server; never skipped) whose
 * schema comes from reporting's migrations.
 */
class ClickHouseFactsIntegrationTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    private static ClickHouseSettings database;

    @BeforeAll
    static void database() {
        database = ClickHouseTestServer.freshDatabase("streaming_facts");
    }

    private static ClickHouseSinkSettings sinkSettings() {
        return ClickHouseSinkSettings.of(database.url(), database.database(), database.user(), database.password())
                .withMaxBufferedRows(4) // exercise size-triggered inserts as well as the final flush
                .withRetries(2, Duration.ofMillis(100), Duration.ofMillis(200));
    }

    private static void runJob() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        new EventFactsJob(BoundedSource.of(JobScenario.records()), BoundedSource.of(JobScenario.deadLetters()),
                FactSinks.clickHouse(sinkSettings())).build(env);
        env.execute("event-facts-clickhouse-test");
    }

    private static List<Map<String, String>> select(ClickHouseConnection c, String sql) {
        return c.query(Sql.of(sql), ClickHouseFactsIntegrationTest::asMap);
    }

    private static Map<String, String> asMap(Row row) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String col : row.columnNames()) {
            m.put(col, row.getString(col));
        }
        return m;
    }

    @Test
    void writesOneFactRowPerDossierAndTheSameRowsWhenRunAgain() throws Exception {
        runJob();

        try (ClickHouseConnection c = ClickHouseConnection.connect(database)) {
            List<Map<String, String>> dossiers = select(c, "SELECT * FROM dossier_facts FINAL ORDER BY dossier_id");
            assertThat(dossiers).extracting(m -> m.get("dossier_id")).containsExactly("D-1", "D-2", "D-3", "D-4");

            Map<String, String> d1 = dossiers.get(0);
            assertThat(d1.get("status")).isEqualTo("COMPLETED");
            assertThat(d1.get("on_time")).isEqualTo("1");
            assertThat(d1.get("channel")).isEqualTo("ONLINE");
            assertThat(d1.get("outcome")).isEqualTo("APPROVED");
            assertThat(d1.get("returned_via")).isEqualTo("POSTAL");
            assertThat(d1.get("supplement_wait_seconds")).isEqualTo(String.valueOf(36 * 3600));
            assertThat(d1.get("amount_vnd")).isEqualTo("100000");
            assertThat(d1.get("rating")).isEqualTo("4");
            assertThat(d1.get("version")).isEqualTo("14");
            c.query(Sql.of("SELECT received_at, completed_at FROM dossier_facts FINAL WHERE dossier_id = 'D-1'"),
                    r -> {
                        assertThat(r.getInstant("received_at")).isEqualTo(TestEvents.days(0).toInstant());
                        assertThat(r.getInstant("completed_at")).isEqualTo(TestEvents.days(6).toInstant());
                        return r;
                    });

            assertThat(dossiers.get(1).get("overdue_now")).isEqualTo("1");
            assertThat(dossiers.get(1).get("on_time")).isNull();
            assertThat(dossiers.get(2).get("status")).isEqualTo("WITHDRAWN");
            assertThat(dossiers.get(3).get("on_time")).isEqualTo("0");

            assertThat(c.queryLong(Sql.of("SELECT count() FROM events FINAL"))).isEqualTo(25);
            assertThat(c.queryLong(Sql.of("SELECT count() FROM feedback_facts FINAL"))).isEqualTo(1);
            assertThat(c.queryLong(Sql.of("SELECT count() FROM login_facts FINAL"))).isEqualTo(1);
            assertThat(c.queryLong(Sql.of("SELECT count() FROM document_facts FINAL"))).isEqualTo(1);
            assertThat(c.queryLong(Sql.of("SELECT count() FROM probe_facts FINAL"))).isEqualTo(1);
            assertThat(c.queryLong(Sql.of("SELECT count() FROM report_actions FINAL"))).isEqualTo(1);
            assertThat(c.queryLong(Sql.of("SELECT count() FROM org_units FINAL"))).isEqualTo(1);
            assertThat(c.queryLong(Sql.of("SELECT count() FROM procedures FINAL"))).isEqualTo(1);
            assertThat(c.queryLong(Sql.of("SELECT count() FROM org_mergers FINAL"))).isEqualTo(1);
            Map<String, String> fb = select(c, "SELECT * FROM feedback_facts FINAL").get(0);
            assertThat(fb.get("dossier_id")).isEqualTo("D-1");
            assertThat(fb.get("version")).isEqualTo("2");
            Map<String, String> report = select(c, "SELECT * FROM report_actions FINAL").get(0);
            assertThat(report.get("action")).isEqualTo("SUBMITTED");
            assertThat(report.get("comment")).isEqualTo("số liệu tháng 11");
            Map<String, String> unit = select(c, "SELECT * FROM org_units FINAL").get(0);
            assertThat(unit.get("name")).isEqualTo("Phường Cầu Giấy");
            assertThat(unit.get("valid_to")).isNull();
            Map<String, String> merger = select(c, "SELECT * FROM org_mergers FINAL").get(0);
            assertThat(merger).containsEntry("old_code", "HN-DV").containsEntry("new_code", "HN-CG")
                    .containsEntry("effective", "2025-07-01").containsEntry("merge_type", "PART");

            List<Map<String, String>> rejected = select(c, "SELECT dead_letter_id, source, unit, first_error, payload "
                    + "FROM rejected_events FINAL ORDER BY dead_letter_id");
            assertThat(rejected).extracting(m -> m.get("dead_letter_id")).containsExactly("civicpulse.rejected.v1-0@0",
                    "civicpulse.rejected.v1-0@1", "civicpulse.rejected.v1-0@2", "civicpulse.rejected.v1-0@3");
            assertThat(rejected.get(0)).containsEntry("source", "one-stop-shop").containsEntry("unit", TestEvents.UNIT)
                    .containsEntry("first_error", "MISSING_FIELD").containsEntry("payload", JobScenario.MISSING_DUE_AT);
            assertThat(rejected.get(1)).containsEntry("source", "portal").containsEntry("unit", "")
                    .containsEntry("first_error", "MALFORMED_JSON").containsEntry("payload", JobScenario.BROKEN_LINE);
            assertThat(rejected.get(2)).containsEntry("source", "catalog").containsEntry("unit", "");
            assertThat(rejected.get(3)).containsEntry("source", "").containsEntry("unit", "")
                    .containsEntry("first_error", "UNREADABLE_DEAD_LETTER");
            c.query(Sql.of("SELECT received_at, error_codes FROM rejected_events FINAL "
                            + "WHERE dead_letter_id = 'civicpulse.rejected.v1-0@0'"),
                    r -> {
                        assertThat(r.getInstant("received_at")).isEqualTo(TestEvents.days(0.5).toInstant());
                        assertThat(r.<String>getList("error_codes")).containsExactly("MISSING_FIELD", "MISSING_FIELD");
                        return r;
                    });
            // what the KPI engine will count: rejected lines per unit
            assertThat(c.queryLong(Sql.of("SELECT count() FROM rejected_events FINAL WHERE unit = :u")
                    .bind("u", TestEvents.UNIT))).isEqualTo(1);

            List<Map<String, String>> everything = snapshot(c);

            runJob(); // a replay (as after a restart from an older checkpoint) changes nothing

            assertThat(select(c, "SELECT * FROM dossier_facts FINAL ORDER BY dossier_id")).isEqualTo(dossiers);
            assertThat(snapshot(c)).isEqualTo(everything);
        }
    }

    private static List<Map<String, String>> snapshot(ClickHouseConnection c) {
        List<Map<String, String>> all = new ArrayList<>();
        all.addAll(select(c, "SELECT * FROM dossier_facts FINAL ORDER BY dossier_id"));
        all.addAll(select(c, "SELECT * FROM feedback_facts FINAL ORDER BY feedback_id"));
        all.addAll(select(c, "SELECT * FROM events FINAL ORDER BY id"));
        all.addAll(select(c, "SELECT * FROM login_facts FINAL ORDER BY event_id"));
        all.addAll(select(c, "SELECT * FROM document_facts FINAL ORDER BY event_id"));
        all.addAll(select(c, "SELECT * FROM probe_facts FINAL ORDER BY event_id"));
        all.addAll(select(c, "SELECT * FROM report_actions FINAL ORDER BY event_id"));
        all.addAll(select(c, "SELECT * FROM org_units FINAL ORDER BY code"));
        all.addAll(select(c, "SELECT * FROM procedures FINAL ORDER BY code"));
        all.addAll(select(c, "SELECT * FROM org_mergers FINAL ORDER BY old_code, new_code"));
        all.addAll(select(c, "SELECT dead_letter_id, source, unit, received_at, arrayStringConcat(error_codes, ',') AS codes, "
                + "first_error, payload FROM rejected_events FINAL ORDER BY dead_letter_id"));
        return all;
    }

    @Test
    void theInserterDetectsTheServerAndWritesRows() throws Exception {
        ClickHouseSettings own = ClickHouseTestServer.freshDatabase("streaming_insert");
        ClickHouseSinkSettings s = ClickHouseSinkSettings.of(own.url(), own.database(), own.user(), own.password());
        try (ClickHouseInserter inserter = ClickHouseInserter.open(s)) {
            assertThat(inserter.serverVersion().text()).matches("\\d+\\.\\d+.*");
            TableRow row = new TableRow("login_facts", "{\"event_id\":\"x-1\",\"unit\":\"U\",\"user_hash\":\"h\","
                    + "\"method\":\"LOCAL\",\"occurred_at\":\"2026-11-02 08:00:00\"}");
            inserter.insert(row.table, (row.json + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8), 1);
        }
        try (ClickHouseConnection c = ClickHouseConnection.connect(own)) {
            assertThat(c.queryLong(Sql.of("SELECT count() FROM login_facts WHERE event_id = 'x-1'"))).isEqualTo(1);
        }
    }

    @Test
    void aRejectedInsertFailsAfterItsRetries() {
        ClickHouseSinkSettings s = sinkSettings();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> {
            try (ClickHouseInserter inserter = ClickHouseInserter.open(s)) {
                inserter.insert("no_such_table", "{\"a\":1}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), 1);
            }
        }).hasMessageContaining("no_such_table");
    }
}
