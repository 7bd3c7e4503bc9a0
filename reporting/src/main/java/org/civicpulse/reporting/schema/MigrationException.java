package org.civicpulse.reporting.schema;

/** The schema cannot be brought up to date (a changed or broken migration, or a failed statement). */
public class MigrationException extends RuntimeException {

    public MigrationException(String message) {
        super(message);
    }

    public MigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
