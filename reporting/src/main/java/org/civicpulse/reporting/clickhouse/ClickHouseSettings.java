package org.civicpulse.reporting.clickhouse;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * Where and as whom to reach ClickHouse.
 *
 * @param url      the HTTP interface, e.g. {@code http://127.0.0.1:8123}
 * @param database the database every query runs in ({@value #DEFAULT_DATABASE} when blank)
 * @param user     the user ({@value #DEFAULT_USER} when blank)
 * @param password the password (empty when {@code null})
 */
public record ClickHouseSettings(String url, String database, String user, String password) {

    public static final String DEFAULT_URL = "http://127.0.0.1:8123";
    public static final String DEFAULT_DATABASE = "civicpulse";
    public static final String DEFAULT_USER = "default";

    public ClickHouseSettings {
        url = blank(url) ? DEFAULT_URL : url.trim();
        database = blank(database) ? DEFAULT_DATABASE : database.trim();
        user = blank(user) ? DEFAULT_USER : user.trim();
        password = password == null ? "" : password;
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ClickHouse URL is not a URL: " + url, e);
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())
                || uri.getHost() == null) {
            throw new IllegalArgumentException("ClickHouse URL must be http(s)://host:port, got " + url);
        }
        if (!Sql.IDENTIFIER.matcher(database).matches()) {
            throw new IllegalArgumentException("ClickHouse database name must match " + Sql.IDENTIFIER.pattern()
                    + ", got " + database);
        }
    }

    /**
     * Reads {@code CLICKHOUSE_URL}, {@code CLICKHOUSE_DATABASE}, {@code CLICKHOUSE_USER} and
     * {@code CLICKHOUSE_PASSWORD}; each unset one takes its default ({@value #DEFAULT_URL},
     * {@value #DEFAULT_DATABASE}, {@value #DEFAULT_USER}, empty password).
     */
    public static ClickHouseSettings fromEnv() {
        return fromEnv(System.getenv());
    }

    /** As {@link #fromEnv()}, from the given variables. */
    public static ClickHouseSettings fromEnv(Map<String, String> env) {
        return new ClickHouseSettings(env.get("CLICKHOUSE_URL"), env.get("CLICKHOUSE_DATABASE"),
                env.get("CLICKHOUSE_USER"), env.get("CLICKHOUSE_PASSWORD"));
    }

    /** The same server and user, another database. */
    public ClickHouseSettings withDatabase(String otherDatabase) {
        return new ClickHouseSettings(url, Objects.requireNonNull(otherDatabase, "database"), user, password);
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "ClickHouseSettings[url=" + url + ", database=" + database + ", user=" + user
                + ", password=" + (password.isEmpty() ? "<empty>" : "****") + "]";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
