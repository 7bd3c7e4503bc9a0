package org.civicpulse.domain.kpi;

/** Where a KPI's figures come from (docs/KPIS.md "src"). JSON: the letter. */
public enum DataSource {
    /** Computed from events (the fact tables). */
    E,
    /** From the procedure/service catalogue. */
    C,
    /** Submitted by a unit in a periodic report (approved values). */
    S
}
