-- V010: procedures — the catalogue of administrative procedures (catalog.procedure events).
--
-- Feeds the catalogue KPIs (share of eligible procedures offered as full-process online services,
-- published on the national portal, redesigned, simplified, …) and labels dossiers: legal_days is
-- the statutory processing time in working days; unit is the competent authority's unit code.
--
-- Engine: ReplacingMergeTree(version) — the catalogue import re-sends procedures; the highest
-- version per code wins. Read with FINAL.
-- Partition: none; a few thousand rows.
-- Order key: code, the national procedure code.

CREATE TABLE IF NOT EXISTS procedures
(
    code                  String,
    name                  String,
    field                 String,
    authority_level       String,
    unit                  String,
    full_process_eligible UInt8,
    online_service        Enum8('NONE' = 0, 'PARTIAL' = 1, 'FULL' = 2),
    national_portal       UInt8,
    ux_redesigned         UInt8,
    has_fee               UInt8,
    paper_result          UInt8,
    simplified            UInt8,
    legal_days            UInt16,
    version               UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY code;
