package org.civicpulse.reporting.schema;

import org.civicpulse.reporting.clickhouse.ClickHouseConnection;
import org.civicpulse.reporting.clickhouse.ClickHouseSettings;
import org.civicpulse.reporting.clickhouse.Sql;
import org.civicpulse.reporting.testing.ClickHouseTestServer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The migrations against the real server, each test on a database of its own. */
class MigrationsTest {

    private static final String DT = "DateTime('Asia/Ho_Chi_Minh')";
    private static final String NDT = "Nullable(DateTime('Asia/Ho_Chi_Minh'))";

    /** The schema contract the streaming job writes against: table → column → type, in order. */
    private static final Map<String, List<String>> SCHEMA = new LinkedHashMap<>();

    static {
        SCHEMA.put("schema_migrations", List.of("version UInt32", "name String", "checksum String", "applied_at " + DT));
        SCHEMA.put("events", List.of("id String", "type String", "source String", "unit String", "aggregate_id String",
                "occurred_at " + DT, "ingested_at " + DT, "payload String"));
        SCHEMA.put("dossier_facts", List.of(
                "dossier_id String", "unit String", "procedure String",
                "channel Enum8('ONLINE' = 1, 'DIRECT' = 2, 'POSTAL' = 3)",
                "applicant Enum8('CITIZEN' = 1, 'BUSINESS' = 2)",
                "vneid UInt8", "full_process UInt8", "received_at " + DT, "due_at " + DT,
                "supplement_requests UInt16", "supplement_wait_seconds UInt32", "supplement_open_since " + NDT,
                "paid UInt8", "paid_online UInt8", "amount_vnd UInt64", "completed_at " + NDT,
                "outcome Enum8('NONE' = 0, 'APPROVED' = 1, 'REJECTED' = 2, 'STOPPED' = 3)",
                "e_result UInt8", "digitized UInt8", "reused_data UInt8",
                "returned_via Enum8('NONE' = 0, 'ONLINE' = 1, 'POSTAL' = 2, 'DIRECT' = 3)",
                "returned_at " + NDT, "rating Nullable(UInt8)", "rated_at " + NDT, "withdrawn_at " + NDT,
                "status Enum8('IN_PROGRESS' = 1, 'COMPLETED' = 2, 'WITHDRAWN' = 3)",
                "on_time Nullable(UInt8)", "overdue_now UInt8", "source String", "last_event_at " + DT,
                "event_count UInt32", "version UInt64"));
        SCHEMA.put("login_facts", List.of("event_id String", "unit String", "user_hash String",
                "method Enum8('VNEID' = 1, 'CITY_SSO' = 2, 'LOCAL' = 3)", "occurred_at " + DT));
        SCHEMA.put("document_facts", List.of("event_id String", "unit String", "document_id String",
                "electronic UInt8", "signed UInt8", "occurred_at " + DT));
        SCHEMA.put("probe_facts", List.of("event_id String", "unit String", "service String", "up UInt8",
                "latency_ms UInt32", "occurred_at " + DT));
        SCHEMA.put("feedback_facts", List.of("feedback_id String", "unit String", "dossier_id Nullable(String)",
                "received_at " + NDT, "answered_at " + NDT, "version UInt64"));
        SCHEMA.put("report_actions", List.of("event_id String", "unit String", "regime String", "period String",
                "action Enum8('SUBMITTED' = 1, 'APPROVED' = 2, 'RETURNED' = 3)", "values_json String",
                "by_user String", "comment String", "occurred_at " + DT));
        SCHEMA.put("org_units", List.of("code String", "name String",
                "level Enum8('CITY' = 1, 'DEPARTMENT' = 2, 'DISTRICT' = 3, 'COMMUNE' = 4)",
                "parent Nullable(String)", "valid_from Date", "valid_to Nullable(Date)", "version UInt64"));
        SCHEMA.put("procedures", List.of("code String", "name String", "field String", "authority_level String",
                "unit String", "full_process_eligible UInt8",
                "online_service Enum8('NONE' = 0, 'PARTIAL' = 1, 'FULL' = 2)", "national_portal UInt8",
                "ux_redesigned UInt8", "has_fee UInt8", "paper_result UInt8", "simplified UInt8",
                "legal_days UInt16", "version UInt64"));
        SCHEMA.put("report_archive", List.of("id String", "regime String", "unit String", "unit_name String",
                "period String", "version UInt32", "format Enum8('PDF' = 1, 'XLSX' = 2)", "doc_number String",
                "generated_at " + DT, "generated_by String", "trigger Enum8('SCHEDULE' = 1, 'MANUAL' = 2)",
                "sha256 String", "size_bytes UInt64", "path String"));
        SCHEMA.put("report_runs", List.of("run_id String", "regime String", "period String",
                "trigger Enum8('SCHEDULE' = 1, 'MANUAL' = 2)", "status Enum8('DONE' = 1, 'FAILED' = 2)",
                "reports UInt32", "error String", "started_at " + DT, "finished_at " + DT));
        SCHEMA.put("report_drafts", List.of("regime String", "unit String", "period String", "values_json String",
                "saved_by String", "saved_at " + DT));
        SCHEMA.put("dossier_rollup_builds", List.of("key String", "part UInt32", "fingerprint String",
                "build_id UInt64", "built " + DT));
        SCHEMA.put("dossier_rollup", List.of("build_id UInt64", "unit String", "seg UInt8", "sums Array(Int64)",
                "maxes Array(Int64)"));
        SCHEMA.put("dossier_rollup_open", List.of("build_id UInt64", "dossier_id String", "unit String",
                "procedure String", "channel Enum8('ONLINE' = 1, 'DIRECT' = 2, 'POSTAL' = 3)", "received_at " + DT,
                "due_at " + DT, "completed_at " + NDT, "withdrawn_at " + NDT,
                "status Enum8('IN_PROGRESS' = 1, 'COMPLETED' = 2, 'WITHDRAWN' = 3)", "supplement_requests UInt16",
                "supplement_wait_seconds UInt32", "supplement_open_since " + NDT, "rating Nullable(UInt8)",
                "returned_via Enum8('NONE' = 0, 'ONLINE' = 1, 'POSTAL' = 2, 'DIRECT' = 3)", "e_result UInt8",
                "digitized UInt8", "reused_data UInt8", "vneid UInt8", "full_process UInt8", "paid UInt8",
                "paid_online UInt8", "amount_vnd UInt64"));
        SCHEMA.put("org_mergers", List.of("old_code String", "new_code String", "effective Date",
                "merge_type String", "version UInt64"));
        SCHEMA.put("rejected_events", List.of("dead_letter_id String", "source String", "unit String",
                "received_at " + DT, "error_codes Array(String)", "first_error String", "payload String"));
    }

    /** table → engine_full prefix (engine + version column), partition key, sorting key. */
    private static final Map<String, List<String>> ENGINES = Map.ofEntries(
            Map.entry("schema_migrations", List.of("ReplacingMergeTree(applied_at)", "", "version")),
            Map.entry("events", List.of("ReplacingMergeTree()", "toYYYYMM(occurred_at)", "source, type, id")),
            Map.entry("dossier_facts", List.of("ReplacingMergeTree(version)", "toYYYYMM(received_at)", "dossier_id")),
            Map.entry("login_facts", List.of("ReplacingMergeTree()", "toYYYYMM(occurred_at)", "unit, event_id")),
            Map.entry("document_facts", List.of("ReplacingMergeTree()", "toYYYYMM(occurred_at)", "unit, event_id")),
            Map.entry("probe_facts", List.of("ReplacingMergeTree()", "toYYYYMM(occurred_at)", "unit, service, event_id")),
            Map.entry("feedback_facts", List.of("ReplacingMergeTree(version)", "", "feedback_id")),
            Map.entry("report_actions", List.of("ReplacingMergeTree()", "toYYYYMM(occurred_at)", "unit, regime, period, event_id")),
            Map.entry("org_units", List.of("ReplacingMergeTree(version)", "", "code, valid_from")),
            Map.entry("procedures", List.of("ReplacingMergeTree(version)", "", "code")),
            Map.entry("report_archive", List.of("ReplacingMergeTree()", "", "regime, period, unit, version, format, id")),
            Map.entry("report_runs", List.of("ReplacingMergeTree(finished_at)", "", "regime, period, run_id")),
            Map.entry("report_drafts", List.of("ReplacingMergeTree(saved_at)", "", "regime, unit, period")),
            Map.entry("dossier_rollup_builds", List.of("MergeTree", "", "key, part, build_id")),
            Map.entry("dossier_rollup", List.of("MergeTree", "", "build_id, unit, seg")),
            Map.entry("dossier_rollup_open", List.of("MergeTree", "", "build_id, unit")),
            Map.entry("org_mergers", List.of("ReplacingMergeTree(version)", "", "old_code, new_code, effective")),
            Map.entry("rejected_events", List.of("ReplacingMergeTree()", "toYYYYMM(received_at)", "source, dead_letter_id")));

    @Test
    void everyMigrationAppliesToAnEmptyDatabaseAndTheSecondRunIsANoOp() {
        ClickHouseSettings settings = ClickHouseTestServer.emptyDatabase("migrate_empty");
        try (ClickHouseConnection ch = ClickHouseConnection.connect(settings)) {
            List<Migration> applied = Migrations.apply(ch);
            assertThat(applied).extracting(Migration::version).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16);

            List<AppliedMigration> ledger = Migrations.applied(ch);
            assertThat(ledger).extracting(AppliedMigration::version).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16);
            assertThat(ledger).extracting(AppliedMigration::checksum)
                    .containsExactlyElementsOf(applied.stream().map(Migration::checksum).toList());
            assertThat(ledger).allSatisfy(a -> assertThat(a.appliedAt()).isNotNull());

            assertThat(Migrations.apply(ch)).isEmpty();
            assertThat(Migrations.apply(ch)).isEmpty();
            assertThat(ch.queryLong(Sql.of("SELECT count() FROM schema_migrations"))).isEqualTo(16);
        }
    }

    @Test
    void theSchemaIsExactlyTheContract() {
        ClickHouseSettings settings = ClickHouseTestServer.freshDatabase("migrate_contract");
        try (ClickHouseConnection ch = ClickHouseConnection.connect(settings)) {
            List<String> tables = ch.query(Sql.of("SELECT name FROM system.tables WHERE database = :db ORDER BY name")
                    .bind("db", ch.database()), r -> r.getString("name"));
            assertThat(tables).containsExactlyInAnyOrderElementsOf(SCHEMA.keySet());
            for (Map.Entry<String, List<String>> table : SCHEMA.entrySet()) {
                // system.columns lists a table's columns in declaration order (18.16 has no `position`)
                List<String> columns = ch.query(Sql.of("SELECT name, type FROM system.columns "
                                + "WHERE database = :db AND table = :t")
                        .bind("db", ch.database()).bind("t", table.getKey()),
                        r -> r.getString("name") + " " + r.getString("type"));
                assertThat(columns).as(table.getKey()).containsExactlyElementsOf(table.getValue());

                List<String> engine = ENGINES.get(table.getKey());
                List<List<String>> meta = ch.query(Sql.of("SELECT engine_full, partition_key, sorting_key "
                                + "FROM system.tables WHERE database = :db AND name = :t")
                        .bind("db", ch.database()).bind("t", table.getKey()),
                        r -> List.of(r.getString("engine_full"), r.getString("partition_key"), r.getString("sorting_key")));
                assertThat(meta.get(0).get(0)).as(table.getKey() + " engine").startsWith(engine.get(0));
                assertThat(meta.get(0).get(1)).as(table.getKey() + " partition").isEqualTo(engine.get(1));
                assertThat(meta.get(0).get(2)).as(table.getKey() + " order").isEqualTo(engine.get(2));
            }
        }
    }

    @Test
    void aChangedMigrationIsRefusedBeforeAnythingRuns() {
        ClickHouseSettings settings = ClickHouseTestServer.freshDatabase("migrate_changed");
        try (ClickHouseConnection ch = ClickHouseConnection.connect(settings)) {
            List<Migration> tampered = new ArrayList<>(Migrations.load());
            Migration original = tampered.get(2);
            String changedSql = String.join(";\n", original.statements())
                    .replaceAll("event_count\\s+UInt32", "event_count UInt64")
                    + ";\n";
            tampered.set(2, Migration.of(3, original.name(), changedSql));
            assertThat(tampered.get(2).checksum()).isNotEqualTo(original.checksum());
            tampered.add(Migration.of(17, "would_be_next", "CREATE TABLE IF NOT EXISTS next_one (x UInt8) "
                    + "ENGINE = MergeTree() ORDER BY x;"));

            assertThatThrownBy(() -> Migrations.apply(ch, tampered))
                    .isInstanceOf(MigrationException.class)
                    .hasMessageContaining("V003__dossier_facts")
                    .hasMessageContaining(original.checksum())
                    .hasMessageContaining("changed");
            assertThat(ch.queryLong(Sql.of("SELECT count() FROM system.tables WHERE database = :db AND name = 'next_one'")
                    .bind("db", ch.database()))).isZero();
            assertThat(Migrations.applied(ch)).hasSize(16);
        }
    }

    @Test
    void newMigrationsApplyIncrementallyAndFailedOnesAreNotRecorded() {
        ClickHouseSettings settings = ClickHouseTestServer.emptyDatabase("migrate_incremental");
        try (ClickHouseConnection ch = ClickHouseConnection.connect(settings)) {
            List<Migration> base = Migrations.load("db/test-ok", getClass().getClassLoader());
            // V001 is the real ledger migration; the test-ok files are renumbered after it
            List<Migration> v1v2 = List.of(Migrations.load().get(0), renumber(base.get(0), 2));
            assertThat(Migrations.apply(ch, v1v2)).extracting(Migration::version).containsExactly(1, 2);
            assertThat(ch.queryLong(Sql.of("SELECT sum(x) FROM two"))).isEqualTo(3);

            Migration broken = Migration.of(3, "broken", "ALTER TABLE one ADD COLUMN z Strin;");
            List<Migration> withBroken = List.of(v1v2.get(0), v1v2.get(1), broken);
            assertThatThrownBy(() -> Migrations.apply(ch, withBroken))
                    .isInstanceOf(MigrationException.class)
                    .hasMessageContaining("V003__broken");
            assertThat(Migrations.applied(ch)).extracting(AppliedMigration::version).containsExactly(1, 2);

            List<Migration> fixed = List.of(v1v2.get(0), v1v2.get(1), renumber(base.get(1), 3));
            assertThat(Migrations.apply(ch, fixed)).extracting(Migration::label).containsExactly("V003__add_y");
            assertThat(ch.queryLong(Sql.of("SELECT count() FROM system.columns WHERE database = :db "
                    + "AND table = 'one' AND name = 'y'").bind("db", ch.database()))).isEqualTo(1);
            assertThat(Migrations.apply(ch, fixed)).isEmpty();
        }
    }

    @Test
    void duplicateVersionsAreRefused() {
        ClickHouseSettings settings = ClickHouseTestServer.emptyDatabase("migrate_dup");
        try (ClickHouseConnection ch = ClickHouseConnection.connect(settings)) {
            List<Migration> dup = List.of(Migration.of(1, "a", "SELECT 1;"), Migration.of(1, "b", "SELECT 2;"));
            assertThatThrownBy(() -> Migrations.apply(ch, dup))
                    .isInstanceOf(MigrationException.class)
                    .hasMessageContaining("version 1");
        }
    }

    private static Migration renumber(Migration m, int version) {
        return new Migration(version, m.name(), m.statements(), m.checksum());
    }
}
