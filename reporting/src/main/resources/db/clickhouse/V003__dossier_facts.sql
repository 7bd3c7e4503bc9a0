-- V003: dossier_facts — one row per administrative dossier, its whole life so far.
--
-- The Flink job keeps per-dossier state (received → supplements → paid → completed → returned →
-- rated, or withdrawn) and upserts the complete row after every event, with a higher version each
-- time. Most KPIs of the plan are counts and ratios over this table (received, completed, on time,
-- full-process online, VNeID, online payment, e-results, digitisation, satisfaction, …).
--
-- Engine: ReplacingMergeTree(version) — an upsert is an insert with a larger version; merges keep
-- the latest row per dossier_id, and readers use FINAL (or argMax) to see exactly one row per
-- dossier before a merge has happened.
-- Partition: toYYYYMM(received_at) — received_at never changes for a dossier, so all versions of a
-- row land in the same partition (ReplacingMergeTree only de-duplicates within a partition).
-- Order key: dossier_id — the replacing key; it must not include anything that changes over a
-- dossier's life (unit, status, …).
--
-- Conventions: UInt8 flags are 0/1. supplement_wait_seconds sums the closed "waiting for the
-- applicant's supplement" pauses; supplement_open_since is set while a pause is still open. on_time
-- is NULL while the dossier is in progress and 1/0 once the streaming job decided it at completion.
-- overdue_now is the job's SLA timer: 1 once an in-progress dossier passed its due time.
-- Times are DateTime('Asia/Ho_Chi_Minh'): period boundaries are local dates of the city.

CREATE TABLE IF NOT EXISTS dossier_facts
(
    dossier_id              String,
    unit                    String,
    procedure               String,
    channel                 Enum8('ONLINE' = 1, 'DIRECT' = 2, 'POSTAL' = 3),
    applicant               Enum8('CITIZEN' = 1, 'BUSINESS' = 2),
    vneid                   UInt8,
    full_process            UInt8,
    received_at             DateTime('Asia/Ho_Chi_Minh'),
    due_at                  DateTime('Asia/Ho_Chi_Minh'),
    supplement_requests     UInt16,
    supplement_wait_seconds UInt32,
    supplement_open_since   Nullable(DateTime('Asia/Ho_Chi_Minh')),
    paid                    UInt8,
    paid_online             UInt8,
    amount_vnd              UInt64,
    completed_at            Nullable(DateTime('Asia/Ho_Chi_Minh')),
    outcome                 Enum8('NONE' = 0, 'APPROVED' = 1, 'REJECTED' = 2, 'STOPPED' = 3),
    e_result                UInt8,
    digitized               UInt8,
    reused_data             UInt8,
    returned_via            Enum8('NONE' = 0, 'ONLINE' = 1, 'POSTAL' = 2, 'DIRECT' = 3),
    returned_at             Nullable(DateTime('Asia/Ho_Chi_Minh')),
    rating                  Nullable(UInt8),
    rated_at                Nullable(DateTime('Asia/Ho_Chi_Minh')),
    withdrawn_at            Nullable(DateTime('Asia/Ho_Chi_Minh')),
    status                  Enum8('IN_PROGRESS' = 1, 'COMPLETED' = 2, 'WITHDRAWN' = 3),
    on_time                 Nullable(UInt8),
    overdue_now             UInt8,
    source                  String,
    last_event_at           DateTime('Asia/Ho_Chi_Minh'),
    event_count             UInt32,
    version                 UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(received_at)
ORDER BY dossier_id;
