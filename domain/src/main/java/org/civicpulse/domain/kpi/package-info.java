/**
 * The KPI registry: every indicator of docs/KPIS.md as data ({@code kpis.json}, versioned with the
 * code), the periodic-report regimes ({@code regimes.json}), and the pure rules that judge a value
 * (status, 766 points, class bands). The KPI engine in {@code reporting} computes the numbers.
 */
package org.civicpulse.domain.kpi;
