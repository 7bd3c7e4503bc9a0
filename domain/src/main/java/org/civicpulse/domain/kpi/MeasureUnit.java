package org.civicpulse.domain.kpi;

/** The unit of measure of a KPI value. JSON spelling = the constant name. */
public enum MeasureUnit {
    /** A rate in percent, 0–100, two decimals. */
    PERCENT,
    /** Points (Decision 766 scores). */
    SCORE,
    /** A duration in hours. */
    HOURS,
    /** A number of things (dossiers, agencies, …). */
    COUNT,
    /** A duration in seconds. */
    SECONDS
}
