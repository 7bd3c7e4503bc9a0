-- V002: events — every accepted event as it arrived, for audit and freshness.
--
-- The Flink job writes each event once it passed validation and de-duplication. Readers use it to
-- show "last event from <source> at …" (data freshness per source system), to trace a KPI figure
-- back to the raw events, and to re-derive facts if a fact table ever needs rebuilding.
--
-- Columns: the event envelope of the contract (docs/DESIGN.md, "Events") plus aggregate_id (the
-- Kafka key: dossierId, feedbackId, …), ingested_at (when CivicPulse accepted it) and payload
-- (the original JSON object, verbatim).
--
-- Engine: ReplacingMergeTree() without a version column: an event id is globally unique and
-- re-sending it is a no-op by contract, so duplicates (a replay after a Flink restart) are
-- identical rows and any one of them may survive a merge. Query with FINAL when exact counts
-- matter.
-- Partition: toYYYYMM(occurred_at) in the city's time zone — months are how data is read, aged
-- and, if ever needed, dropped.
-- Order key: (source, type, id) — the de-duplication key starts with the columns freshness and
-- audit queries filter on ("events of type X from source Y").

CREATE TABLE IF NOT EXISTS events
(
    id           String,
    type         String,
    source       String,
    unit         String,
    aggregate_id String,
    occurred_at  DateTime('Asia/Ho_Chi_Minh'),
    ingested_at  DateTime('Asia/Ho_Chi_Minh'),
    payload      String
)
ENGINE = ReplacingMergeTree()
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (source, type, id);
