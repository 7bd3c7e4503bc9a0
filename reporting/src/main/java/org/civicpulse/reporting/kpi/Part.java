package org.civicpulse.reporting.kpi;

/** Which side of a ratio a drill-through lists. */
public enum Part {
    NUMERATOR,
    DENOMINATOR
}
