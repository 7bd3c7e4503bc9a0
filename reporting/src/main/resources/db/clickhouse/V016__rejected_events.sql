-- V016: rejected_events — every line ingestion rejected (its dead letter), so that KPIs can count
-- rejections next to the accepted events (O5r, share of events rejected) per source and unit.
--
-- Ingestion writes each rejected line to the Kafka topic civicpulse.rejected.v1 (which keeps them
-- too); the Flink job reads that topic and writes one row per dead letter here. Columns:
--   dead_letter_id  the dead letter's Kafka coordinates 'topic-partition@offset': deterministic, so a
--                   job restored from an older checkpoint writes the same rows again
--   source          the sending system (the caller's API key), '' when the dead letter is unreadable
--   unit            the `unit` field of the rejected line when that line is a JSON object with a string
--                   `unit`, else '' (the line may be broken JSON, or a CSV record of the catalogue import)
--   received_at     when ingestion received the request (the dead letter's receivedAt)
--   error_codes     the codes of the line's errors in order (ProblemCode / ingestion codes);
--                   ['UNREADABLE_DEAD_LETTER'] for a record of the topic that is no dead letter
--   first_error     error_codes[1] ('' when there is none), for grouping by reason
--   payload         the rejected line as ingestion kept it (cut when very long)
--
-- Engine: ReplacingMergeTree() without a version column: rows with the same dead_letter_id come from
-- the same Kafka record and are identical, so any one of them may survive a merge. Query with FINAL
-- when exact counts matter.
-- Partition: toYYYYMM(received_at) in the city's time zone — months are how data is read and aged,
-- like the events table.
-- Order key: (source, dead_letter_id) — the de-duplication key starts with the column rejection
-- queries filter and group on ("rejections from source Y").

CREATE TABLE IF NOT EXISTS rejected_events
(
    dead_letter_id String,
    source         String,
    unit           String,
    received_at    DateTime('Asia/Ho_Chi_Minh'),
    error_codes    Array(String),
    first_error    String,
    payload        String
)
ENGINE = ReplacingMergeTree()
PARTITION BY toYYYYMM(received_at)
ORDER BY (source, dead_letter_id);
