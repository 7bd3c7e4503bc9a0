package org.civicpulse.domain.kpi;

/** Which records a period counts for a KPI (docs/KPIS.md, "Which dossiers a period counts"). */
public enum PeriodBasis {
    /** Dossiers received in the period (local date of {@code dossier.received}). */
    RECEIVED,
    /** Dossiers received in the period plus those received earlier and not completed before it starts. */
    PROCESSED,
    /** Dossiers completed in the period (local date of {@code dossier.completed}). */
    COMPLETED,
    /** Dossiers in progress at the end of the period (or now, for the current period). */
    AT_PERIOD_END,
    /** Events of other kinds (logins, documents, probes, feedback) that occurred in the period. */
    EVENT_TIME,
    /** The catalogue as it stands (the catalogue tables keep no history). */
    CATALOGUE,
    /** Periodic reports of the regime periods that end within the period. */
    REPORT_PERIOD,
    /** Derived from other KPIs of the same unit and period. */
    DERIVED
}
