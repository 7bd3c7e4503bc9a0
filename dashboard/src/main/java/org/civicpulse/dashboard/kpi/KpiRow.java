package org.civicpulse.dashboard.kpi;

import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One row of the KPI API (DESIGN.md "KPI API"): the contract's fields first, then additive ones. The
 * JSON, CSV and XLSX answers carry the same rows.
 *
 * @param kpi             registry id
 * @param unit            org unit code
 * @param period          canonical period code
 * @param numerator       what was counted; null when the KPI has none for this unit
 * @param denominator     what it was counted against
 * @param value           the KPI value in its {@code measure} (percent 0–100 for rates); null = NO_DATA
 * @param target          the target for this unit's level; null when the KPI has none
 * @param status          MET, ON_TRACK, AT_RISK, MISSED, NO_DATA (NO_TARGET for target-less KPIs)
 * @param asOf            the time the figures are current to
 * @param name            Vietnamese name
 * @param nameEn          English name
 * @param unitName        the unit's name
 * @param measure         unit of measure of value/target (PERCENT, SCORE, HOURS, COUNT, SECONDS)
 * @param formulaVersion  the registry's formula version the engine computed
 * @param projection      year-end projection, when the engine makes one
 * @param requiredRate    the rate needed over the rest of the year to meet the target
 * @param sourcesReported share 0–1 of the expected senders that sent data in the period; null when not applicable
 * @param points          Decision 766 points earned (indicators, group scores, total)
 * @param grade           class band of Q-TOTAL (e.g. EXCELLENT)
 * @param rank            in a breakdown: 1 = best child unit for this KPI (ties share a rank); absent otherwise
 */
@JsonPropertyOrder({"kpi", "unit", "period", "numerator", "denominator", "value", "target", "status", "asOf",
        "name", "nameEn", "unitName", "measure", "formulaVersion", "projection", "requiredRate", "sourcesReported", "points", "grade", "rank"})
public record KpiRow(
        String kpi,
        String unit,
        String period,
        BigDecimal numerator,
        BigDecimal denominator,
        BigDecimal value,
        BigDecimal target,
        String status,
        Instant asOf,
        String name,
        String nameEn,
        String unitName,
        String measure,
        Integer formulaVersion,
        BigDecimal projection,
        BigDecimal requiredRate,
        BigDecimal sourcesReported,
        BigDecimal points,
        String grade,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer rank) {

    public KpiRow withRank(Integer r) {
        return new KpiRow(kpi, unit, period, numerator, denominator, value, target, status, asOf, name, nameEn,
                unitName, measure, formulaVersion, projection, requiredRate, sourcesReported, points, grade, r);
    }
}
