-- V008: report_actions — the periodic-report workflow, one row per action (report.submitted,
-- report.approved, report.returned).
--
-- A unit submits the figures of a regime's period (values_json: the submitted values as a JSON
-- object, edits and their reasons included), an approver up the hierarchy approves or returns it.
-- The latest action per (unit, regime, period) is the report's state (argMax(action, occurred_at));
-- the first SUBMITTED time against the deadline gives timeliness (plan target P12).
--
-- Engine: ReplacingMergeTree() — the workflow is an append-only log; replays de-duplicate by
-- event_id on merge / FINAL.
-- Partition: toYYYYMM(occurred_at), the city's local month of the action.
-- Order key: (unit, regime, period, event_id) — a report's history is read by unit, regime and
-- period; event_id for uniqueness.

CREATE TABLE IF NOT EXISTS report_actions
(
    event_id    String,
    unit        String,
    regime      String,
    period      String,
    action      Enum8('SUBMITTED' = 1, 'APPROVED' = 2, 'RETURNED' = 3),
    values_json String,
    by_user     String,
    comment     String,
    occurred_at DateTime('Asia/Ho_Chi_Minh')
)
ENGINE = ReplacingMergeTree()
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (unit, regime, period, event_id);
