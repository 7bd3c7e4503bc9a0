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
 * {@code GROUP BY unit, seg} (the dossier pass through rollups, below); Java files the rows under the unit
 * (compute) or its children (breakdown),
 * so {@code breakdown(kpi, unit, period)} runs the same SQL restricted to the passes and measures that
 * KPI needs (usually 1–2 queries). {@code drillThrough} runs the inner query of the KPI's table with the
 * KPI's condition: a count and a page, in parallel. On ClickHouse 18.16 every query costs a second round
 * trip ({@code DESC}) in {@link org.civicpulse.reporting.clickhouse.ClickHouseConnection}.
 *
 * <h2>Rollups</h2>
 * The dossier pass is the expensive one: on ClickHouse 18.16, {@code FINAL} is a single-stream merging
 * read, and the conditions over the ~1 M dossiers of a period cost seconds at 10 M facts. Every outer
 * aggregate is a count or a sum and dossier_facts is partitioned by received month, so
 * {@link org.civicpulse.reporting.kpi.DossierRollup} computes the pass once per quiet month (same SQL,
 * restricted to that month) into {@code dossier_rollup} (V014), and adds at query time: the builds of
 * quiet months, the months written to recently (read live), the in-progress dossiers of open periods
 * (copied by the build, evaluated with the live conditions), and feedback links (P6f, from
 * feedback_facts). A build is keyed by the SHA-256 of its SQL (period, scope, segments, conditions)
 * and the catalogue's fingerprint, and used only while its month's fingerprint in {@code system.parts}
 * is unchanged, so rolled-up and live figures are always equal ({@code DossierRollupTest}); what it
 * buys is in {@code docs/benchmarks/kpi-engine.md}. Only the whole city's scope is rolled up (its overview
 * and its breakdowns): a build per unit scope would multiply builds by the units a report run visits. The
 * other passes read small tables and stay live.
 */
package org.civicpulse.reporting.kpi;
