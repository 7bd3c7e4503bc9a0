-- V006: probe_facts — one row per uptime probe of an online service (service.probe events).
--
-- Feeds availability (share of probes with up = 1) and latency (quantile(0.95)(latency_ms)) per
-- service, unit and period.
--
-- Engine: ReplacingMergeTree() — append-only facts de-duplicated by event_id on merge / FINAL.
-- Partition: toYYYYMM(occurred_at), the city's local month.
-- Order key: (unit, service, event_id) — availability is read per unit and service; event_id for
-- uniqueness.

CREATE TABLE IF NOT EXISTS probe_facts
(
    event_id    String,
    unit        String,
    service     String,
    up          UInt8,
    latency_ms  UInt32,
    occurred_at DateTime('Asia/Ho_Chi_Minh')
)
ENGINE = ReplacingMergeTree()
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (unit, service, event_id);
