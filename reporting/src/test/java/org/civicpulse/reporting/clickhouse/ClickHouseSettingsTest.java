package org.civicpulse.reporting.clickhouse;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClickHouseSettingsTest {

    @Test
    void readsTheFourVariables() {
        ClickHouseSettings s = ClickHouseSettings.fromEnv(Map.of(
                "CLICKHOUSE_URL", "http://ch.example:8124",
                "CLICKHOUSE_DATABASE", "kpi",
                "CLICKHOUSE_USER", "reader",
                "CLICKHOUSE_PASSWORD", "s3cret"));
        assertThat(s).isEqualTo(new ClickHouseSettings("http://ch.example:8124", "kpi", "reader", "s3cret"));
    }

    @Test
    void defaultsWhenUnset() {
        ClickHouseSettings s = ClickHouseSettings.fromEnv(Map.of());
        assertThat(s.url()).isEqualTo("http://127.0.0.1:8123");
        assertThat(s.database()).isEqualTo("civicpulse");
        assertThat(s.user()).isEqualTo("default");
        assertThat(s.password()).isEmpty();
        assertThat(ClickHouseSettings.fromEnv(Map.of("CLICKHOUSE_DATABASE", " ")).database()).isEqualTo("civicpulse");
    }

    @Test
    void neverPrintsThePassword() {
        assertThat(new ClickHouseSettings(null, null, null, "s3cret").toString())
                .doesNotContain("s3cret").contains("****");
    }

    @Test
    void refusesBadUrlsAndDatabaseNames() {
        assertThatThrownBy(() -> new ClickHouseSettings("ch.example:8123", null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClickHouseSettings("tcp://ch:9000", null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClickHouseSettings(null, "civic-pulse", null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClickHouseSettings(null, "x`; DROP DATABASE y", null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withDatabaseKeepsTheRest() {
        ClickHouseSettings s = new ClickHouseSettings("http://h:1", "a", "u", "p").withDatabase("b");
        assertThat(s).isEqualTo(new ClickHouseSettings("http://h:1", "b", "u", "p"));
    }

    @Test
    void parsesServerVersions() {
        assertThat(ServerVersion.parse("18.16.1")).isEqualTo(new ServerVersion(18, 16, 1, "18.16.1"));
        assertThat(ServerVersion.parse("24.8.4.13").isOlderThan(20)).isFalse();
        assertThat(ServerVersion.parse("18.16.1").isOlderThan(20)).isTrue();
        assertThat(ServerVersion.parse("19.17").patch()).isZero();
        assertThat(ServerVersion.parse("20.3.1")).isGreaterThan(ServerVersion.parse("19.17.9"));
        assertThatThrownBy(() -> ServerVersion.parse("unknown")).isInstanceOf(IllegalArgumentException.class);
    }
}
