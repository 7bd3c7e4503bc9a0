package org.civicpulse.dashboard.clickhouse;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code civicpulse.clickhouse.*}. Each of url, database, user and password falls back to the
 * environment variable that reporting's {@code ClickHouseSettings.fromEnv()} reads ({@code CLICKHOUSE_URL},
 * {@code CLICKHOUSE_DATABASE}, {@code CLICKHOUSE_USER}, {@code CLICKHOUSE_PASSWORD}) and then to its
 * default ({@code http://127.0.0.1:8123}, {@code civicpulse}, {@code default}, empty).
 *
 * @param migrate     apply reporting's schema migrations at start-up (default true)
 * @param orgRefresh  how long the cached org tree is used before it is read again
 */
@ConfigurationProperties("civicpulse.clickhouse")
public record ClickHouseProperties(String url, String database, String user, String password,
                                   @DefaultValue("true") boolean migrate,
                                   @DefaultValue("60s") Duration orgRefresh) {

    /** Never prints the password. */
    @Override
    public String toString() {
        return "ClickHouseProperties[url=" + url + ", database=" + database + ", user=" + user + ", migrate=" + migrate + "]";
    }
}
