-- V011: report_archive — one row per generated report file (PDF or XLSX), the archive's metadata.
--
-- The files themselves live under the archive directory (civicpulse.reports.archive-dir), at
-- <regime>/<period>/<unit>/<regime>_<unit>_<period>_v<version>.<pdf|xlsx>; path is relative to that
-- directory. Regenerating a report writes a new version (files are created, never overwritten), so
-- (regime, unit, period, version, format) identifies one immutable file; sha256 and size_bytes let
-- anyone check it. doc_number is the administrative number ("12/BC-UBND"), kept across versions.
-- trigger is SCHEDULE (the period-close run) or MANUAL ("generate now", by generated_by).
--
-- Engine: ReplacingMergeTree() — rows are written once; a replayed insert of the same id folds.
-- Partition: none (a few thousand rows a year: 141 units × 12 months × 2 files + city reports).
-- Order key: (regime, period, unit, version, format, id) — the archive list filters by regime and
-- period, a report's versions are read by (regime, period, unit).

CREATE TABLE IF NOT EXISTS report_archive
(
    id           String,
    regime       String,
    unit         String,
    unit_name    String,
    period       String,
    version      UInt32,
    format       Enum8('PDF' = 1, 'XLSX' = 2),
    doc_number   String,
    generated_at DateTime('Asia/Ho_Chi_Minh'),
    generated_by String,
    trigger      Enum8('SCHEDULE' = 1, 'MANUAL' = 2),
    sha256       String,
    size_bytes   UInt64,
    path         String
)
ENGINE = ReplacingMergeTree()
ORDER BY (regime, period, unit, version, format, id);
