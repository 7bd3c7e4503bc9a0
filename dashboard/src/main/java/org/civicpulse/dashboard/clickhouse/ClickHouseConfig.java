package org.civicpulse.dashboard.clickhouse;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.civicpulse.reporting.clickhouse.ClickHouseConnection;
import org.civicpulse.reporting.clickhouse.ClickHouseSettings;
import org.civicpulse.reporting.schema.Migration;
import org.civicpulse.reporting.schema.Migrations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one ClickHouse connection of the app, with the schema brought up to date at start-up (reporting's
 * migrations; a no-op when current).
 */
@Configuration(proxyBeanMethods = false)
public class ClickHouseConfig {

    private static final Logger log = LoggerFactory.getLogger(ClickHouseConfig.class);

    @Bean
    ClickHouseSettings clickHouseSettings(ClickHouseProperties p) {
        return settings(p, System.getenv());
    }

    static ClickHouseSettings settings(ClickHouseProperties p, Map<String, String> env) {
        ClickHouseSettings fromEnv = ClickHouseSettings.fromEnv(env);
        return new ClickHouseSettings(
                blank(p.url()) ? fromEnv.url() : p.url(),
                blank(p.database()) ? fromEnv.database() : p.database(),
                blank(p.user()) ? fromEnv.user() : p.user(),
                p.password() == null ? fromEnv.password() : p.password());
    }

    @Bean(destroyMethod = "close")
    ClickHouseConnection clickHouseConnection(ClickHouseSettings settings, ClickHouseProperties p) {
        ClickHouseConnection connection = ClickHouseConnection.connect(settings);
        if (p.migrate()) {
            try {
                List<Migration> applied = Migrations.apply(connection);
                log.info("ClickHouse schema of {} at {}: {} migration(s) applied now", settings.database(),
                        settings.url(), applied.size());
            } catch (RuntimeException e) {
                connection.close();
                throw e;
            }
        }
        return connection;
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
