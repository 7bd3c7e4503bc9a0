-- V007: feedback_facts — one row per citizen feedback or complaint (feedback.received/answered).
--
-- Feeds the responsiveness KPIs: feedback answered / received, and time to answer. dossier_id links
-- a feedback to the dossier it is about, when the source knows it. received_at or answered_at is
-- NULL until that event arrived (events may arrive in either order).
--
-- Engine: ReplacingMergeTree(version) — the Flink job upserts the row with a higher version on
-- each event; read with FINAL.
-- Partition: none. A feedback received in one month may be answered in another, and the replacing
-- key must stay in one partition for merges to fold its versions; the table is small.
-- Order key: feedback_id, the replacing key.

CREATE TABLE IF NOT EXISTS feedback_facts
(
    feedback_id String,
    unit        String,
    dossier_id  Nullable(String),
    received_at Nullable(DateTime('Asia/Ho_Chi_Minh')),
    answered_at Nullable(DateTime('Asia/Ho_Chi_Minh')),
    version     UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY feedback_id;
