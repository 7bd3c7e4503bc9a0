package org.civicpulse.reporting.schema;

import java.time.Instant;

/** A row of {@code schema_migrations}: a migration as it was applied to the database. */
public record AppliedMigration(int version, String name, String checksum, Instant appliedAt) {
}
