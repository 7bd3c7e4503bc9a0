-- V009: org_units — the city's organisation tree over time (catalog.unit events).
--
-- City → departments and districts → communes/wards, with validity ranges: the 1 July 2025 reform
-- replaced 526 wards/communes by 126, so a unit code is valid from valid_from and may end at
-- valid_to, as the catalogue states it (NULL while in force). parent is the parent unit's code
-- (NULL for the city). KPI queries expand a unit into its subtree from this table.
--
-- Engine: ReplacingMergeTree(version) — the catalogue import re-sends units; the highest version
-- of (code, valid_from) wins. Read with FINAL.
-- Partition: none; a few thousand rows.
-- Order key: (code, valid_from) — one unit code may have several validity periods.

CREATE TABLE IF NOT EXISTS org_units
(
    code       String,
    name       String,
    level      Enum8('CITY' = 1, 'DEPARTMENT' = 2, 'DISTRICT' = 3, 'COMMUNE' = 4),
    parent     Nullable(String),
    valid_from Date,
    valid_to   Nullable(Date),
    version    UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (code, valid_from);
