package org.civicpulse.domain.kpi;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Judges a value against its target (the registry's {@code statusRule}):
 * <ol>
 *   <li>no value → {@link KpiStatus#NO_DATA}; no target → {@link KpiStatus#NO_TARGET};</li>
 *   <li>the value meets the target (≥ for higher-is-better, ≤ for lower-is-better) →
 *       {@link KpiStatus#MET}, whether the period is closed or not;</li>
 *   <li>closed period below target → {@link KpiStatus#MISSED};</li>
 *   <li>open period below target: {@link KpiStatus#ON_TRACK} when the year-end projection meets the
 *       target; when there is no projection (non-ratio KPIs, catalogue and submitted figures),
 *       ON_TRACK when the value is within {@code atRiskMargin} of the target; otherwise
 *       {@link KpiStatus#AT_RISK}.</li>
 * </ol>
 *
 * @param atRiskMargin in the KPI's unit (percentage points for rates)
 */
public record StatusRule(BigDecimal atRiskMargin) {

    public StatusRule {
        Objects.requireNonNull(atRiskMargin, "atRiskMargin");
        if (atRiskMargin.signum() < 0) {
            throw new IllegalArgumentException("atRiskMargin must be ≥ 0, got " + atRiskMargin);
        }
    }

    /**
     * @param closed     whether the period has ended (its last local day is over)
     * @param projection the year-end projection, or null when none is computed
     */
    public KpiStatus evaluate(BigDecimal value, BigDecimal target, Direction direction, boolean closed,
                              BigDecimal projection) {
        if (value == null) {
            return KpiStatus.NO_DATA;
        }
        if (target == null) {
            return KpiStatus.NO_TARGET;
        }
        if (direction.meets(value, target)) {
            return KpiStatus.MET;
        }
        if (closed) {
            return KpiStatus.MISSED;
        }
        if (projection != null) {
            return direction.meets(projection, target) ? KpiStatus.ON_TRACK : KpiStatus.AT_RISK;
        }
        return value.subtract(target).abs().compareTo(atRiskMargin) <= 0 ? KpiStatus.ON_TRACK : KpiStatus.AT_RISK;
    }
}
