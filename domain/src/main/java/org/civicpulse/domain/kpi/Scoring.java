package org.civicpulse.domain.kpi;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * Decision 766 points of an indicator: {@code points = maxPoints × min(1, rate / threshold)}, rate
 * and threshold in percent. For a group score ({@link KpiKind#GROUP_SCORE}) only {@code maxPoints}
 * (the group's maximum) is set and {@code threshold} is null.
 */
public record Scoring(BigDecimal maxPoints, BigDecimal threshold) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public Scoring {
        Objects.requireNonNull(maxPoints, "maxPoints");
        if (maxPoints.signum() < 0) {
            throw new IllegalArgumentException("maxPoints must be ≥ 0, got " + maxPoints);
        }
        if (threshold != null && (threshold.signum() <= 0 || threshold.compareTo(HUNDRED) > 0)) {
            throw new IllegalArgumentException("threshold must be in (0, 100], got " + threshold);
        }
    }

    /** The points a rate (percent) earns, two decimals (half up); null for a null rate (NO_DATA). */
    public BigDecimal points(BigDecimal rate) {
        if (rate == null) {
            return null;
        }
        if (threshold == null) {
            throw new IllegalStateException("a group scoring has no threshold; points come from its indicators");
        }
        BigDecimal share = rate.signum() <= 0 ? BigDecimal.ZERO
                : rate.divide(threshold, MathContext.DECIMAL64).min(BigDecimal.ONE);
        return maxPoints.multiply(share).setScale(2, RoundingMode.HALF_UP);
    }
}
