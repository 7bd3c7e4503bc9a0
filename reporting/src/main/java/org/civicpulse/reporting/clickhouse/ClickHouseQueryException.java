package org.civicpulse.reporting.clickhouse;

/**
 * A statement failed: the server refused it, the connection broke or a result could not be read.
 * The message carries the server's error and the start of the statement.
 */
public class ClickHouseQueryException extends RuntimeException {

    private final int serverCode;

    public ClickHouseQueryException(String message, Throwable cause) {
        this(message, -1, cause);
    }

    public ClickHouseQueryException(String message, int serverCode, Throwable cause) {
        super(message, cause);
        this.serverCode = serverCode;
    }

    /** ClickHouse's error code (e.g. 60 unknown table, 62 syntax error), or -1 when not a server error. */
    public int serverCode() {
        return serverCode;
    }
}
