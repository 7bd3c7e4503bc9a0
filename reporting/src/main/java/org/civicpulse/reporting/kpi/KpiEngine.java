package org.civicpulse.reporting.kpi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.civicpulse.domain.calendar.ReportingCalendar;
import org.civicpulse.domain.calendar.ReportingPeriod;
import org.civicpulse.domain.calendar.WorkingDays;
import org.civicpulse.domain.event.UnitLevel;
import org.civicpulse.domain.kpi.KpiDefinition;
import org.civicpulse.domain.kpi.KpiKind;
import org.civicpulse.domain.kpi.KpiParameters;
import org.civicpulse.domain.kpi.KpiRegistry;
import org.civicpulse.domain.kpi.KpiStatus;
import org.civicpulse.domain.kpi.ReportRegime;
import org.civicpulse.domain.kpi.ReportRegimes;
import org.civicpulse.domain.org.Merger;
import org.civicpulse.domain.org.OrgHierarchy;
import org.civicpulse.domain.org.OrgUnit;
import org.civicpulse.reporting.catalog.OrgUnitRepository;
import org.civicpulse.reporting.clickhouse.ClickHouseConnection;
import org.civicpulse.reporting.clickhouse.Row;
import org.civicpulse.reporting.clickhouse.Sql;
import org.civicpulse.reporting.kpi.KpiQueries.Measure;
import org.civicpulse.reporting.kpi.KpiQueries.Pass;
import org.civicpulse.reporting.report.ActionRow;
import org.civicpulse.reporting.report.ExpectedReport;
import org.civicpulse.reporting.report.ExpectedReports;
import org.civicpulse.reporting.report.ReportActions;
import org.civicpulse.reporting.report.ReportKey;
import org.civicpulse.reporting.report.ReportState;

/**
 * The KPI engine: every KPI of the registry for any unit subtree and any period, from the ClickHouse
 * facts, the catalogue tables and approved report values.
 *
 * <ul>
 *   <li>{@link #compute} — every KPI applicable to the unit, for the unit's whole subtree;</li>
 *   <li>{@link #breakdown} — one KPI, one row per child unit in force in the period, ranked;</li>
 *   <li>{@link #drillThrough} — the records behind a numerator or denominator, paginated.</li>
 * </ul>
 *
 * <p>Queries: {@code compute} runs one aggregate per fact table (dossiers, feedback, logins,
 * documents, probes, catalogue, reports, events for freshness: 8), in parallel, plus — while the
 * period's year is open — the four event passes again over the year to date for projections (12
 * in all); {@code breakdown} runs only the passes its KPI needs, with the same SQL, and files the
 * (unit, seg) rows under the children in Java. See {@link KpiQueries}.
 *
 * <p>Unknown unit, period or KPI, a unit not in force in the period, a period that has not started,
 * bad drill-through arguments: {@link IllegalArgumentException} with a message that says which.
 * Thread-safe; {@link #close()} stops its worker threads.
 */
public final class KpiEngine implements AutoCloseable {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final MathContext MC = MathContext.DECIMAL64;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> CHANNELS = Set.of("ONLINE", "DIRECT", "POSTAL");
    private static final Set<String> STATUSES = Set.of("IN_PROGRESS", "COMPLETED", "WITHDRAWN");
    private static final int MAX_PAGE_SIZE = 1000;

    /** Registry id → SQL measure for the KPIs that are one ratio of one pass. */
    private static final Map<String, String> RATIO_MEASURES = Map.ofEntries(
            Map.entry("P1", "p1"), Map.entry("P2", "p2"), Map.entry("P2b", "p2b"), Map.entry("P3", "p3"),
            Map.entry("P4", "p4"), Map.entry("P5", "p5"), Map.entry("P5b", "p5b"), Map.entry("P6f", "p6f"),
            Map.entry("P6r", "p6r"), Map.entry("P7", "p7"), Map.entry("P11", "p11"), Map.entry("Q2.1", "q21"),
            Map.entry("Q3.1", "q31"), Map.entry("Q3.3", "q33"), Map.entry("Q3.4", "q34"), Map.entry("Q3.6", "q36"),
            Map.entry("Q4.1", "q41"), Map.entry("Q4.2", "q42"), Map.entry("Q4.3", "q43"), Map.entry("Q4.5", "q45"),
            Map.entry("Q5.2", "q52"), Map.entry("O1", "o1"), Map.entry("O2", "o2"), Map.entry("O4", "o4"));

    /** COUNT KPIs: measure and side. */
    private static final Map<String, String> COUNT_MEASURES = Map.of("O3", "o3_d", "O3o", "o3o_n", "O3d", "o3d_n");

    private final ClickHouseConnection ch;
    private final KpiRegistry registry;
    private final ReportRegimes regimes;
    private final ReportingCalendar calendar;
    private final WorkingDays workingDays;
    private final Clock clock;
    private final ZoneId zone;
    private final OrgDirectory directory;
    private final ExecutorService executor;
    private final long projectionTtlNanos;
    private final ExpectedReports expectedReports;
    private final Map<String, YearToDate> ytdCache = new java.util.concurrent.ConcurrentHashMap<>();
    private final DossierRollup rollup;

    private KpiEngine(Builder b) {
        this.ch = b.connection;
        this.registry = b.registry;
        this.regimes = b.regimes;
        this.calendar = b.calendar;
        this.workingDays = b.workingDays;
        this.clock = b.clock;
        this.zone = calendar.zone();
        this.projectionTtlNanos = b.projectionTtl.toNanos();
        this.expectedReports = new ExpectedReports(regimes, calendar, workingDays);
        this.rollup = new DossierRollup(ch, zone, b.rollupQuietPeriod);
        OrgUnitRepository repository = new OrgUnitRepository(ch);
        Supplier<Collection<Merger>> mergers = b.mergers;
        this.directory = new OrgDirectory(() -> OrgDirectory.hierarchy(repository.findAll(), mergers.get()), zone);
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(b.threads, r -> {
            Thread t = new Thread(r, "kpi-engine-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        checkImplemented(registry);
    }

    public static Builder builder(ClickHouseConnection connection) {
        return new Builder(connection);
    }

    /** Fails unless this engine implements every registry KPI in the registry's formula version. */
    static void checkImplemented(KpiRegistry registry) {
        List<String> problems = new ArrayList<>();
        for (KpiDefinition k : registry.all()) {
            Integer v = KpiQueries.IMPLEMENTED.get(k.id());
            if (v == null) {
                problems.add(k.id() + " has no implementation");
            } else if (v != k.formulaVersion()) {
                problems.add(k.id() + " is formulaVersion " + k.formulaVersion() + " in the registry, the engine implements " + v);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("KPI registry " + registry.version() + " does not match the engine: "
                    + String.join("; ", problems));
        }
    }

    /** The dossier rollups (package-private: tests look at how queries were served). */
    DossierRollup rollup() {
        return rollup;
    }

    public KpiRegistry registry() {
        return registry;
    }

    public ReportRegimes regimes() {
        return regimes;
    }

    /** The expected-report rules behind P12/P12b/P12c (shared with report generation and the submission workflow). */
    public ExpectedReports expectedReports() {
        return expectedReports;
    }

    /** Reloads the org hierarchy (after a catalogue import) and forgets cached scopes. */
    public void refreshUnits() {
        directory.refresh();
        ytdCache.clear();
    }

    /** The org hierarchy the engine uses (cached). */
    public OrgHierarchy hierarchy() {
        return directory.hierarchy();
    }

    @Override
    public void close() {
        executor.shutdownNow();
        rollup.close();
    }

    // ============================================================================================ API

    /**
     * Every KPI that applies to the unit's level, for its subtree and the period, in registry order.
     *
     * @throws IllegalArgumentException for an unknown unit or period, a unit not in force in the period,
     *                                  or a period that has not started
     */
    public List<KpiValue> compute(String unitCode, String periodCode) {
        Ctx ctx = context(unitCode, periodCode, false);
        List<KpiDefinition> defs = registry.forLevel(ctx.scope.parent.level());
        Results r = run(ctx, passesFor(defs), needsProjection(ctx, defs));
        Map<String, KpiValue> values = evaluate(ctx, r, ctx.scope.parentCode(), ctx.scope.parent.level(), defs);
        List<KpiValue> out = new ArrayList<>();
        for (KpiDefinition d : defs) {
            out.add(values.get(d.id()));
        }
        return out;
    }

    /**
     * One KPI for each child unit in force on some day of the period (ranked best first in the KPI's
     * direction, NO_DATA last, ties by code), plus a last row under the parent's own code when the
     * parent itself (or a former unit under no current child) has records.
     */
    public List<KpiValue> breakdown(String kpiId, String unitCode, String periodCode) {
        KpiDefinition def = registry.get(kpiId);
        Ctx ctx = context(unitCode, periodCode, true);
        List<KpiDefinition> defs = withDependencies(def);
        Results r = run(ctx, passesFor(defs), needsProjection(ctx, List.of(def)), measuresFor(defs));
        List<KpiValue> rows = new ArrayList<>();
        for (OrgUnit child : ctx.scope.children) {
            rows.add(evaluate(ctx, r, child.code(), child.level(), defs).get(def.id()));
        }
        rows.sort(ranking(def));
        String own = ctx.scope.parentCode();
        if (r.sums.hasRows(own) || hasReportRows(r, own)) {
            rows.add(evaluate(ctx, r, own, ctx.scope.parent.level(), defs).get(def.id()));
        }
        return rows;
    }

    /**
     * The records behind a KPI's numerator or denominator, paginated ({@code page} from 0).
     *
     * @throws IllegalArgumentException for composite and score KPIs (naming the components to drill),
     *                                  filters that do not apply, a filter unit outside the unit, bad paging
     */
    public Page<DrillRow> drillThrough(String kpiId, String unitCode, String periodCode, Part part,
                                       DrillFilters filters, int page, int size) {
        KpiDefinition def = registry.get(kpiId);
        Objects.requireNonNull(part, "part");
        DrillFilters f = filters == null ? DrillFilters.NONE : filters;
        if (page < 0) {
            throw new IllegalArgumentException("page must be ≥ 0, got " + page);
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page size must be within 1–" + MAX_PAGE_SIZE + ", got " + size);
        }
        if (f.channel() != null && !CHANNELS.contains(f.channel())) {
            throw new IllegalArgumentException("channel filter must be one of " + new TreeSet<>(CHANNELS) + ", got '" + f.channel() + "'");
        }
        if (f.status() != null && !STATUSES.contains(f.status())) {
            throw new IllegalArgumentException("status filter must be one of " + new TreeSet<>(STATUSES) + ", got '" + f.status() + "'");
        }
        Ctx ctx = context(unitCode, periodCode, false);
        // Which rows: the whole unit (key null), one breakdown row of it (key = a child's code, filed
        // exactly as breakdown files it), or a unit deeper down (its own scope).
        UnitScope scope = ctx.scope;
        String key = null;
        if (f.unit() != null && !f.unit().strip().equals(scope.parentCode())) {
            String fu = f.unit().strip();
            if (scope.children.stream().anyMatch(c -> c.code().equals(fu))) {
                key = fu;
            } else {
                boolean within = false;
                for (int i = 1; i < scope.segments.size(); i++) {
                    within |= directory.hierarchy().isWithin(fu, scope.parentCode(), scope.segments.get(i).from());
                }
                if (!within) {
                    throw new IllegalArgumentException("filter unit " + fu + " is not within unit " + scope.parentCode()
                            + " during period " + ctx.period.code());
                }
                scope = directory.scope(fu, ctx.period);
            }
        }
        Drill d = new Drill(new Ctx(ctx.period, scope, ctx.start, ctx.end, ctx.eval, ctx.closed, ctx.now, key != null),
                key == null ? scope.parentCode() : key, key);
        String id = def.id();
        if (RATIO_MEASURES.containsKey(id) || COUNT_MEASURES.containsKey(id) || id.equals("Q2.2")) {
            String mid = RATIO_MEASURES.getOrDefault(id, id.equals("Q2.2") ? "q22" : COUNT_MEASURES.getOrDefault(id, "")
                    .replaceAll("_[dn]$", ""));
            Measure m = KpiQueries.measure(mid);
            if (f.dossierOnly() && m.pass() != Pass.DOSSIERS) {
                throw new IllegalArgumentException("procedure, channel and status filters apply to dossier KPIs only, not " + id);
            }
            Part side = COUNT_MEASURES.containsKey(id) ? (COUNT_MEASURES.get(id).endsWith("_d") ? Part.DENOMINATOR
                    : Part.NUMERATOR) : part;
            return drillSql(d, m, side, f, page, size);
        }
        if (f.dossierOnly()) {
            throw new IllegalArgumentException("procedure, channel and status filters apply to dossier KPIs only, not " + id);
        }
        List<DrillRow> rows = switch (id) {
            case "P8" -> drillAgencies(d, part);
            case "P9", "P10" -> drillSubmitted(d, id, part);
            case "P12", "P12b", "P12c" -> drillReports(d, id, part);
            case "O5" -> drillSources(d);
            case "P6", "Q5.4" -> throw new IllegalArgumentException(id + " is a composite (100% − overdue rate − "
                    + "feedback/dislike rate) with no rows of its own: drill through Q2.1 (overdue) and P6f (feedback or low rating)");
            case "O5r" -> part == Part.NUMERATOR ? drillRejected(d) : drillSources(d);
            default -> throw new IllegalArgumentException(id + " is a Decision 766 score with no rows of its own: drill "
                    + "through its indicators (" + String.join(", ", scoreComponents(def)) + ")");
        };
        int from = Math.min(rows.size(), page * size);
        return new Page<>(rows.subList(from, Math.min(rows.size(), from + size)), page, size, rows.size());
    }

    /** The newest event per source system within the unit's subtree (O5 in detail), stalest first. */
    public List<SourceFreshness> freshness(String unitCode, String periodCode) {
        Ctx ctx = context(unitCode, periodCode, false);
        Results r = run(ctx, EnumSet.of(Pass.FRESHNESS), false);
        return r.sources.getOrDefault(ctx.scope.parentCode(), Map.of()).entrySet().stream()
                .map(e -> new SourceFreshness(e.getKey(), Instant.ofEpochSecond(e.getValue()[0]),
                        ctx.eval.getEpochSecond() - e.getValue()[0], e.getValue()[1]))
                .sorted(Comparator.comparingLong(SourceFreshness::ageSeconds).reversed()
                        .thenComparing(SourceFreshness::source))
                .toList();
    }

    // ============================================================================================ context

    /** A period as the engine evaluates it: the instants and whether it is over. */
    private record Ctx(ReportingPeriod period, UnitScope scope, Instant start, Instant end, Instant eval,
                       boolean closed, Instant now, boolean breakdown) {
    }

    private Ctx context(String unitCode, String periodCode, boolean breakdown) {
        if (periodCode == null || periodCode.isBlank()) {
            throw new IllegalArgumentException("period is missing");
        }
        ReportingPeriod period = calendar.parse(periodCode);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant start = period.startInstant(zone);
        Instant end = period.endExclusiveInstant(zone);
        if (!start.isBefore(now)) {
            throw new IllegalArgumentException("period " + period.code() + " has not started yet (it starts on "
                    + period.start() + ")");
        }
        UnitScope scope = directory.scope(unitCode, period);
        Instant eval = now.isBefore(end) ? now : end;
        return new Ctx(period, scope, start, end, eval, !now.isBefore(end), now, breakdown);
    }

    // ============================================================================================ passes

    /** Everything the passes returned, filed per breakdown key. */
    private static final class Results {
        final FactSums sums = new FactSums();
        FactSums ytd = new FactSums();
        /** key → source → [newest epoch second, events in period]. */
        final Map<String, Map<String, long[]>> sources = new HashMap<>();
        /** key → lines rejected by ingestion in the period (O5r). */
        final Map<String, Long> rejected = new HashMap<>();
        final List<ReportRow> reports = new ArrayList<>();
        final List<OwedReport> expected = new ArrayList<>();
        Ctx ytdCtx;
        /** The SQL measures to aggregate; null = every measure of each pass. */
        Set<String> measures;
    }

    /** Year-to-date sums behind projections, kept for {@code projectionTtl}. */
    private record YearToDate(FactSums sums, Ctx ctx, long loadedAt) {
    }

    /** One report's state (unit, regime, period), filed under a key. */
    private record ReportRow(String key, String unit, String regime, String period, LocalDate periodEnd,
                             String lastAction, long submissions, Instant firstSubmitted, String values) {
    }

    /** One report a unit owes for a regime period that has ended. */
    private record OwedReport(String key, String unit, ReportRegime regime, ReportingPeriod period,
                                  LocalDate deadline) {
    }

    private Results run(Ctx ctx, Set<Pass> passes, boolean projection) {
        return run(ctx, passes, projection, null);
    }

    private Results run(Ctx ctx, Set<Pass> passes, boolean projection, Set<String> measures) {
        Results r = new Results();
        r.measures = measures;
        List<CompletableFuture<Void>> jobs = new ArrayList<>();
        for (Pass p : passes) {
            jobs.add(CompletableFuture.runAsync(() -> runPass(ctx, p, r, r.sums), executor));
        }
        if (projection) {
            ReportingPeriod year = calendar.periodOf(ReportingPeriod.Kind.YEAR, ctx.period.endInclusive());
            Set<Pass> ytdPasses = EnumSet.noneOf(Pass.class);
            for (Pass p : passes) {
                if (p == Pass.DOSSIERS || p == Pass.FEEDBACK || p == Pass.LOGINS || p == Pass.DOCUMENTS) {
                    ytdPasses.add(p);
                }
            }
            String cacheKey = ctx.scope.parentCode() + "|" + year.code() + "|" + ctx.breakdown + "|" + ytdPasses
                    + "|" + (measures == null ? "*" : new TreeSet<>(measures));
            YearToDate cached = ytdCache.get(cacheKey);
            if (cached != null && System.nanoTime() - cached.loadedAt() < projectionTtlNanos) {
                r.ytd = cached.sums();
                r.ytdCtx = cached.ctx();
            } else {
                Instant ys = year.startInstant(zone);
                Ctx y = new Ctx(year, directory.scope(ctx.scope.parentCode(), year), ys, year.endExclusiveInstant(zone),
                        ctx.now, false, ctx.now, ctx.breakdown);
                r.ytdCtx = y;
                FactSums ytd = r.ytd;
                List<CompletableFuture<Void>> ytdJobs = new ArrayList<>();
                for (Pass p : ytdPasses) {
                    ytdJobs.add(CompletableFuture.runAsync(() -> runPass(y, p, r, ytd), executor));
                }
                jobs.addAll(ytdJobs);
                CompletableFuture.allOf(ytdJobs.toArray(CompletableFuture[]::new))
                        .thenRun(() -> ytdCache.put(cacheKey, new YearToDate(ytd, y, System.nanoTime())));
            }
        }
        try {
            CompletableFuture.allOf(jobs.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
        return r;
    }

    private void runPass(Ctx ctx, Pass pass, Results r, FactSums into) {
        switch (pass) {
            case REPORTS -> runReports(ctx, r);
            case FRESHNESS -> runFreshness(ctx, r);
            case DOSSIERS -> {
                Ctx atEnd = new Ctx(ctx.period, ctx.scope, ctx.start, ctx.end, ctx.end, ctx.closed, ctx.now, ctx.breakdown);
                // Rollups are kept for the whole city's scope only (its overview and breakdowns): a build per
                // unit scope would multiply builds by the number of units (report runs compute every unit),
                // and a smaller scope's live query reads only its own dossiers' conditions.
                Sql sql = rollup.aggregate(new DossierRollup.Request(r.measures, ctx.closed, ctx.now, ctx.eval, isCity(ctx),
                        s -> bindPass(ctx, pass, s), s -> bindPass(atEnd, pass, s)));
                ch.query(sql, DossierRollup.resultColumns(r.measures), row -> {
                    fileRow(ctx, pass, row, "dossiers.", into);
                    return Boolean.TRUE;
                });
            }
            default -> {
                Sql sql = bindPass(ctx, pass, Sql.of(KpiQueries.aggregateText(pass, r.measures)));
                String prefix = pass.name().toLowerCase(Locale.ROOT) + ".";
                ch.query(sql, row -> {
                    fileRow(ctx, pass, row, prefix, into);
                    return Boolean.TRUE;
                });
            }
        }
    }

    private void fileRow(Ctx ctx, Pass pass, Row row, String prefix, FactSums into) {
        String unit = row.getString("unit");
        String key;
        String resolved;
        if (pass == Pass.CATALOGUE) {
            // A procedure counts under every key whose units or local levels hold it; compute files it once.
            String level = row.getString("authority_level");
            List<String> keys = catalogueKeys(ctx, unit, level);
            for (String k : keys) {
                for (String c : row.columnNames()) {
                    if (!c.equals("unit") && !c.equals("authority_level")) {
                        into.add(k, unit, prefix + c, row.getLong(c));
                    }
                }
            }
            return;
        }
        int seg = row.getInt("seg");
        key = ctx.scope.key(unit, seg);
        if (key == null) {
            return;
        }
        resolved = ctx.scope.resolve(unit, seg).code();
        if (!ctx.breakdown) {
            key = ctx.scope.parentCode();
        }
        for (String c : row.columnNames()) {
            if (!c.equals("unit") && !c.equals("seg")) {
                into.add(key, resolved, prefix + c, row.getLong(c));
            }
        }
    }

    private List<String> catalogueKeys(Ctx ctx, String unit, String level) {
        UnitScope s = ctx.scope;
        if (!ctx.breakdown) {
            String whole = OrgDirectory.wholeKey(s.parentCode());
            return s.catalogueUnits(whole).contains(unit) || s.catalogueLevels(whole).contains(level)
                    ? List.of(s.parentCode()) : List.of();
        }
        List<String> keys = new ArrayList<>();
        for (String k : s.breakdownKeys()) {
            if (s.catalogueUnits(k).contains(unit) || (!k.equals(s.parentCode()) && s.catalogueLevels(k).contains(level))) {
                keys.add(k);
            }
        }
        return keys;
    }

    /** Binds the placeholders a pass's inner query uses (and only those). */
    private Sql bindPass(Ctx ctx, Pass pass, Sql sql) {
        UnitScope s = ctx.scope;
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, Sql> fragments = new LinkedHashMap<>();
        KpiParameters params = registry.parameters();
        String anchor = switch (pass) {
            case DOSSIERS -> "received_at";
            case FEEDBACK -> "assumeNotNull(received_at)";
            default -> "occurred_at";
        };
        fragments.put("seg", KpiQueries.segmentExpression(anchor, s.periodStart(), s.boundaries()));
        if (pass == Pass.CATALOGUE) {
            String whole = OrgDirectory.wholeKey(s.parentCode());
            values.put("units", s.catalogueUnits(whole));
            values.put("levels", s.catalogueLevels(whole));
        } else {
            values.put("units", s.candidateCodes());
        }
        values.put("start_dt", ctx.start);
        values.put("eval_dt", ctx.eval);
        values.put("s", ctx.start.getEpochSecond());
        values.put("ev", ctx.eval.getEpochSecond());
        if (pass == Pass.DOSSIERS) {
            LocalDate evalDay = LocalDate.ofInstant(ctx.eval.minusSeconds(1), zone);
            LocalDate soonDay = plusWorkingDays(evalDay, params.almostLateWorkingDays());
            values.put("soon", soonDay.plusDays(1).atStartOfDay(zone).toInstant().getEpochSecond());
            values.put("work_days", calendarDays(ctx.period, true));
            values.put("off_days", calendarDays(ctx.period, false));
            values.put("open_hour", params.officeOpenHour());
            values.put("close_hour", params.officeCloseHour());
        }
        if (pass == Pass.FEEDBACK) {
            List<Long> from = new ArrayList<>();
            List<Long> to = new ArrayList<>();
            for (LocalDate d = ctx.period.start(); !d.isAfter(ctx.period.endInclusive()); d = d.plusDays(1)) {
                from.add(d.toEpochDay());
                to.add(plusWorkingDays(d, params.feedbackAnswerWorkingDays()).toEpochDay());
            }
            fragments.put("dl_from", KpiQueries.numberArray(from));
            fragments.put("dl_to", KpiQueries.numberArray(to));
        }
        for (Map.Entry<String, Sql> e : fragments.entrySet()) {
            if (sql.placeholders().contains(e.getKey())) {
                sql = sql.bindFragment(e.getKey(), e.getValue());
            }
        }
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (sql.placeholders().contains(e.getKey())) {
                sql = sql.bind(e.getKey(), e.getValue());
            }
        }
        return sql;
    }

    /** Day numbers (days since 1970-01-01) of the make-up working days ({@code work}) or days off in the period's years. */
    private Set<Long> calendarDays(ReportingPeriod period, boolean work) {
        Set<Long> out = new TreeSet<>();
        for (WorkingDays.Entry e : workingDays.entries()) {
            if (e.date().getYear() >= period.start().getYear() && e.date().getYear() <= period.endInclusive().getYear()
                    && (e.type() == WorkingDays.DayType.WORK) == work) {
                out.add(e.date().toEpochDay());
            }
        }
        return out;
    }

    /** Working days after a date; outside the years the holiday list covers, weekends only. */
    private LocalDate plusWorkingDays(LocalDate d, int n) {
        try {
            return workingDays.plusWorkingDays(d, n);
        } catch (IllegalStateException outsideCalendar) {
            LocalDate x = d;
            int left = n;
            while (left > 0) {
                x = x.plusDays(1);
                if (x.getDayOfWeek().getValue() < 6) {
                    left--;
                }
            }
            return x;
        }
    }

    private void runReports(Ctx ctx, Results r) {
        UnitScope s = ctx.scope;
        OrgHierarchy h = directory.hierarchy();
        Set<String> regimeIds = new TreeSet<>();
        Set<String> periodCodes = new TreeSet<>();
        for (ReportRegime regime : regimes.submissionRegimes()) {
            for (ReportingPeriod rp : regime.periodsEndingWithin(ctx.period, calendar)) {
                regimeIds.add(regime.id());
                periodCodes.add(rp.code());
            }
        }
        // Which reports are owed and by when: the one definition, reporting.report.ExpectedReports (periods
        // over at the evaluation instant, units in force on the period's last day, submission regimes only).
        for (ExpectedReport e : expectedReports.due(ctx.period, ctx.eval, h,
                s.parentCode())) {
            String key = s.key(e.unit(), s.segmentOf(e.period().endInclusive()));
            if (key != null) {
                r.expected.add(new OwedReport(ctx.breakdown ? key : s.parentCode(), e.unit(), e.regime(),
                        e.period(), e.deadline()));
            }
        }
        if (regimeIds.isEmpty()) {
            return;
        }
        Map<String, ReportingPeriod> byCode = new HashMap<>();
        periodCodes.forEach(c -> byCode.put(c, calendar.parse(c)));
        // Each report's state comes from the workflow's one conflict rule (reporting.report.ReportState: actions in
        // (occurred_at, event_id) order, a submit after approval and a second approval ignored), so the figures the
        // engine reads are the ones the submission workflow shows as approved.
        Map<ReportKey, List<ActionRow>> byReport =
                new HashMap<>();
        for (ActionRow a : new ReportActions(ch, clock)
                .rows(regimeIds, s.candidateCodes(), periodCodes)) {
            byReport.computeIfAbsent(a.key(), k -> new ArrayList<>()).add(a);
        }
        byReport.forEach((k, rows) -> {
            ReportingPeriod rp = byCode.get(k.period());
            String key = rp == null ? null : s.key(k.unit(), s.segmentOf(rp.endInclusive()));
            if (key != null) {
                ReportState st = ReportState.fold(k, rows);
                long submissions = st.steps().stream().filter(x -> x.accepted()
                        && x.action().action() == ActionRow.Action.SUBMITTED).count();
                synchronized (r.reports) {
                    r.reports.add(new ReportRow(ctx.breakdown ? key : s.parentCode(), k.unit(), k.regime(), rp.code(),
                            rp.endInclusive(), st.status().name(), submissions, st.firstSubmitted(),
                            st.submission() == null ? "" : st.submission().valuesJson()));
                }
            }
        });
    }

    private void runFreshness(Ctx ctx, Results r) {
        UnitScope s = ctx.scope;
        Instant lookback = ctx.eval.minus(registry.parameters().freshnessLookbackDays(), ChronoUnit.DAYS);
        Sql sql = Sql.of(KpiQueries.FRESHNESS)
                .bindFragment("seg", KpiQueries.segmentExpression("occurred_at", s.periodStart(), s.boundaries()))
                .bind("units", s.candidateCodes())
                .bind("start_dt", ctx.start)
                .bind("eval_dt", ctx.eval)
                .bind("lookback_dt", lookback.isBefore(ctx.start) ? lookback : ctx.start);
        ch.query(sql, row -> {
            String key = s.key(row.getString("unit"), row.getInt("seg"));
            if (key != null) {
                String k = ctx.breakdown ? key : s.parentCode();
                synchronized (r.sources) {
                    long[] v = r.sources.computeIfAbsent(k, x -> new TreeMap<>())
                            .computeIfAbsent(row.getString("source"), x -> new long[2]);
                    v[0] = Math.max(v[0], row.getLong("last_ts"));
                    v[1] += row.getLong("in_period");
                }
            }
            return Boolean.TRUE;
        });
        // O5r: a rejected line counts at the unit its payload named; one that named none counts for the
        // whole city only (one naming a unit the catalogue does not know counts nowhere, as its events would).
        boolean wholeCity = !ctx.breakdown && isCity(ctx);
        Sql rejected = Sql.of(KpiQueries.REJECTED)
                .bindFragment("seg", KpiQueries.segmentExpression("received_at", s.periodStart(), s.boundaries()))
                .bind("units", s.candidateCodes())
                .bind("start_dt", ctx.start)
                .bind("eval_dt", ctx.eval);
        ch.query(rejected, REJECTED_COLUMNS, row -> {
            String key = s.key(row.getString("unit"), row.getInt("seg"));
            String k = key != null ? (ctx.breakdown ? key : s.parentCode())
                    : wholeCity && row.getString("unit").isEmpty() ? s.parentCode() : null;
            if (k != null) {
                synchronized (r.sources) {
                    r.rejected.merge(k, row.getLong("rejected"), Long::sum);
                }
            }
            return Boolean.TRUE;
        });
    }

    /** Whether the context's scope is the whole city (a root of the hierarchy). */
    private boolean isCity(Ctx ctx) {
        return directory.hierarchy().pathToRoot(ctx.scope.parentCode(), ctx.period.endInclusive()).size() == 1;
    }

    private static final List<String> REJECTED_COLUMNS = List.of("source String", "unit String", "seg UInt8",
            "rejected Int64");

    /** O5r: lines rejected in the period over the period's accepted events plus those lines. */
    private KpiValue rejectedShare(Ctx ctx, Results r, String key, KpiDefinition d) {
        long rejected = r.rejected.getOrDefault(key, 0L);
        long accepted = 0;
        for (long[] v : r.sources.getOrDefault(key, Map.of()).values()) {
            accepted += v[1];
        }
        long all = accepted + rejected;
        return build(ctx, d, key, BigDecimal.valueOf(rejected), BigDecimal.valueOf(all), rate(rejected, all), null,
                null, null, null, null, null, null);
    }

    private static boolean hasReportRows(Results r, String key) {
        return r.expected.stream().anyMatch(e -> e.key().equals(key)) || r.reports.stream().anyMatch(e -> e.key().equals(key));
    }

    // ============================================================================================ which passes

    private Set<Pass> passesFor(List<KpiDefinition> defs) {
        Set<Pass> out = EnumSet.noneOf(Pass.class);
        for (KpiDefinition d : defs) {
            String id = d.id();
            if (RATIO_MEASURES.containsKey(id)) {
                out.add(KpiQueries.measure(RATIO_MEASURES.get(id)).pass());
            }
            switch (id) {
                case "Q2.2", "O3", "O3o", "O3d", "P6", "Q5.4" -> out.add(Pass.DOSSIERS);
                case "P8" -> {
                    out.add(Pass.DOSSIERS);
                    out.add(Pass.PROBES);
                }
                case "P9", "P10", "P12", "P12b", "P12c" -> out.add(Pass.REPORTS);
                case "O5", "O5r" -> out.add(Pass.FRESHNESS);
                default -> {
                }
            }
        }
        return out;
    }

    /** The SQL measures the KPIs read. */
    private static Set<String> measuresFor(List<KpiDefinition> defs) {
        Set<String> out = new TreeSet<>();
        for (KpiDefinition d : defs) {
            String id = d.id();
            if (RATIO_MEASURES.containsKey(id)) {
                out.add(RATIO_MEASURES.get(id));
            }
            switch (id) {
                case "Q2.2" -> out.add("q22");
                case "O3", "O3o", "O3d" -> out.add(COUNT_MEASURES.get(id).replaceAll("_[dn]$", ""));
                case "P6", "Q5.4" -> {
                    out.add("q21");
                    out.add("p6f");
                }
                case "P8" -> {
                    out.add("p8off");
                    out.add("probe");
                }
                default -> {
                }
            }
        }
        return out;
    }

    /** The KPI and what it is computed from (components of composites, indicators of scores). */
    private List<KpiDefinition> withDependencies(KpiDefinition def) {
        Set<KpiDefinition> out = new LinkedHashSet<>();
        switch (def.kind()) {
            case COMPOSITE -> {
                out.add(registry.get("Q2.1"));
                out.add(registry.get("P6f"));
            }
            case GROUP_SCORE -> registry.scoredIn(def.group()).forEach(k -> out.addAll(withDependencies(k)));
            case TOTAL_SCORE -> registry.groupScores().forEach(g -> out.addAll(withDependencies(g)));
            default -> {
            }
        }
        out.add(def);
        return new ArrayList<>(out);
    }

    private static List<String> scoreComponents(KpiDefinition def) {
        return List.of(def.kind() == KpiKind.TOTAL_SCORE ? "the group scores and their indicators" : "its group's indicators");
    }

    private boolean needsProjection(Ctx ctx, List<KpiDefinition> defs) {
        ReportingPeriod year = calendar.periodOf(ReportingPeriod.Kind.YEAR, ctx.period.endInclusive());
        if (!ctx.now.isBefore(year.endExclusiveInstant(zone)) || !ctx.now.isAfter(year.startInstant(zone))) {
            return false;
        }
        return defs.stream().anyMatch(this::projectable);
    }

    private boolean projectable(KpiDefinition d) {
        if (!RATIO_MEASURES.containsKey(d.id()) || !d.target().defined()) {
            return false;
        }
        Pass p = KpiQueries.measure(RATIO_MEASURES.get(d.id())).pass();
        return p == Pass.DOSSIERS || p == Pass.FEEDBACK || p == Pass.LOGINS || p == Pass.DOCUMENTS;
    }

    // ============================================================================================ evaluation

    /** Values of {@code defs} for one key, in dependency order (indicators before scores). */
    private Map<String, KpiValue> evaluate(Ctx ctx, Results r, String key, UnitLevel level,
                                           List<KpiDefinition> defs) {
        Map<String, KpiValue> out = new LinkedHashMap<>();
        List<KpiDefinition> ordered = new ArrayList<>(defs);
        ordered.sort(Comparator.comparingInt(d -> d.kind() == KpiKind.TOTAL_SCORE ? 3
                : d.kind() == KpiKind.GROUP_SCORE ? 2 : d.kind() == KpiKind.COMPOSITE ? 1 : 0));
        for (KpiDefinition d : ordered) {
            out.put(d.id(), value(ctx, r, key, level, d, out));
        }
        return out;
    }

    private KpiValue value(Ctx ctx, Results r, String key, UnitLevel level, KpiDefinition d,
                           Map<String, KpiValue> done) {
        String id = d.id();
        if (RATIO_MEASURES.containsKey(id)) {
            return ratio(ctx, r, key, level, d, KpiQueries.measure(RATIO_MEASURES.get(id)));
        }
        if (COUNT_MEASURES.containsKey(id)) {
            long n = r.sums.get(key, "dossiers." + COUNT_MEASURES.get(id));
            return build(ctx, d, key, BigDecimal.valueOf(n), null, BigDecimal.valueOf(n), null,
                    asOf(r, key, Pass.DOSSIERS), sourcesReported(ctx, r, key, d, Pass.DOSSIERS), null, null, null, null);
        }
        return switch (id) {
            case "Q2.2" -> {
                long den = r.sums.get(key, "dossiers.q22_d");
                BigDecimal hours = BigDecimal.valueOf(r.sums.get(key, "dossiers.q22_n"))
                        .divide(BigDecimal.valueOf(3600), 2, RoundingMode.HALF_UP);
                BigDecimal v = den == 0 ? null : BigDecimal.valueOf(r.sums.get(key, "dossiers.q22_n"))
                        .divide(BigDecimal.valueOf(3600L * den), 2, RoundingMode.HALF_UP);
                yield build(ctx, d, key, hours, BigDecimal.valueOf(den), v, null, asOf(r, key, Pass.DOSSIERS),
                        sourcesReported(ctx, r, key, d, Pass.DOSSIERS), null, null, null, null);
            }
            case "P6", "Q5.4" -> composite(ctx, r, key, level, d);
            case "P8" -> agencies(ctx, r, key, level, d);
            case "P9", "P10" -> submitted(ctx, r, key, level, d);
            case "P12", "P12b", "P12c" -> reports(ctx, r, key, level, d);
            case "O5" -> freshnessValue(ctx, r, key, d);
            case "O5r" -> rejectedShare(ctx, r, key, d);
            default -> switch (d.kind()) {
                case GROUP_SCORE -> groupScore(ctx, key, d, done);
                case TOTAL_SCORE -> totalScore(ctx, key, level, d, done);
                default -> throw new IllegalStateException("no formula for " + id);
            };
        };
    }

    private KpiValue ratio(Ctx ctx, Results r, String key, UnitLevel level, KpiDefinition d, Measure m) {
        String prefix = m.pass().name().toLowerCase(Locale.ROOT) + ".";
        long num = r.sums.get(key, prefix + m.id() + "_n");
        long den = r.sums.get(key, prefix + m.id() + "_d");
        BigDecimal value = rate(num, den);
        BigDecimal target = target(d, level, r, key, prefix + m.id() + "_d");
        BigDecimal projection = null;
        BigDecimal required = null;
        if (r.ytdCtx != null && projectable(d) && den > 0) {
            long yn = r.ytd.get(key, prefix + m.id() + "_n");
            long yd = r.ytd.get(key, prefix + m.id() + "_d");
            BigDecimal[] p = project(r.ytdCtx, yn, yd, BigDecimal.valueOf(num).divide(BigDecimal.valueOf(den), MC), target);
            projection = p[0];
            required = p[1];
        }
        Pass family = m.pass();
        return build(ctx, d, key, BigDecimal.valueOf(num), BigDecimal.valueOf(den), value, target,
                asOf(r, key, family), family == Pass.CATALOGUE ? null : sourcesReported(ctx, r, key, d, family),
                projection, required, points(d, value), null);
    }

    /**
     * Year-end projection and required rate (percent), from the year to date (N, D), the period's rate
     * (fraction) and the target.
     */
    private static BigDecimal[] project(Ctx year, long n, long d, BigDecimal periodRate, BigDecimal target) {
        if (d == 0) {
            return new BigDecimal[]{null, null};
        }
        double elapsed = year.now.getEpochSecond() - year.start.getEpochSecond();
        double length = year.end.getEpochSecond() - year.start.getEpochSecond();
        BigDecimal projected = BigDecimal.valueOf(d).multiply(BigDecimal.valueOf(length / elapsed), MC);
        BigDecimal remaining = projected.subtract(BigDecimal.valueOf(d));
        BigDecimal projection = BigDecimal.valueOf(n).add(periodRate.multiply(remaining, MC))
                .multiply(HUNDRED).divide(projected, 2, RoundingMode.HALF_UP);
        BigDecimal required = null;
        if (target != null && remaining.signum() > 0) {
            required = target.multiply(projected).divide(HUNDRED, MC).subtract(BigDecimal.valueOf(n))
                    .multiply(HUNDRED).divide(remaining, 2, RoundingMode.HALF_UP).max(BigDecimal.ZERO.setScale(2));
        }
        return new BigDecimal[]{projection, required};
    }

    private KpiValue composite(Ctx ctx, Results r, String key, UnitLevel level, KpiDefinition d) {
        long onTime = r.sums.get(key, "dossiers.q21_n");
        long processed = r.sums.get(key, "dossiers.q21_d");
        long disliked = r.sums.get(key, "dossiers.p6f_n");
        long received = r.sums.get(key, "dossiers.p6f_d");
        BigDecimal value = null;
        if (processed > 0 && received > 0) {
            BigDecimal v = BigDecimal.valueOf(onTime).multiply(HUNDRED).divide(BigDecimal.valueOf(processed), MC)
                    .subtract(BigDecimal.valueOf(disliked).multiply(HUNDRED).divide(BigDecimal.valueOf(received), MC));
            value = v.max(BigDecimal.ZERO).min(HUNDRED).setScale(2, RoundingMode.HALF_UP);
        }
        return build(ctx, d, key, null, null, value, d.targetFor(level).orElse(null), asOf(r, key, Pass.DOSSIERS),
                sourcesReported(ctx, r, key, d, Pass.DOSSIERS), null, null, points(d, value), null);
    }

    private KpiValue agencies(Ctx ctx, Results r, String key, UnitLevel level, KpiDefinition d) {
        Map<String, UnitLevel> agencies = agenciesOf(ctx, key, d);
        Map<String, Map<String, Long>> units = r.sums.units(key);
        BigDecimal sla = registry.parameters().uptimeSlaPercent();
        long ok = 0;
        long probed = 0;
        for (String a : agencies.keySet()) {
            Map<String, Long> u = units.getOrDefault(a, Map.of());
            long probes = u.getOrDefault("probes.probe_d", 0L);
            if (probes > 0) {
                probed++;
            }
            if (qualifies24x7(u, sla)) {
                ok++;
            }
        }
        int den = agencies.size();
        Instant asOf = max(asOf(r, key, Pass.PROBES), null);
        return build(ctx, d, key, BigDecimal.valueOf(ok), BigDecimal.valueOf(den), rate(ok, den),
                d.targetFor(level).orElse(null), asOf, den == 0 ? null : share(probed, den), null, null, null, null);
    }

    private static boolean qualifies24x7(Map<String, Long> u, BigDecimal sla) {
        long probes = u.getOrDefault("probes.probe_d", 0L);
        long up = u.getOrDefault("probes.probe_n", 0L);
        long offHours = u.getOrDefault("dossiers.p8off_n", 0L);
        return probes > 0 && offHours > 0
                && BigDecimal.valueOf(up).multiply(HUNDRED).divide(BigDecimal.valueOf(probes), MC).compareTo(sla) >= 0;
    }

    private Map<String, UnitLevel> agenciesOf(Ctx ctx, String key, KpiDefinition d) {
        Map<String, UnitLevel> all = ctx.breakdown ? ctx.scope.agencies(key) : ctx.scope.allAgencies();
        Map<String, UnitLevel> out = new TreeMap<>();
        all.forEach((u, l) -> {
            if (d.appliesTo(l)) {
                out.put(u, l);
            }
        });
        return out;
    }

    /** The approved figures a unit submitted for a KPI in the latest regime period (stock semantics). */
    private record Submitted(String unit, String regime, String period, Instant submitted, BigDecimal numerator,
                             BigDecimal denominator) {
    }

    private List<Submitted> approvedFigures(Results r, String key, String kpiId) {
        Map<String, ReportRow> latest = new TreeMap<>();
        for (ReportRow row : r.reports) {
            if (!row.key().equals(key) || !"APPROVED".equals(row.lastAction()) || regimes.submitting(kpiId).stream()
                    .noneMatch(g -> g.id().equals(row.regime()))) {
                continue;
            }
            ReportRow prev = latest.get(row.unit());
            if (prev == null || row.periodEnd().isAfter(prev.periodEnd())) {
                latest.put(row.unit(), row);
            }
        }
        List<Submitted> out = new ArrayList<>();
        for (ReportRow row : latest.values()) {
            BigDecimal[] nd = figures(row.values(), kpiId);
            if (nd != null) {
                out.add(new Submitted(row.unit(), row.regime(), row.period(), row.firstSubmitted(), nd[0], nd[1]));
            }
        }
        return out;
    }

    /** {@code "<KPI>.numerator"}/{@code "<KPI>.denominator"} (or {@code {"<KPI>": {"numerator", "denominator"}}}); null when absent. */
    static BigDecimal[] figures(String valuesJson, String kpiId) {
        if (valuesJson == null || valuesJson.isBlank()) {
            return null;
        }
        try {
            JsonNode v = JSON.readTree(valuesJson);
            JsonNode n = v.get(kpiId + ".numerator");
            JsonNode dd = v.get(kpiId + ".denominator");
            if ((n == null || dd == null) && v.get(kpiId) != null && v.get(kpiId).isObject()) {
                n = v.get(kpiId).get("numerator");
                dd = v.get(kpiId).get("denominator");
            }
            if (n == null || dd == null || !n.isNumber() || !dd.isNumber() || n.decimalValue().signum() < 0
                    || dd.decimalValue().signum() < 0) {
                return null;
            }
            return new BigDecimal[]{n.decimalValue(), dd.decimalValue()};
        } catch (Exception e) {
            return null;
        }
    }

    private KpiValue submitted(Ctx ctx, Results r, String key, UnitLevel level, KpiDefinition d) {
        List<Submitted> figures = approvedFigures(r, key, d.id());
        BigDecimal num = BigDecimal.ZERO;
        BigDecimal den = BigDecimal.ZERO;
        Instant asOf = null;
        for (Submitted s : figures) {
            num = num.add(s.numerator());
            den = den.add(s.denominator());
            asOf = max(asOf, s.submitted());
        }
        Set<String> expectedUnits = new TreeSet<>();
        for (OwedReport e : r.expected) {
            if (e.key().equals(key) && e.regime().submits(d.id())) {
                expectedUnits.add(e.unit());
            }
        }
        long reported = figures.stream().filter(s -> expectedUnits.contains(s.unit())).count();
        BigDecimal value = den.signum() == 0 ? null : num.multiply(HUNDRED).divide(den, 2, RoundingMode.HALF_UP);
        return build(ctx, d, key, figures.isEmpty() ? null : num, figures.isEmpty() ? null : den, value,
                d.targetFor(level).orElse(null), asOf, expectedUnits.isEmpty() ? null : share(reported, expectedUnits.size()),
                null, null, null, null);
    }

    private KpiValue reports(Ctx ctx, Results r, String key, UnitLevel level, KpiDefinition d) {
        Map<String, ReportRow> rows = new HashMap<>();
        for (ReportRow row : r.reports) {
            if (row.key().equals(key)) {
                rows.put(row.regime() + "|" + row.period() + "|" + row.unit(), row);
            }
        }
        long expected = 0;
        long submitted = 0;
        long onTime = 0;
        Set<String> regimesDue = new TreeSet<>();
        Set<String> regimesDone = new TreeSet<>();
        Set<String> units = new TreeSet<>();
        Set<String> reportingUnits = new TreeSet<>();
        Instant asOf = null;
        for (OwedReport e : r.expected) {
            if (!e.key().equals(key)) {
                continue;
            }
            expected++;
            units.add(e.unit());
            regimesDue.add(e.regime().id());
            ReportRow row = rows.get(e.regime().id() + "|" + e.period().code() + "|" + e.unit());
            if (row != null && row.submissions() > 0) {
                submitted++;
                regimesDone.add(e.regime().id());
                reportingUnits.add(e.unit());
                asOf = max(asOf, row.firstSubmitted());
            }
            if (onTime(e, row, ctx.now)) {
                onTime++;
            }
        }
        long num;
        long den;
        switch (d.id()) {
            case "P12" -> {
                num = regimesDone.size();
                den = regimesDue.size();
            }
            case "P12b" -> {
                num = submitted;
                den = expected;
            }
            default -> {
                num = onTime;
                den = expected;
            }
        }
        return build(ctx, d, key, BigDecimal.valueOf(num), BigDecimal.valueOf(den), rate(num, den),
                d.targetFor(level).orElse(null), asOf, units.isEmpty() ? null : share(reportingUnits.size(), units.size()),
                null, null, null, null);
    }

    /** First submitted by the end of the deadline day; or not submitted yet and the deadline not passed now. */
    private boolean onTime(OwedReport e, ReportRow row, Instant now) {
        return expectedReports.onTime(e.deadline(), row != null && row.submissions() > 0 ? row.firstSubmitted() : null,
                now);
    }

    private KpiValue freshnessValue(Ctx ctx, Results r, String key, KpiDefinition d) {
        Map<String, long[]> sources = r.sources.getOrDefault(key, Map.of());
        if (sources.isEmpty()) {
            return build(ctx, d, key, null, null, null, null, null, null, null, null, null, null);
        }
        long newest = 0;
        long oldestNewest = Long.MAX_VALUE;
        long active = 0;
        for (long[] v : sources.values()) {
            newest = Math.max(newest, v[0]);
            oldestNewest = Math.min(oldestNewest, v[0]);
            if (v[1] > 0) {
                active++;
            }
        }
        BigDecimal age = BigDecimal.valueOf(ctx.eval.getEpochSecond() - oldestNewest);
        return build(ctx, d, key, age, BigDecimal.valueOf(sources.size()), age, null, Instant.ofEpochSecond(newest),
                share(active, sources.size()), null, null, null, null);
    }

    private KpiValue groupScore(Ctx ctx, String key, KpiDefinition d, Map<String, KpiValue> done) {
        BigDecimal earned = BigDecimal.ZERO;
        BigDecimal achievable = BigDecimal.ZERO;
        Instant asOf = null;
        boolean any = false;
        for (KpiDefinition k : registry.scoredIn(d.group())) {
            KpiValue v = done.get(k.id());
            if (v != null && v.points() != null) {
                any = true;
                earned = earned.add(v.points());
                achievable = achievable.add(k.scoring().maxPoints());
                asOf = max(asOf, v.asOf());
            }
        }
        BigDecimal max = d.scoring().maxPoints();
        if (!any) {
            return build(ctx, d, key, null, null, null, null, null, null, null, null, null, null);
        }
        BigDecimal capped = earned.min(max).setScale(2, RoundingMode.HALF_UP);
        return build(ctx, d, key, capped, achievable.min(max), capped, null, asOf, null, null, null, capped, null);
    }

    private KpiValue totalScore(Ctx ctx, String key, UnitLevel level, KpiDefinition d, Map<String, KpiValue> done) {
        BigDecimal earned = BigDecimal.ZERO;
        BigDecimal achievable = BigDecimal.ZERO;
        Instant asOf = null;
        for (KpiDefinition g : registry.groupScores()) {
            KpiValue v = done.get(g.id());
            if (v != null && v.value() != null) {
                earned = earned.add(v.numerator());
                achievable = achievable.add(v.denominator());
                asOf = max(asOf, v.asOf());
            }
        }
        if (achievable.signum() == 0) {
            return build(ctx, d, key, null, null, null, d.targetFor(level).orElse(null), null, null, null, null, null, null);
        }
        BigDecimal value = earned.multiply(HUNDRED).divide(achievable, 2, RoundingMode.HALF_UP);
        return build(ctx, d, key, earned.setScale(2, RoundingMode.HALF_UP), achievable, value,
                d.targetFor(level).orElse(null), asOf, null, null, null, earned.setScale(2, RoundingMode.HALF_UP),
                registry.classify(value).id());
    }

    // ============================================================================================ helpers

    private KpiValue build(Ctx ctx, KpiDefinition d, String key, BigDecimal numerator, BigDecimal denominator,
                           BigDecimal value, BigDecimal target, Instant asOf, BigDecimal sourcesReported,
                           BigDecimal projection, BigDecimal requiredRate, BigDecimal points, String grade) {
        KpiStatus status = registry.statusRule().evaluate(value, target, d.direction(), ctx.closed, projection);
        return new KpiValue(d.id(), key, ctx.period.code(), numerator, denominator, value, target, status, asOf,
                sourcesReported, d.formulaVersion(), projection, requiredRate, points, grade);
    }

    private static BigDecimal rate(long num, long den) {
        return den == 0 ? null : BigDecimal.valueOf(num).multiply(HUNDRED).divide(BigDecimal.valueOf(den), 2, RoundingMode.HALF_UP);
    }

    private static BigDecimal share(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }

    private static BigDecimal points(KpiDefinition d, BigDecimal value) {
        return d.isScoredIndicator() && value != null ? d.scoring().points(value) : null;
    }

    /** The target for a key: its level's, else (P11 at the city) the denominator-weighted mean over its units. */
    private BigDecimal target(KpiDefinition d, UnitLevel level, Results r, String key, String denominatorColumn) {
        if (!d.target().defined()) {
            return null;
        }
        if (!d.target().weightedFor(level)) {
            return d.targetFor(level).orElse(null);
        }
        BigDecimal fallback = d.target().byLevel().values().stream().max(Comparator.naturalOrder()).orElse(null);
        BigDecimal weighted = BigDecimal.ZERO;
        long total = 0;
        OrgHierarchy h = directory.hierarchy();
        for (Map.Entry<String, Map<String, Long>> e : r.sums.units(key).entrySet()) {
            long den = e.getValue().getOrDefault(denominatorColumn, 0L);
            if (den == 0) {
                continue;
            }
            UnitLevel l = levelOf(h, e.getKey());
            BigDecimal t = l == null ? fallback : d.targetFor(l).orElse(fallback);
            if (t == null) {
                continue;
            }
            weighted = weighted.add(t.multiply(BigDecimal.valueOf(den)));
            total += den;
        }
        return total == 0 ? null : weighted.divide(BigDecimal.valueOf(total), 2, RoundingMode.HALF_UP);
    }

    /** The level of a unit code: its latest version (levels do not change across versions in practice). */
    private static UnitLevel levelOf(OrgHierarchy h, String code) {
        List<OrgUnit> v = h.versions(code);
        return v.isEmpty() ? null : v.get(v.size() - 1).level();
    }

    private static Instant asOf(Results r, String key, Pass family) {
        String p = family.name().toLowerCase(Locale.ROOT) + ".";
        long a = r.sums.get(key, p + "received_max");
        long b = r.sums.get(key, p + "completed_max");
        long m = Math.max(a, b);
        return m <= 0 ? null : Instant.ofEpochSecond(m);
    }

    private BigDecimal sourcesReported(Ctx ctx, Results r, String key, KpiDefinition d, Pass family) {
        Map<String, UnitLevel> expected = agenciesOf(ctx, key, d);
        if (expected.isEmpty()) {
            return null;
        }
        Map<String, Map<String, Long>> units = r.sums.units(key);
        String column = family.name().toLowerCase(Locale.ROOT) + ".activity";
        long active = expected.keySet().stream()
                .filter(u -> units.getOrDefault(u, Map.of()).getOrDefault(column, 0L) > 0).count();
        return share(active, expected.size());
    }

    private static Instant max(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    private static Comparator<KpiValue> ranking(KpiDefinition d) {
        return (a, b) -> {
            if (a.value() == null || b.value() == null) {
                int c = a.value() == null ? (b.value() == null ? 0 : 1) : -1;
                return c != 0 ? c : a.unit().compareTo(b.unit());
            }
            int c = d.direction().bestFirst(a.value(), b.value());
            return c != 0 ? c : a.unit().compareTo(b.unit());
        };
    }

    // ============================================================================================ drill

    /**
     * What a drill-through reads: a context (its scope, and breakdown filing when {@code key} is set),
     * the key its results are filed under, and the breakdown key (null: the whole scope).
     */
    private record Drill(Ctx ctx, String fileKey, String key) {
    }

    private Page<DrillRow> drillSql(Drill d, Measure m, Part part, DrillFilters f, int page, int size) {
        Pass pass = m.pass();
        Ctx c = d.ctx();
        UnitScope scope = c.scope;
        String inner = KpiQueries.inner(pass);
        StringBuilder where = new StringBuilder(KpiQueries.condition(m, part));
        Map<String, Object> extra = new LinkedHashMap<>();
        if (pass != Pass.CATALOGUE) {
            where.append(" AND :scope");
        }
        if (f.procedure() != null) {
            where.append(" AND procedure = :f_procedure");
            extra.put("f_procedure", f.procedure().strip());
        }
        if (f.channel() != null) {
            where.append(" AND channel = :f_channel");
            extra.put("f_channel", f.channel());
        }
        if (f.status() != null) {
            where.append(" AND status = :f_status");
            extra.put("f_status", f.status());
        }
        String order = switch (pass) {
            case DOSSIERS -> "received_at, dossier_id";
            case FEEDBACK -> "received_at, feedback_id";
            case LOGINS -> "unit, user_hash";
            case DOCUMENTS -> "occurred_at, event_id";
            case CATALOGUE -> "code";
            default -> "1";
        };
        List<String> columns = switch (pass) {
            case DOSSIERS -> KpiQueries.DOSSIER_DRILL_COLUMNS;
            case FEEDBACK -> KpiQueries.FEEDBACK_DRILL_COLUMNS;
            case LOGINS -> KpiQueries.LOGIN_DRILL_COLUMNS;
            case DOCUMENTS -> KpiQueries.DOCUMENT_DRILL_COLUMNS;
            case CATALOGUE -> KpiQueries.CATALOGUE_DRILL_COLUMNS;
            default -> throw new IllegalArgumentException(pass + " has no rows to drill");
        };
        String rowsText = "SELECT " + String.join(", ", columns) + " FROM (\n" + inner + ")\nWHERE " + where
                + "\nORDER BY " + order + "\nLIMIT :d_offset, :d_size" + KpiQueries.settings(pass);
        String countText = "SELECT count() AS n FROM (\n" + inner + ")\nWHERE " + where + KpiQueries.settings(pass);
        Sql scopeSql = KpiQueries.scopePredicate(scope.codesBySegment(d.key()));
        Sql rowsSql = bindDrill(c, pass, Sql.of(rowsText), scopeSql, extra, d.key())
                .bind("d_offset", (long) page * size).bind("d_size", size);
        Sql countSql = bindDrill(c, pass, Sql.of(countText), scopeSql, extra, d.key());
        CompletableFuture<Long> total = CompletableFuture.supplyAsync(() -> ch.queryLong(countSql), executor);
        List<DrillRow> rows = ch.query(rowsSql, row -> drillRow(pass, row));
        try {
            return new Page<>(rows, page, size, total.join());
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
    }

    private Sql bindDrill(Ctx c, Pass pass, Sql sql, Sql scopeSql, Map<String, Object> extra, String key) {
        if (sql.placeholders().contains("scope")) {
            sql = sql.bindFragment("scope", scopeSql);
        }
        for (Map.Entry<String, Object> e : extra.entrySet()) {
            sql = sql.bind(e.getKey(), e.getValue());
        }
        sql = bindPass(c, pass, sql);
        if (pass == Pass.CATALOGUE && key != null) {
            // as catalogueKeys files them: the child's units, or a local level it holds
            sql = sql.bind("units", c.scope.catalogueUnits(key)).bind("levels", c.scope.catalogueLevels(key));
        }
        return sql;
    }

    private static DrillRow drillRow(Pass pass, Row row) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String col : row.columnNames()) {
            Object v = row.getObject(col);
            if (v instanceof java.time.ZonedDateTime z) {
                v = z.toInstant();
            } else if (v != null && !(v instanceof String) && !(v instanceof Number) && !(v instanceof Boolean)) {
                v = row.getString(col);
            } else if (v instanceof Number n && !(v instanceof BigDecimal)) {
                v = n.longValue();
            }
            fields.put(col, v);
        }
        return switch (pass) {
            case DOSSIERS -> {
                fields.put("onTime", row.getLong("f_on_time_done") + row.getLong("f_on_time_open") > 0);
                yield new DrillRow("dossier", row.getString("dossier_id"), row.getString("unit"),
                        row.getInstant("received_at"), fields);
            }
            case FEEDBACK -> new DrillRow("feedback", row.getString("feedback_id"), row.getString("unit"),
                    row.getInstant("received_at"), fields);
            case LOGINS -> new DrillRow("user", row.getString("user_hash"), row.getString("unit"),
                    row.getInstant("first_at"), fields);
            case DOCUMENTS -> new DrillRow("document", row.getString("event_id"), row.getString("unit"),
                    row.getInstant("occurred_at"), fields);
            default -> new DrillRow("procedure", row.getString("code"), row.getString("unit"), null, fields);
        };
    }

    private List<DrillRow> drillAgencies(Drill dr, Part part) {
        Ctx c = dr.ctx();
        Results r = run(c, EnumSet.of(Pass.DOSSIERS, Pass.PROBES), false, measuresFor(List.of(registry.get("P8"))));
        KpiDefinition d = registry.get("P8");
        BigDecimal sla = registry.parameters().uptimeSlaPercent();
        Map<String, Map<String, Long>> units = r.sums.units(dr.fileKey());
        List<DrillRow> out = new ArrayList<>();
        for (Map.Entry<String, UnitLevel> a : agenciesOf(c, dr.fileKey(), d).entrySet()) {
            Map<String, Long> u = units.getOrDefault(a.getKey(), Map.of());
            boolean ok = qualifies24x7(u, sla);
            if (part == Part.NUMERATOR && !ok) {
                continue;
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("level", a.getValue().name());
            fields.put("probes", u.getOrDefault("probes.probe_d", 0L));
            fields.put("probesUp", u.getOrDefault("probes.probe_n", 0L));
            fields.put("uptimePercent", rate(u.getOrDefault("probes.probe_n", 0L), u.getOrDefault("probes.probe_d", 0L)));
            fields.put("offHoursDossiers", u.getOrDefault("dossiers.p8off_n", 0L));
            fields.put("serves24x7", ok);
            out.add(new DrillRow("agency", a.getKey(), a.getKey(), null, fields));
        }
        return out;
    }

    private List<DrillRow> drillSubmitted(Drill dr, String kpiId, Part part) {
        Results r = run(dr.ctx(), EnumSet.of(Pass.REPORTS), false);
        List<DrillRow> out = new ArrayList<>();
        for (Submitted s : approvedFigures(r, dr.fileKey(), kpiId)) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("regime", s.regime());
            fields.put("period", s.period());
            fields.put(part == Part.NUMERATOR ? "numerator" : "denominator",
                    part == Part.NUMERATOR ? s.numerator() : s.denominator());
            fields.put(part == Part.NUMERATOR ? "denominator" : "numerator",
                    part == Part.NUMERATOR ? s.denominator() : s.numerator());
            out.add(new DrillRow("report", s.regime() + "/" + s.period() + "/" + s.unit(), s.unit(), s.submitted(), fields));
        }
        return out;
    }

    private List<DrillRow> drillReports(Drill dr, String kpiId, Part part) {
        Ctx c = dr.ctx();
        Results r = run(c, EnumSet.of(Pass.REPORTS), false);
        Map<String, ReportRow> rows = new HashMap<>();
        r.reports.stream().filter(row -> row.key().equals(dr.fileKey()))
                .forEach(row -> rows.put(row.regime() + "|" + row.period() + "|" + row.unit(), row));
        List<DrillRow> out = new ArrayList<>();
        Set<String> regimesSeen = new TreeSet<>();
        for (OwedReport e : r.expected) {
            if (!e.key().equals(dr.fileKey())) {
                continue;
            }
            ReportRow row = rows.get(e.regime().id() + "|" + e.period().code() + "|" + e.unit());
            boolean submitted = row != null && row.submissions() > 0;
            boolean onTime = onTime(e, row, c.now);
            boolean counts = switch (kpiId) {
                case "P12b" -> submitted;
                case "P12c" -> onTime;
                default -> submitted;
            };
            if (part == Part.NUMERATOR && !counts) {
                continue;
            }
            if (kpiId.equals("P12") && !regimesSeen.add(e.regime().id())) {
                continue;
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("regime", e.regime().id());
            fields.put("period", e.period().code());
            fields.put("deadline", e.deadline().toString());
            fields.put("submitted", submitted);
            fields.put("onTime", onTime);
            fields.put("state", row == null ? "MISSING" : row.lastAction());
            out.add(new DrillRow("report", e.regime().id() + "/" + e.period().code() + "/" + e.unit(), e.unit(),
                    row == null ? null : row.firstSubmitted(), fields));
        }
        return out;
    }

    private List<DrillRow> drillSources(Drill dr) {
        Results r = run(dr.ctx(), EnumSet.of(Pass.FRESHNESS), false);
        Instant eval = dr.ctx().eval;
        List<DrillRow> out = new ArrayList<>();
        r.sources.getOrDefault(dr.fileKey(), Map.of()).entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[0]).thenComparing(Map.Entry::getKey))
                .forEach(e -> {
                    Map<String, Object> fields = new LinkedHashMap<>();
                    fields.put("ageSeconds", eval.getEpochSecond() - e.getValue()[0]);
                    fields.put("eventsInPeriod", e.getValue()[1]);
                    out.add(new DrillRow("source", e.getKey(), dr.fileKey(), Instant.ofEpochSecond(e.getValue()[0]), fields));
                });
        return out;
    }

    /** O5r's numerator: the lines rejected in the period, newest first, with their first error (at most 10,000). */
    private List<DrillRow> drillRejected(Drill dr) {
        Ctx c = dr.ctx();
        UnitScope s = c.scope;
        boolean wholeCity = dr.key() == null && isCity(c);
        Sql sql = Sql.of(KpiQueries.REJECTED_ROWS)
                .bindFragment("seg", KpiQueries.segmentExpression("received_at", s.periodStart(), s.boundaries()))
                .bind("units", s.candidateCodes())
                .bind("start_dt", c.start)
                .bind("eval_dt", c.eval);
        List<DrillRow> out = new ArrayList<>();
        ch.query(sql, row -> {
            String key = s.key(row.getString("unit"), row.getInt("seg"));
            boolean ours = key == null ? wholeCity && row.getString("unit").isEmpty() : dr.key() == null || key.equals(dr.key());
            if (ours) {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("source", row.getString("source"));
                fields.put("error", row.getString("first_error"));
                fields.put("payload", row.getString("payload"));
                out.add(new DrillRow("rejected", row.getString("dead_letter_id"), row.getString("unit"),
                        row.getInstant("received_at"), fields));
            }
            return Boolean.TRUE;
        });
        return out;
    }

    // ============================================================================================ builder

    /** Engine settings; every one but the connection has a default. */
    public static final class Builder {
        private final ClickHouseConnection connection;
        private KpiRegistry registry;
        private ReportRegimes regimes;
        private ReportingCalendar calendar = ReportingCalendar.defaults();
        private WorkingDays workingDays;
        private Clock clock = Clock.systemUTC();
        private Supplier<Collection<Merger>> mergers = List::of;
        private int threads = 4;
        private java.time.Duration projectionTtl = java.time.Duration.ofMinutes(10);
        private java.time.Duration rollupQuietPeriod = java.time.Duration.ofMinutes(1);

        private Builder(ClickHouseConnection connection) {
            this.connection = Objects.requireNonNull(connection, "connection");
        }

        public Builder registry(KpiRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        public Builder regimes(ReportRegimes regimes) {
            this.regimes = Objects.requireNonNull(regimes, "regimes");
            return this;
        }

        public Builder calendar(ReportingCalendar calendar) {
            this.calendar = Objects.requireNonNull(calendar, "calendar");
            return this;
        }

        public Builder workingDays(WorkingDays workingDays) {
            this.workingDays = Objects.requireNonNull(workingDays, "workingDays");
            return this;
        }

        /** The clock that says which periods are closed and what "now" is for the current period. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The reorganisation map (old code → new code), for dossiers carried over from abolished units. */
        public Builder mergers(Supplier<Collection<Merger>> mergers) {
            this.mergers = Objects.requireNonNull(mergers, "mergers");
            return this;
        }

        /** Worker threads that run a request's passes in parallel (default 4). */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be ≥ 1");
            }
            this.threads = threads;
            return this;
        }

        /**
         * How long the year-to-date figures behind projections are reused (default 10 minutes; zero
         * recomputes them on every request). They cost a pass over the whole year so far.
         */
        public Builder projectionTtl(java.time.Duration ttl) {
            if (ttl == null || ttl.isNegative()) {
                throw new IllegalArgumentException("projection TTL must be ≥ 0");
            }
            this.projectionTtl = ttl;
            return this;
        }

        /**
         * How long a month of dossier_facts must go unwritten before the engine rolls it up (default one
         * minute; zero rolls up every month at once; null turns rollups off, so every query reads the
         * dossiers). See {@link DossierRollup}: the figures are the same either way.
         */
        public Builder rollupQuietPeriod(java.time.Duration quiet) {
            if (quiet != null && quiet.isNegative()) {
                throw new IllegalArgumentException("rollup quiet period must be ≥ 0");
            }
            this.rollupQuietPeriod = quiet;
            return this;
        }

        public KpiEngine build() {
            if (registry == null) {
                registry = KpiRegistry.standard();
            }
            if (regimes == null) {
                regimes = ReportRegimes.fromClasspath(ReportRegimes.RESOURCE, registry);
            }
            if (workingDays == null) {
                workingDays = WorkingDays.vietnam();
            }
            return new KpiEngine(this);
        }
    }

}
