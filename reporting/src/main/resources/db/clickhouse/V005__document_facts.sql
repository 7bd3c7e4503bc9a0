-- V005: document_facts — one row per document handled by the e-office system (document.processed).
--
-- Feeds the paperless-administration KPIs: share of documents exchanged electronically and share
-- digitally signed, per unit and period.
--
-- Engine: ReplacingMergeTree() — append-only facts de-duplicated by event_id on merge / FINAL.
-- Partition: toYYYYMM(occurred_at), the city's local month.
-- Order key: (unit, event_id) — unit-subtree filters first, event_id for uniqueness.

CREATE TABLE IF NOT EXISTS document_facts
(
    event_id    String,
    unit        String,
    document_id String,
    electronic  UInt8,
    signed      UInt8,
    occurred_at DateTime('Asia/Ho_Chi_Minh')
)
ENGINE = ReplacingMergeTree()
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (unit, event_id);
