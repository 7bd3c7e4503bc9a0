package org.civicpulse.reporting.clickhouse;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A ClickHouse server version as {@code SELECT version()} reports it, e.g. {@code 18.16.1} or
 * {@code 24.8.4.13}.
 */
public record ServerVersion(int major, int minor, int patch, String text) implements Comparable<ServerVersion> {

    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?.*");

    public static ServerVersion parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("No server version");
        }
        Matcher m = VERSION.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("Unrecognised ClickHouse version: " + text);
        }
        return new ServerVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3)), text.trim());
    }

    /** True when this version's major number is below {@code major}. */
    public boolean isOlderThan(int major) {
        return this.major < major;
    }

    @Override
    public int compareTo(ServerVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c != 0 ? c : Integer.compare(patch, o.patch);
    }

    @Override
    public String toString() {
        return text;
    }
}
