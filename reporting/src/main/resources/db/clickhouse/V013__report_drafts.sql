-- V013: report_drafts — the figures a unit has typed into a report form but not submitted yet.
--
-- A draft is not an event (nothing happened yet): it is kept here so that it survives a restart and
-- is shared by the unit's officers. One draft per report (regime, unit, period); the newest save wins.
-- values_json has the form's values in the regime's values format plus the edit reasons
-- ("<KPI>.reason"). Submitting posts a report.submitted event; the draft stays but is superseded
-- (the form shows the submission once one exists).
--
-- Engine: ReplacingMergeTree(saved_at) — the newest save per (regime, unit, period) wins; read with FINAL.
-- Partition: none (at most one row per expected report).
-- Order key: (regime, unit, period).

CREATE TABLE IF NOT EXISTS report_drafts
(
    regime      String,
    unit        String,
    period      String,
    values_json String,
    saved_by    String,
    saved_at    DateTime('Asia/Ho_Chi_Minh')
)
ENGINE = ReplacingMergeTree(saved_at)
ORDER BY (regime, unit, period);
