-- V004: login_facts — one row per sign-in to the public-service portal (portal.login events).
--
-- Feeds the e-ID adoption KPIs: share of sign-ins through VNeID versus the city's SSO or local
-- accounts, and distinct users (uniqExact(user_hash)) per unit and period. user_hash is the
-- source's pseudonymous hash: CivicPulse never stores who the person is.
--
-- Engine: ReplacingMergeTree() — append-only facts; a replayed event has the same event_id and
-- an identical row, which merges (or FINAL) fold into one.
-- Partition: toYYYYMM(occurred_at), the city's local month.
-- Order key: (unit, event_id) — queries filter by a unit subtree first; event_id makes the key
-- unique for de-duplication.

CREATE TABLE IF NOT EXISTS login_facts
(
    event_id    String,
    unit        String,
    user_hash   String,
    method      Enum8('VNEID' = 1, 'CITY_SSO' = 2, 'LOCAL' = 3),
    occurred_at DateTime('Asia/Ho_Chi_Minh')
)
ENGINE = ReplacingMergeTree()
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (unit, event_id);
