package org.civicpulse.reporting.testing;

import org.civicpulse.reporting.clickhouse.ClickHouseConnection;
import org.civicpulse.reporting.clickhouse.ClickHouseSettings;
import org.civicpulse.reporting.clickhouse.Sql;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClickHouseTestServerTest {

    @Test
    void oneServerPerJvm() {
        assertThat(ClickHouseTestServer.shared()).isSameAs(ClickHouseTestServer.shared());
        if (System.getenv("CLICKHOUSE_URL") == null) {
            assertThat(ClickHouseTestServer.findBinary()).isPresent();
            assertThat(ClickHouseTestServer.shared().url()).startsWith("http://127.0.0.1:");
        }
    }

    @Test
    void freshDatabasesAreSeparateAndMigrated() {
        ClickHouseSettings a = ClickHouseTestServer.freshDatabase("Fresh-Test");
        ClickHouseSettings b = ClickHouseTestServer.freshDatabase("Fresh-Test");
        assertThat(a.database()).startsWith("fresh_test_").isNotEqualTo(b.database());
        assertThat(a.url()).isEqualTo(b.url());
        try (ClickHouseConnection ca = ClickHouseConnection.connect(a);
             ClickHouseConnection cb = ClickHouseConnection.connect(b)) {
            assertThat(ca.queryLong(Sql.of("SELECT count() FROM schema_migrations FINAL"))).isEqualTo(16);
            ca.insertJsonEachRow("probe_facts", java.util.List.of("{\"event_id\":\"e1\",\"unit\":\"U\",\"service\":\"s\","
                    + "\"up\":1,\"latency_ms\":5,\"occurred_at\":\"2026-01-01 00:00:00\"}"));
            assertThat(ca.queryLong(Sql.of("SELECT count() FROM probe_facts"))).isEqualTo(1);
            assertThat(cb.queryLong(Sql.of("SELECT count() FROM probe_facts"))).isZero();
        }
    }

    @Test
    void emptyDatabaseIsOnlyAName() {
        ClickHouseSettings s = ClickHouseTestServer.emptyDatabase("9 weird prefix!");
        assertThat(s.database()).matches("t_9_weird_prefix__\\d+_[0-9a-f]{8}");
        try (ClickHouseConnection c = ClickHouseConnection.connect(s.withDatabase("default"))) {
            assertThat(c.queryLong(Sql.of("SELECT count() FROM system.databases WHERE name = :db")
                    .bind("db", s.database()))).isZero();
        }
    }
}
