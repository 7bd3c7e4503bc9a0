package org.civicpulse.domain.kpi;

import java.util.Objects;

/**
 * An indicator of a report regime.
 *
 * @param kpi    the registry id
 * @param origin where the figure on the form comes from: pre-filled from events, typed in by the unit
 *               (submitted: the KPI engine reads the approved values), or from the catalogue
 */
public record RegimeIndicator(String kpi, Origin origin) {

    public enum Origin {
        EVENT,
        SUBMITTED,
        CATALOGUE
    }

    public RegimeIndicator {
        Objects.requireNonNull(kpi, "kpi");
        Objects.requireNonNull(origin, "origin");
    }
}
