package org.civicpulse.domain.kpi;

import java.util.Locale;

/**
 * Thematic group of a KPI; for the Decision 766 indicators, the scoring group whose points they earn.
 * JSON spelling: lower case ({@code transparency}, {@code progress}, …).
 */
public enum KpiGroup {
    TRANSPARENCY,
    PROGRESS,
    ONLINE,
    PAYMENT,
    DIGITISATION,
    SATISFACTION,
    REPORTING,
    OPERATIONS;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The group spelled {@code wire}, or null. */
    public static KpiGroup fromWireOrNull(String wire) {
        for (KpiGroup g : values()) {
            if (g.wire().equals(wire)) {
                return g;
            }
        }
        return null;
    }
}
