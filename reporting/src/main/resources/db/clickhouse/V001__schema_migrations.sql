-- V001: the migration ledger.
--
-- One row per migration file applied to this database: its number, its name, the SHA-256 of its
-- statements (comment lines excluded, so documentation-only edits to a file keep its checksum) and
-- when it ran. org.civicpulse.reporting.schema.Migrations reads it to apply only what is missing and
-- refuses to run when an applied file's statements have changed since.
--
-- Engine: ReplacingMergeTree(applied_at), because two migration runs racing each other may both
-- record the same version; the ledger is read with FINAL, which keeps the latest row per version.
-- No partition: a handful of rows for the life of the database.
-- Order key: version, the identity of a row.
--
-- Every migration must be safe to run again (CREATE … IF NOT EXISTS): a run that dies between two
-- statements of a file is completed by the next run.

CREATE TABLE IF NOT EXISTS schema_migrations
(
    version    UInt32,
    name       String,
    checksum   String,
    applied_at DateTime('Asia/Ho_Chi_Minh')
)
ENGINE = ReplacingMergeTree(applied_at)
ORDER BY version;
