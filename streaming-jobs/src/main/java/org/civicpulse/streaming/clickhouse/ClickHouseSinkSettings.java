package org.civicpulse.streaming.clickhouse;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how the sink writes.
 *
 * @param url             ClickHouse HTTP endpoint, e.g. {@code http://127.0.0.1:8123}
 * @param database        database holding the tables (created by reporting's migrations)
 * @param maxBufferedRows a table's buffer is inserted when it holds this many rows (default 5000)
 * @param flushInterval   every buffer is inserted at least this often (default 1 s)
 * @param maxAttempts     tries per insert before the job fails (and restarts from its checkpoint)
 * @param initialBackoff  wait after the first failed try; doubles up to {@code maxBackoff}
 * @param requestTimeout  how long one insert may take
 */
public record ClickHouseSinkSettings(
        String url,
        String database,
        String user,
        String password,
        int maxBufferedRows,
        Duration flushInterval,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration requestTimeout) implements Serializable {

    public static final int DEFAULT_MAX_BUFFERED_ROWS = 5000;
    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(1);
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(500);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(8);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);

    public ClickHouseSinkSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(database, "database");
        user = user == null ? "default" : user;
        password = password == null ? "" : password;
        if (maxBufferedRows < 1) {
            throw new IllegalArgumentException("maxBufferedRows must be ≥ 1, got " + maxBufferedRows);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be ≥ 1, got " + maxAttempts);
        }
        Objects.requireNonNull(flushInterval, "flushInterval");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
    }

    /** Defaults for everything but the connection. */
    public static ClickHouseSinkSettings of(String url, String database, String user, String password) {
        return new ClickHouseSinkSettings(url, database, user, password, DEFAULT_MAX_BUFFERED_ROWS,
                DEFAULT_FLUSH_INTERVAL, DEFAULT_MAX_ATTEMPTS, DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF,
                DEFAULT_REQUEST_TIMEOUT);
    }

    public ClickHouseSinkSettings withMaxBufferedRows(int rows) {
        return new ClickHouseSinkSettings(url, database, user, password, rows, flushInterval, maxAttempts,
                initialBackoff, maxBackoff, requestTimeout);
    }

    public ClickHouseSinkSettings withFlushInterval(Duration interval) {
        return new ClickHouseSinkSettings(url, database, user, password, maxBufferedRows, interval, maxAttempts,
                initialBackoff, maxBackoff, requestTimeout);
    }

    public ClickHouseSinkSettings withRetries(int attempts, Duration initial, Duration max) {
        return new ClickHouseSinkSettings(url, database, user, password, maxBufferedRows, flushInterval, attempts,
                initial, max, requestTimeout);
    }

    @Override
    public String toString() { // no password in logs
        return "ClickHouseSinkSettings[url=" + url + ", database=" + database + ", user=" + user
                + ", maxBufferedRows=" + maxBufferedRows + ", flushInterval=" + flushInterval
                + ", maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff + ", maxBackoff="
                + maxBackoff + ", requestTimeout=" + requestTimeout + "]";
    }
}
