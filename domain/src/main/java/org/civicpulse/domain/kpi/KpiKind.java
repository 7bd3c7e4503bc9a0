package org.civicpulse.domain.kpi;

/** The shape of a KPI's formula; the engine implements one formula per KPI id and kind. */
public enum KpiKind {
    /** numerator / denominator × 100 (PERCENT); NO_DATA when the denominator is 0. */
    RATIO,
    /** 100% − (a sum of component rates), e.g. P6: 100% − (overdue rate + dislike rate). */
    COMPOSITE,
    /** numerator / denominator without × 100 (e.g. hours per dossier). */
    AVERAGE,
    /** A number of things; value = numerator. */
    COUNT,
    /** An age in seconds (data freshness). */
    AGE,
    /** Points of one Decision 766 group: the sum of its indicators' points, capped at the group maximum. */
    GROUP_SCORE,
    /** The Decision 766 total and class. */
    TOTAL_SCORE
}
