package org.civicpulse.domain.kpi;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.civicpulse.domain.event.UnitLevel;

/**
 * A KPI's target: one value, per-level values (P11: department 100, district 95, commune 80), or
 * none (trend-only and operational indicators, with the reason).
 *
 * @param value      the target for every level without an override; null when only levels have one
 * @param byLevel    per-level overrides
 * @param aggregate  how a unit whose level has no target of its own (the city, for P11) gets one
 * @param noneReason why there is no target; null when there is one
 */
public record Target(BigDecimal value, Map<UnitLevel, BigDecimal> byLevel, Aggregate aggregate, String noneReason) {

    /** How a level without its own target is judged. */
    public enum Aggregate {
        /** It has no target (only {@link #value} or the listed levels have one). */
        NONE,
        /**
         * The mean of the targets of the units below it, weighted by their denominators: the rate the
         * unit would reach if every unit below met its own target (P11 for the city).
         */
        WEIGHTED_BY_DENOMINATOR
    }

    public Target {
        byLevel = byLevel == null || byLevel.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new EnumMap<>(byLevel));
        aggregate = aggregate == null ? Aggregate.NONE : aggregate;
        if (noneReason != null && (value != null || !byLevel.isEmpty())) {
            throw new IllegalArgumentException("a target cannot both have values and be none (" + noneReason + ")");
        }
        if (noneReason == null && value == null && byLevel.isEmpty()) {
            throw new IllegalArgumentException("a target needs a value, per-level values, or a reason for none");
        }
    }

    public static Target of(BigDecimal value) {
        return new Target(Objects.requireNonNull(value, "value"), Map.of(), Aggregate.NONE, null);
    }

    public static Target none(String reason) {
        return new Target(null, Map.of(), Aggregate.NONE, Objects.requireNonNull(reason, "reason"));
    }

    /** Whether the KPI has a target at all. */
    public boolean defined() {
        return noneReason == null;
    }

    /** The target for a unit of {@code level}: its override, else the plain value; empty when neither. */
    public Optional<BigDecimal> forLevel(UnitLevel level) {
        BigDecimal v = level == null ? null : byLevel.get(level);
        return Optional.ofNullable(v != null ? v : value);
    }

    /** Whether a unit of {@code level} is judged by the weighted mean of the units below it. */
    public boolean weightedFor(UnitLevel level) {
        return defined() && forLevel(level).isEmpty() && aggregate == Aggregate.WEIGHTED_BY_DENOMINATOR;
    }
}
