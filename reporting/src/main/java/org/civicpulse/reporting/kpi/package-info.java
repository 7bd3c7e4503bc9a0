/**
 * The KPI engine: {@link org.civicpulse.reporting.kpi.KpiEngine} computes every KPI of the registry
 * ({@code org.civicpulse.domain.kpi}, {@code kpis.json}) for any unit subtree and period, breaks one KPI
 * down by child unit, and lists the records behind a figure.
 *
 * <h2>Where each definition lives</h2>
 * <ul>
 *   <li>{@link org.civicpulse.reporting.kpi.KpiQueries}: the SQL of every KPI computed from a fact table
 *   — one inner query per table that flags each row (in the period, on time, online, …) and one
 *   denominator/numerator condition per KPI. Aggregates and drill-through are generated from it.</li>
 *   <li>{@code KpiEngine}: the KPIs computed in Java from those aggregates or from small result sets —
 *   P6/Q5.4 (composite), P8 (agencies), P9/P10 (approved report values), P12/P12b/P12c (expected
 *   reports), O5 (freshness), the Decision 766 group scores, total and class — plus targets, status,
 *   projections.</li>
 *   <li>{@code UnitScope}/{@code OrgDirectory}: which fact rows belong to a unit or to which child,
 *   per code and timeline segment (the July 2025 reform).</li>
 * </ul>
 *
 * <h2>Query plan</h2>
 * {@code compute(unit, period)}: 8 aggregate queries, run in parallel on the engine's workers — dossiers
 * (all 21 dossier measures in one pass), feedback, logins, documents, probes, catalogue, reports, events
 * (freshness) — plus, while the period's Decree 09 year is open and the year-to-date cache is cold, the 4
 * event passes again over the year to date (cached 10 minutes by default). Each aggregate is
 * {@code GROUP BY unit, seg}; Java files the rows under the unit (compute) or its children (breakdown),
 * so {@code breakdown(kpi, unit, period)} runs the same SQL restricted to the passes and measures that
 * KPI needs (usually 1–2 queries). {@code drillThrough} runs the inner query of the KPI's table with the
 * KPI's condition: a count and a page, in parallel. On ClickHouse 18.16 every query costs a second round
 * trip ({@code DESC}) in {@link org.civicpulse.reporting.clickhouse.ClickHouseConnection}.
 *
 * <h2>What to pre-aggregate</h2>
 * Every outer aggregate is a count or a sum, so a pass's inner query can be replaced by a read of a
 * rollup without touching the KPI conditions' meaning:
 * <ul>
 *   <li>{@code kpi_snapshots} (per KPI × unit × closed period, with formula version): a closed period's
 *   figures only change when late facts arrive; write them when a period closes and when late events
 *   for it are ingested, and serve closed periods from it (the dashboard's history views).</li>
 *   <li>{@code dossier_daily} (SummingMergeTree by unit, received day, completed day, procedure, channel
 *   and the flag columns, with count and Σ processing seconds) fed by the streaming job with
 *   retract/insert pairs: serves every received- and completed-based measure without FINAL.</li>
 *   <li>{@code open_dossiers} (only dossiers in progress, dropped when they end): the carried-over part
 *   of Q2.1 and the live backlog O3 read a few thousand rows instead of the history.</li>
 *   <li>{@code login_daily} (AggregatingMergeTree with {@code uniqExactState(user_hash)} by unit, day,
 *   method) for P2; {@code document_daily}, {@code probe_daily} (sums) for P11 and P8.</li>
 * </ul>
 */
package org.civicpulse.reporting.kpi;
