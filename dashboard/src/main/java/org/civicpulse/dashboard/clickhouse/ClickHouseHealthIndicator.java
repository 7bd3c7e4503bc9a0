package org.civicpulse.dashboard.clickhouse;

import org.civicpulse.reporting.clickhouse.ClickHouseConnection;
import org.civicpulse.reporting.clickhouse.Sql;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/** {@code clickhouse} in /actuator/health and the readiness group: the server answers a trivial query. */
@Component("clickhouse")
public class ClickHouseHealthIndicator implements HealthIndicator {

    private static final Sql PING = Sql.of("SELECT 1");

    private final ClickHouseConnection connection;

    public ClickHouseHealthIndicator(ClickHouseConnection connection) {
        this.connection = connection;
    }

    @Override
    public Health health() {
        try {
            connection.queryLong(PING);
            return Health.up().withDetail("server", connection.serverVersion().toString())
                    .withDetail("database", connection.database()).build();
        } catch (RuntimeException e) {
            return Health.down().withDetail("error", e.getMessage()).build();
        }
    }
}
