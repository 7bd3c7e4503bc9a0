package org.civicpulse.dashboard.overview;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.civicpulse.dashboard.kpi.KpiRequests;
import org.civicpulse.dashboard.kpi.KpiRow;
import org.civicpulse.dashboard.kpi.KpiService;
import org.civicpulse.dashboard.security.CivicUser;
import org.civicpulse.dashboard.security.UnitScope;
import org.civicpulse.domain.calendar.ReportingCalendar;
import org.civicpulse.domain.calendar.ReportingPeriod;
import org.civicpulse.domain.kpi.ClassBand;
import org.civicpulse.domain.kpi.Direction;
import org.civicpulse.domain.kpi.KpiDefinition;
import org.civicpulse.domain.kpi.KpiKind;
import org.civicpulse.domain.kpi.KpiRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the overview and the KPI page show, composed from {@link KpiService} (so every figure is the API's):
 * the KPI rows of a unit and period, their trend over the previous periods, the Decision 766 score with its
 * groups and class, and the child units ranked by their gap to a KPI's target. Every call is scoped to the
 * user (the service checks the unit is readable before anything runs).
 *
 * <p>Trends need one engine run per earlier period: rows of closed periods are cached for
 * {@code historyTtl} (the current period is always computed afresh).
 */
public class OverviewService {

    private static final Logger log = LoggerFactory.getLogger(OverviewService.class);

    /** The plan's targets shown as tiles, in order. */
    public static final List<String> PLAN_TARGETS = List.of("P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8", "P9", "P10",
            "P11", "P12");
    /** A secondary figure shown inside a tile (KPIS.md: P5 "show both"; P12's completeness). */
    public static final Map<String, String> SECONDARY = Map.of("P5", "P5b", "P2", "P2b", "P6", "P6r", "P12", "P12b");
    private static final int MAX_CACHE = 2000;

    /** One point of a trend; {@code row} is the KPI's row for that period (null when there is none). */
    public record TrendPoint(ReportingPeriod period, BigDecimal value, String status, KpiRow row) {
    }

    /** A Decision 766 group: points earned of the group's maximum. */
    public record ScoreGroup(String kpi, String nameVi, String nameEn, BigDecimal points, BigDecimal maxPoints) {
    }

    /** The Decision 766 total: normalised score (of 100), points earned, class. */
    public record Score(KpiRow total, ClassBand band, List<ScoreGroup> groups) {
    }

    /** A child unit's row for one KPI with its gap to the target (positive = better than the target). */
    public record RankedUnit(KpiRow row, BigDecimal gap) {
    }

    private record Cached(List<KpiRow> rows, Instant at) {
    }

    private final KpiService kpis;
    private final KpiRegistry registry;
    private final UnitScope scope;
    private final ReportingCalendar calendar;
    private final Clock clock;
    private final Duration historyTtl;
    private final Map<String, Cached> history = new ConcurrentHashMap<>();

    public OverviewService(KpiService kpis, KpiRegistry registry, UnitScope scope, ReportingCalendar calendar, Clock clock,
                           Duration historyTtl) {
        this.kpis = Objects.requireNonNull(kpis, "kpis");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.scope = Objects.requireNonNull(scope, "scope");
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.historyTtl = Objects.requireNonNull(historyTtl, "historyTtl");
    }

    public KpiRegistry registry() {
        return registry;
    }

    /** Every KPI row of the unit in the period, by id (the API's rows for {@code ?period&unit}). */
    public Map<String, KpiRow> rows(CivicUser user, ReportingPeriod period, String unit) {
        Map<String, KpiRow> byId = new LinkedHashMap<>();
        for (KpiRow r : kpis.rows(new KpiRequests.KpiQuery(period, unit, List.of(), false), user)) {
            byId.put(r.kpi(), r);
        }
        return byId;
    }

    /** The child-unit rows of one KPI (the API's {@code &kpi=…&breakdown=children}), ranked as the API ranks them. */
    public List<KpiRow> breakdown(CivicUser user, ReportingPeriod period, String unit, String kpi) {
        return kpis.rows(new KpiRequests.KpiQuery(period, unit, List.of(kpi), true), user);
    }

    /**
     * The child units of {@code unit} for one KPI, largest shortfall first: gap = value − target (target −
     * value when lower is better). Units without a value or a target come last; the parent's own row is left out.
     */
    public List<RankedUnit> ranking(CivicUser user, ReportingPeriod period, String unit, String kpi) {
        Direction direction = registry.get(kpi).direction();
        List<RankedUnit> out = new ArrayList<>();
        for (KpiRow r : breakdown(user, period, unit, kpi)) {
            if (r.unit().equals(unit)) {
                continue;
            }
            BigDecimal gap = r.value() == null || r.target() == null ? null
                    : direction == Direction.HIGHER_IS_BETTER ? r.value().subtract(r.target()) : r.target().subtract(r.value());
            out.add(new RankedUnit(r, gap));
        }
        out.sort(Comparator.comparing(RankedUnit::gap, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(u -> u.row().unit()));
        return out;
    }

    /** The Decision 766 score of the rows of {@link #rows}: Q-TOTAL, its class and the group scores. */
    public Score score(Map<String, KpiRow> rows) {
        KpiRow total = rows.get("Q-TOTAL");
        ClassBand band = null;
        if (total != null && total.grade() != null) {
            band = registry.classBands().stream().filter(b -> b.id().equals(total.grade())).findFirst().orElse(null);
        }
        List<ScoreGroup> groups = new ArrayList<>();
        for (KpiDefinition d : registry.groupScores()) {
            KpiRow r = rows.get(d.id());
            BigDecimal points = r == null ? null : r.points() != null ? r.points() : r.value();
            groups.add(new ScoreGroup(d.id(), d.name().vi(), d.name().en(), points,
                    d.scoring() == null ? null : d.scoring().maxPoints()));
        }
        return new Score(total, band, groups);
    }

    /**
     * The values of {@code kpiIds} for the unit over {@code count} periods of the period's kind ending with it
     * (oldest first). A period in which the unit was not in force, or that fails, gives null values.
     */
    public Map<String, List<TrendPoint>> trend(CivicUser user, ReportingPeriod period, String unit, List<String> kpiIds,
                                               int count) {
        return trend(user, period, unit, kpiIds, count, null);
    }

    /** {@link #trend} reusing the rows of {@code period} itself when the caller has them already ({@link #rows}). */
    public Map<String, List<TrendPoint>> trend(CivicUser user, ReportingPeriod period, String unit, List<String> kpiIds,
                                               int count, Map<String, KpiRow> current) {
        List<ReportingPeriod> periods = new ArrayList<>();
        ReportingPeriod p = period;
        for (int i = 0; i < count; i++) {
            periods.add(0, p);
            p = p.previous();
        }
        Map<String, List<TrendPoint>> out = new LinkedHashMap<>();
        kpiIds.forEach(id -> out.put(id, new ArrayList<>()));
        for (ReportingPeriod q : periods) {
            Map<String, KpiRow> rows = q.equals(period) && current != null ? current : historyRows(user, q, unit);
            for (String id : kpiIds) {
                KpiRow r = rows.get(id);
                out.get(id).add(new TrendPoint(q, r == null ? null : r.value(), r == null ? null : r.status(), r));
            }
        }
        return out;
    }

    private Map<String, KpiRow> historyRows(CivicUser user, ReportingPeriod period, String unit) {
        if (!scope.canRead(user, unit, period)) {
            return Map.of();
        }
        Instant now = clock.instant();
        boolean closed = !period.endExclusiveInstant(calendar.zone()).isAfter(now);
        String key = unit + "|" + period.code();
        Cached c = history.get(key);
        List<KpiRow> rows;
        if (closed && c != null && !now.isAfter(c.at().plus(historyTtl)) && !now.isBefore(c.at())) {
            rows = c.rows();
        } else {
            try {
                rows = kpis.rows(new KpiRequests.KpiQuery(period, unit, List.of(), false), user);
            } catch (IllegalArgumentException e) {
                log.debug("No trend point for {} in {}: {}", unit, period.code(), e.getMessage());
                rows = List.of();
            }
            if (closed) {
                if (history.size() > MAX_CACHE) {
                    history.clear();
                }
                history.put(key, new Cached(rows, now));
            }
        }
        Map<String, KpiRow> byId = new LinkedHashMap<>();
        rows.forEach(r -> byId.put(r.kpi(), r));
        return byId;
    }

    /** Whether the KPI is a ratio whose figures can be drilled to records. */
    public boolean drillable(String kpi) {
        KpiDefinition d = registry.get(kpi);
        return d.kind() != KpiKind.COMPOSITE && d.kind() != KpiKind.GROUP_SCORE && d.kind() != KpiKind.TOTAL_SCORE;
    }
}
