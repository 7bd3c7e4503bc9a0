package org.civicpulse.reporting.kpi;

/**
 * Optional narrowing of a drill-through; null fields do not filter.
 *
 * @param unit      only records of this unit's subtree (a unit inside the queried one; e.g. a breakdown row)
 * @param procedure only dossiers of this procedure code
 * @param channel   only dossiers received through this channel (ONLINE, DIRECT, POSTAL)
 * @param status    only dossiers in this state now (IN_PROGRESS, COMPLETED, WITHDRAWN)
 */
public record DrillFilters(String unit, String procedure, String channel, String status) {

    public static final DrillFilters NONE = new DrillFilters(null, null, null, null);

    public static DrillFilters unit(String unit) {
        return new DrillFilters(unit, null, null, null);
    }

    boolean dossierOnly() {
        return procedure != null || channel != null || status != null;
    }
}
