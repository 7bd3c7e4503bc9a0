package org.civicpulse.domain.kpi;

/**
 * How a KPI value stands against its target (the KPI API's {@code status}); the rule is
 * {@link StatusRule} and is described in the registry's decisions.
 */
public enum KpiStatus {
    /** The value meets the target. */
    MET,
    /** Below target in a period not yet closed, but the year-end projection meets it. */
    ON_TRACK,
    /** Below target in a period not yet closed, and the projection does not meet it. */
    AT_RISK,
    /** Below target in a closed period. */
    MISSED,
    /** No value: the denominator is 0 (or nothing was reported). */
    NO_DATA,
    /**
     * A value but no target to judge it by (trend-only and operational indicators, 766 group scores).
     * An addition to the five statuses of the KPI API contract; only KPIs whose registry target is
     * {@code none} ever carry it.
     */
    NO_TARGET
}
