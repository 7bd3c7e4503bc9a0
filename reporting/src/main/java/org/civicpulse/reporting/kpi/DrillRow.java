package org.civicpulse.reporting.kpi;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One record behind a KPI figure.
 *
 * @param kind   what it is: {@code dossier}, {@code feedback}, {@code user}, {@code document},
 *               {@code agency}, {@code report}, {@code procedure}
 * @param id     its identifier (dossier id, feedback id, user hash, document event id, unit code,
 *               {@code regime/period/unit}, procedure code)
 * @param unit   the unit code it is recorded under
 * @param at     its anchor time (received, occurred, first submitted); null for procedures and agencies
 * @param fields the other columns, in a stable order (values: String, Long, Boolean, Instant, BigDecimal or null)
 */
public record DrillRow(String kind, String id, String unit, Instant at, Map<String, Object> fields) {

    public DrillRow {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }
}
