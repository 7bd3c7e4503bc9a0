package org.civicpulse.domain.kpi;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.civicpulse.domain.event.UnitLevel;

/**
 * One KPI as the registry defines it.
 *
 * @param id             stable identifier ({@code P5}, {@code Q2.1}, {@code O3}, …)
 * @param name           name in Vietnamese and English
 * @param legalSource    the plan target or Decision 766 item it implements
 * @param formulaVersion bumped whenever the formula changes figures; the engine refuses a registry
 *                       whose version it does not implement
 * @param kind           the shape of the formula
 * @param numerator      what is counted (text)
 * @param denominator    what it is counted against (text)
 * @param unit           unit of measure of the value
 * @param direction      whether higher or lower is better
 * @param target         target (per-level overrides, or none)
 * @param scoring        Decision 766 points (indicators and group scores); null otherwise
 * @param group          thematic / scoring group; null when none fits
 * @param levels         unit levels the KPI applies to
 * @param sources        where the figures come from (E, C, S)
 * @param periodBasis    which records a period counts
 * @param decisions      the choices made where docs/KPIS.md leaves one
 */
public record KpiDefinition(
        String id,
        LocalizedText name,
        String legalSource,
        int formulaVersion,
        KpiKind kind,
        String numerator,
        String denominator,
        MeasureUnit unit,
        Direction direction,
        Target target,
        Scoring scoring,
        KpiGroup group,
        Set<UnitLevel> levels,
        Set<DataSource> sources,
        PeriodBasis periodBasis,
        String decisions) {

    public KpiDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(legalSource, "legalSource");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(periodBasis, "periodBasis");
        levels = Collections.unmodifiableSet(levels.isEmpty() ? EnumSet.noneOf(UnitLevel.class) : EnumSet.copyOf(levels));
        sources = Collections.unmodifiableSet(sources.isEmpty() ? EnumSet.noneOf(DataSource.class) : EnumSet.copyOf(sources));
    }

    /** Whether the KPI applies to units of {@code level}. */
    public boolean appliesTo(UnitLevel level) {
        return levels.contains(level);
    }

    /** A Decision 766 indicator that earns points (not a group or total score). */
    public boolean isScoredIndicator() {
        return scoring != null && scoring.threshold() != null;
    }

    /** The target for a unit of {@code level} (see {@link Target#forLevel}). */
    public Optional<BigDecimal> targetFor(UnitLevel level) {
        return target.forLevel(level);
    }
}
