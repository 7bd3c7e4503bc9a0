package org.civicpulse.domain.kpi;

import java.math.BigDecimal;

/** Whether a higher or a lower value is better. JSON: {@code HIGHER_IS_BETTER} / {@code LOWER_IS_BETTER}. */
public enum Direction {
    HIGHER_IS_BETTER,
    LOWER_IS_BETTER;

    /** Whether {@code value} meets {@code target} in this direction (equal meets). */
    public boolean meets(BigDecimal value, BigDecimal target) {
        int c = value.compareTo(target);
        return this == HIGHER_IS_BETTER ? c >= 0 : c <= 0;
    }

    /** Negative when {@code a} is better than {@code b}: sorts best first. */
    public int bestFirst(BigDecimal a, BigDecimal b) {
        return this == HIGHER_IS_BETTER ? b.compareTo(a) : a.compareTo(b);
    }
}
