package org.civicpulse.reporting.kpi;

import java.math.BigDecimal;
import java.time.Instant;

import org.civicpulse.domain.kpi.KpiStatus;

/**
 * One KPI for one unit (subtree) and period: the row of the KPI API.
 *
 * @param kpi             registry id
 * @param unit            unit code
 * @param period          canonical period code
 * @param numerator       what was counted (null for composites, scores without data, counts' denominators)
 * @param denominator     what it was counted against; null where the KPI has none
 * @param value           the KPI value (percent with two decimals for rates); null = NO_DATA
 * @param target          the target for this unit (per level, or the weighted mean for P11 at the city); null when none
 * @param status          see {@link org.civicpulse.domain.kpi.StatusRule}
 * @param asOf            newest event time included; null when none (catalogue KPIs, no data)
 * @param sourcesReported share 0–1 of expected senders that sent data in the period; null when not applicable
 * @param formulaVersion  registry formula version used
 * @param projection      year-end projection (ratio KPIs from events, while the year is open); else null
 * @param requiredRate    rate needed for the rest of the year to reach the target; else null
 * @param points          Decision 766 points earned (indicators, group scores, total); else null
 * @param grade           class band id of Q-TOTAL (e.g. EXCELLENT); else null
 */
public record KpiValue(
        String kpi,
        String unit,
        String period,
        BigDecimal numerator,
        BigDecimal denominator,
        BigDecimal value,
        BigDecimal target,
        KpiStatus status,
        Instant asOf,
        BigDecimal sourcesReported,
        int formulaVersion,
        BigDecimal projection,
        BigDecimal requiredRate,
        BigDecimal points,
        String grade) {

    /** Whether the value is NO_DATA. */
    public boolean noData() {
        return value == null;
    }
}
