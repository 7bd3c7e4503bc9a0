-- V014: dossier rollups — pre-aggregated dossier measures per (query, month partition), written by the
-- KPI engine, so that a KPI query reads a few hundred rows per quiet month instead of its dossiers.
--
-- Why: every dossier KPI is a count or a sum over dossier_facts FINAL. On ClickHouse 18.16 FINAL is a
-- single-stream merging read, and the KPI expressions over ~1 M dossiers of a period cost seconds at
-- 10 M facts. A month of dossier_facts (partition toYYYYMM(received_at)) that has not been written to
-- for a while does not change, so its part of every aggregate can be computed once and summed later.
--
-- How (org.civicpulse.reporting.kpi.DossierRollup):
--   * A build is one month partition aggregated by one query (its SQL, hashed into `key`, fixes the
--     period, unit scope, segments and every KPI condition), tagged with the partition's fingerprint
--     (its highest block number and data version in system.parts: any insert or mutation changes it,
--     merges do not). A build is used only while the fingerprint still matches, and a month written to
--     again is read from dossier_facts until it is quiet again and rebuilt.
--   * For a period still open ("now" moves), a build holds only the dossiers settled (completed or
--     withdrawn) before `built`: their figures do not depend on "now". The month's other dossiers are
--     copied into dossier_rollup_open and evaluated at query time with the exact same conditions.
--   * Feedback links (P6f) are not in builds: they change without touching the dossier partition, so
--     the engine adds them at query time from feedback_facts.
--
-- Engines: plain MergeTree — builds are written once and never updated, and a superseded build (older
-- fingerprint) is deleted after its replacement is written. No partitioning: the tables are small
-- (a few hundred rows per build in dossier_rollup).

CREATE TABLE IF NOT EXISTS dossier_rollup_builds
(
    key         String,                                 -- SHA-256 of the build query
    part        UInt32,                                 -- the dossier_facts partition (YYYYMM)
    fingerprint String,                                 -- 'max block.max data version' when built
    build_id    UInt64,
    built       DateTime('Asia/Ho_Chi_Minh')            -- the engine's "now" at build time
)
ENGINE = MergeTree
ORDER BY (key, part, build_id);

-- One row per (build, unit, segment): the measure columns of the build query, in the engine's order.
CREATE TABLE IF NOT EXISTS dossier_rollup
(
    build_id UInt64,
    unit     String,
    seg      UInt8,
    sums     Array(Int64),                              -- counts and sums: added across builds
    maxes    Array(Int64)                               -- newest times: max across builds
)
ENGINE = MergeTree
ORDER BY (build_id, unit, seg);

-- The dossiers of a build's month that were still in progress (open period builds only), exactly one
-- row per dossier (copied from dossier_facts FINAL), with the columns the KPI conditions read.
CREATE TABLE IF NOT EXISTS dossier_rollup_open
(
    build_id                UInt64,
    dossier_id              String,
    unit                    String,
    procedure               String,
    channel                 Enum8('ONLINE' = 1, 'DIRECT' = 2, 'POSTAL' = 3),
    received_at             DateTime('Asia/Ho_Chi_Minh'),
    due_at                  DateTime('Asia/Ho_Chi_Minh'),
    completed_at            Nullable(DateTime('Asia/Ho_Chi_Minh')),
    withdrawn_at            Nullable(DateTime('Asia/Ho_Chi_Minh')),
    status                  Enum8('IN_PROGRESS' = 1, 'COMPLETED' = 2, 'WITHDRAWN' = 3),
    supplement_requests     UInt16,
    supplement_wait_seconds UInt32,
    supplement_open_since   Nullable(DateTime('Asia/Ho_Chi_Minh')),
    rating                  Nullable(UInt8),
    returned_via            Enum8('NONE' = 0, 'ONLINE' = 1, 'POSTAL' = 2, 'DIRECT' = 3),
    e_result                UInt8,
    digitized               UInt8,
    reused_data             UInt8,
    vneid                   UInt8,
    full_process            UInt8,
    paid                    UInt8,
    paid_online             UInt8,
    amount_vnd              UInt64
)
ENGINE = MergeTree
ORDER BY (build_id, unit);
