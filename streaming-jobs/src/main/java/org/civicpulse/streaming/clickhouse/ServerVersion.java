package org.civicpulse.streaming.clickhouse;

/**
 * A ClickHouse server version as {@code SELECT version()} prints it, e.g. {@code 18.16.1} or
 * {@code 24.8.4.13}.
 */
public record ServerVersion(int major, int minor, String text) {

    /**
     * Servers before 20.x (the build machines' Debian 18.16; the same cut as reporting's
     * ClickHouseConnection) need client-v2's compatibility mode:
     * response and request compression off, {@code default_format=Native} and the database as a
     * server setting (docs/DESIGN.md, Environment facts → ClickHouse). Newer servers use the
     * client's defaults.
     */
    public boolean legacy() {
        return major < 20;
    }

    public static ServerVersion parse(String text) {
        String t = text == null ? "" : text.trim();
        String[] parts = t.split("\\.");
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            return new ServerVersion(major, minor, t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a ClickHouse version: \"" + t + "\"", e);
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
