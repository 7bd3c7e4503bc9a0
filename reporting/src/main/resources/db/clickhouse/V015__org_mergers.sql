-- V015: org_mergers — the reorganisation map, old unit → new unit (catalog.merger events).
--
-- The 1 July 2025 reform abolished 526 wards/communes and made 126 new ones; this map says which new
-- unit took over (all or part of) each old one from `effective` on, so the KPI engine can follow a
-- dossier of an abolished ward to the ward that inherits it. The map is many-to-many: a split unit
-- has several rows, a new unit receives several. merge_type is kept as the catalogue sent it
-- (WHOLE, PART, or '' when the source does not say).
--
-- Engine: ReplacingMergeTree(version) — the catalogue import re-sends the map; the highest version
-- of (old_code, new_code, effective) wins. Read with FINAL.
-- Partition: none; a few thousand rows.
-- Order key: (old_code, new_code, effective) — one row per pair of units and date; an old unit's rows
-- sit together, which is how the engine looks them up.

CREATE TABLE IF NOT EXISTS org_mergers
(
    old_code   String,
    new_code   String,
    effective  Date,
    merge_type String,
    version    UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (old_code, new_code, effective);
