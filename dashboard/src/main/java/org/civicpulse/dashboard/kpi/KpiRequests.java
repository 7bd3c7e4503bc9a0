package org.civicpulse.dashboard.kpi;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import org.civicpulse.dashboard.api.BadParameterException;
import org.civicpulse.dashboard.org.OrgDirectory;
import org.civicpulse.dashboard.security.CivicUser;
import org.civicpulse.dashboard.security.UnitScope;
import org.civicpulse.domain.calendar.PeriodCode;
import org.civicpulse.domain.calendar.ReportingCalendar;
import org.civicpulse.domain.calendar.ReportingPeriod;
import org.civicpulse.domain.kpi.KpiDefinition;
import org.civicpulse.domain.kpi.KpiRegistry;

/**
 * Turns KPI API query strings into validated queries, or refuses them: 400 ({@link BadParameterException})
 * for anything malformed or unknown, then 403 ({@code ScopeDeniedException}) for a unit outside the caller's
 * scope. Nothing reaches the engine before every parameter passed:
 * <ul>
 *   <li>only the endpoint's parameters are accepted, each at most once (a repeated {@code unit} that
 *   names a unit outside the scope is still a 403);</li>
 *   <li>{@code period} must parse as a period code (DESIGN.md "Periods"), default the current Decree 09
 *   month;</li>
 *   <li>{@code unit} must be a code of the org tree (case-insensitive, answered in its stored
 *   spelling), default the user's unit or, for city-wide users, the city;</li>
 *   <li>{@code kpi} a comma-separated list of registry ids (case-insensitive);</li>
 *   <li>{@code breakdown} only {@code children}; {@code part} only {@code numerator}/{@code denominator};
 *   {@code page} ≥ 0 and {@code size} 1–{@value #MAX_SIZE}.</li>
 * </ul>
 * Shapes are checked before lookups, so injection text is refused by its shape.
 */
public class KpiRequests {

    public static final int MAX_SIZE = 1000;
    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_PAGE = 1_000_000;

    static final Set<String> KPI_PARAMETERS = Set.of("period", "unit", "kpi", "breakdown");
    static final Set<String> DRILL_PARAMETERS = Set.of("period", "unit", "part", "page", "size");

    private static final int MAX_PERIOD_LENGTH = 32;
    private static final int MAX_KPI_LIST = 64;
    private static final Pattern UNIT_SHAPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern KPI_SHAPE = Pattern.compile("[A-Za-z][A-Za-z0-9.\\-]{0,31}");
    private static final Pattern PERIOD_SHAPE = Pattern.compile("[0-9A-Za-z.\\-]{1," + MAX_PERIOD_LENGTH + "}");
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,9}");

    /** A validated KPI table query. */
    public record KpiQuery(ReportingPeriod period, String unit, List<String> kpis, boolean breakdownChildren) {
    }

    /** A validated drill-through query. */
    public record DrillQuery(ReportingPeriod period, String unit, String kpi, Part part, int page, int size) {
    }

    /** Which side of the ratio the drill-through lists. */
    public enum Part {
        NUMERATOR, DENOMINATOR;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final ReportingCalendar calendar;
    private final OrgDirectory directory;
    private final UnitScope scope;
    private final KpiRegistry registry;
    private final Map<String, String> kpiIdsByUpper;
    private final Clock clock;

    public KpiRequests(ReportingCalendar calendar, OrgDirectory directory, UnitScope scope, KpiRegistry registry,
                       Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.scope = Objects.requireNonNull(scope, "scope");
        this.registry = Objects.requireNonNull(registry, "registry");
        Map<String, String> ids = new HashMap<>();
        for (KpiDefinition k : registry.all()) {
            ids.put(k.id().toUpperCase(Locale.ROOT), k.id());
        }
        this.kpiIdsByUpper = Map.copyOf(ids);
    }

    /** {@code GET /api/v1/kpis} (and .csv, .xlsx). */
    public KpiQuery kpiQuery(HttpServletRequest request, CivicUser user) {
        Map<String, String[]> params = request.getParameterMap();
        onlyKnown(params, KPI_PARAMETERS);
        ReportingPeriod period = period(single(params, "period"));
        List<String> units = units(params, period);
        List<String> kpis = kpiList(single(params, "kpi"));
        boolean children = breakdown(single(params, "breakdown"));
        return new KpiQuery(period, scopedUnit(units, user, period), kpis, children);
    }

    /** {@code GET /api/v1/kpis/{kpi}/drill}. */
    public DrillQuery drillQuery(String kpiPath, HttpServletRequest request, CivicUser user) {
        Map<String, String[]> params = request.getParameterMap();
        onlyKnown(params, DRILL_PARAMETERS);
        String kpi = kpi(kpiPath, "kpi");
        ReportingPeriod period = period(single(params, "period"));
        Part part = part(single(params, "part"));
        int page = number(single(params, "page"), "page", 0, 0, MAX_PAGE);
        int size = number(single(params, "size"), "size", DEFAULT_SIZE, 1, MAX_SIZE);
        List<String> units = units(params, period);
        return new DrillQuery(period, scopedUnit(units, user, period), kpi, part, page, size);
    }

    /**
     * For views: the period and unit of a view's URL ({@code ?period=…&unit=…}), validated and scoped exactly
     * like the API's (same 400 {@link BadParameterException} and 403 {@code ScopeDeniedException}); blank values
     * take the API's defaults (current Decree 09 month; the user's unit, else the city).
     */
    public KpiQuery viewQuery(String periodText, String unitText, CivicUser user) {
        ReportingPeriod period = period(periodText == null || periodText.isBlank() ? null : periodText);
        List<String> units = unitText == null || unitText.isBlank() ? List.of()
                : units(Map.of("unit", new String[] {unitText}), period);
        return new KpiQuery(period, scopedUnit(units, user, period), List.of(), false);
    }

    /** A registry KPI id in its registered spelling (case-insensitive), or a 400 naming the known ids. */
    public String kpiId(String text) {
        return kpi(text, "kpi");
    }

    /** The current Decree 09 monthly period. */
    public ReportingPeriod currentMonth() {
        return calendar.periodOf(ReportingPeriod.Kind.MONTH, scope.today());
    }

    // ------------------------------------------------------------------------------------------

    private static void onlyKnown(Map<String, String[]> params, Set<String> allowed) {
        for (String name : params.keySet()) {
            if (!allowed.contains(name)) {
                throw new BadParameterException(shortText(name), "unknown parameter \"" + shortText(name)
                        + "\"; this endpoint takes " + new TreeSet<>(allowed));
            }
        }
    }

    /** The one value of a parameter, null when absent. Repeats are refused (the unit's are handled in {@link #scopedUnit}). */
    private static String single(Map<String, String[]> params, String name) {
        String[] values = params.get(name);
        if (values == null || values.length == 0) {
            return null;
        }
        if (values.length > 1) {
            throw new BadParameterException(name, "parameter " + name + " is given " + values.length
                    + " times; give it once");
        }
        return values[0];
    }

    private ReportingPeriod period(String text) {
        if (text == null) {
            return currentMonth();
        }
        String t = text.strip();
        if (t.isEmpty() || !PERIOD_SHAPE.matcher(t).matches()) {
            throw new BadParameterException("period", "malformed period \"" + shortText(text) + "\"; accepted forms: "
                    + PeriodCode.ACCEPTED_FORMS);
        }
        ReportingPeriod period;
        try {
            period = calendar.period(PeriodCode.parse(t));
        } catch (IllegalArgumentException e) {
            throw new BadParameterException("period", "malformed period \"" + shortText(text) + "\": " + e.getMessage());
        }
        if (!period.startInstant(calendar.zone()).isBefore(clock.instant())) {
            throw new BadParameterException("period", "period " + period.code() + " has not started yet (it starts on "
                    + period.start() + ")");
        }
        return period;
    }

    /** Every given {@code unit} value, shape-checked, looked up and checked to be in force in the period (400s). */
    private List<String> units(Map<String, String[]> params, ReportingPeriod period) {
        String[] values = params.get("unit");
        List<String> resolved = new ArrayList<>();
        if (values == null) {
            return resolved;
        }
        for (String v : values) {
            String unit = resolveUnit(v);
            boolean inForce = directory.hierarchy().versions(unit).stream()
                    .anyMatch(u -> u.validDuring(period.start(), period.endInclusive()));
            if (!inForce) {
                throw new BadParameterException("unit", "unit " + unit + " is not in force during period " + period.code()
                        + " (" + period.start() + " – " + period.endInclusive() + ")");
            }
            resolved.add(unit);
        }
        return resolved;
    }

    /**
     * The unit the query is about, scope-checked (403) after every other parameter passed: the one given,
     * else the user's default. Two or more values are a 400 only when every one of them is in scope.
     */
    private String scopedUnit(List<String> given, CivicUser user, ReportingPeriod period) {
        if (given.isEmpty()) {
            String unit = scope.defaultUnit(user, period).orElseThrow(() -> new BadParameterException("unit",
                    "no unit given and no default: the org tree has no single city unit; pass unit=<code>"));
            scope.requireReadable(user, unit, period, "unit");
            return unit;
        }
        for (String unit : given) {
            scope.requireReadable(user, unit, period, "unit");
        }
        if (given.size() > 1) {
            throw new BadParameterException("unit", "parameter unit is given " + given.size() + " times; give it once");
        }
        return given.get(0);
    }

    private String resolveUnit(String text) {
        String t = text == null ? "" : text.strip();
        if (!UNIT_SHAPE.matcher(t).matches()) {
            throw new BadParameterException("unit", "malformed unit code \"" + shortText(text)
                    + "\": a code is 1–64 letters, digits, '.', '_' or '-'");
        }
        return directory.resolve(t).orElseThrow(() -> new BadParameterException("unit",
                "unknown unit \"" + shortText(text) + "\": no org unit has this code"));
    }

    private List<String> kpiList(String text) {
        if (text == null) {
            return List.of();
        }
        String[] parts = text.split(",", -1);
        if (parts.length > MAX_KPI_LIST) {
            throw new BadParameterException("kpi", "too many KPIs (" + parts.length + "); at most " + MAX_KPI_LIST);
        }
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        for (String p : parts) {
            ids.add(kpi(p, "kpi"));
        }
        return List.copyOf(ids);
    }

    private String kpi(String text, String parameter) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw new BadParameterException(parameter, "empty KPI id; known ids: " + knownIds());
        }
        if (!KPI_SHAPE.matcher(t).matches()) {
            throw new BadParameterException(parameter, "malformed KPI id \"" + shortText(text) + "\"; known ids: "
                    + knownIds());
        }
        String id = kpiIdsByUpper.get(t.toUpperCase(Locale.ROOT));
        if (id == null) {
            throw new BadParameterException(parameter, "unknown KPI \"" + shortText(text) + "\"; known ids: "
                    + knownIds());
        }
        return id;
    }

    private String knownIds() {
        return String.join(", ", registry.all().stream().map(KpiDefinition::id).toList());
    }

    private static boolean breakdown(String text) {
        if (text == null) {
            return false;
        }
        if ("children".equalsIgnoreCase(text.strip())) {
            return true;
        }
        throw new BadParameterException("breakdown", "bad breakdown \"" + shortText(text)
                + "\"; the only breakdown is breakdown=children");
    }

    private static Part part(String text) {
        if (text == null) {
            return Part.NUMERATOR;
        }
        String t = text.strip().toUpperCase(Locale.ROOT);
        for (Part p : Part.values()) {
            if (p.name().equals(t)) {
                return p;
            }
        }
        throw new BadParameterException("part", "bad part \"" + shortText(text) + "\"; part is numerator or denominator");
    }

    private static int number(String text, String name, int dflt, int min, int max) {
        if (text == null) {
            return dflt;
        }
        String t = text.strip();
        if (!NUMBER.matcher(t).matches()) {
            throw new BadParameterException(name, name + " \"" + shortText(text) + "\" is not a whole number in "
                    + min + "–" + max);
        }
        int v = Integer.parseInt(t);
        if (v < min || v > max) {
            throw new BadParameterException(name, name + " " + v + " is out of range " + min + "–" + max);
        }
        return v;
    }

    /** User text in messages: at most 64 characters, control characters replaced. */
    static String shortText(String s) {
        if (s == null) {
            return "";
        }
        String t = s.length() > 64 ? s.substring(0, 64) + "…" : s;
        return t.replaceAll("\\p{Cntrl}", "?");
    }

    /** The default unit resolved for a user, for views. */
    public Optional<String> defaultUnit(CivicUser user, ReportingPeriod period) {
        return scope.defaultUnit(user, period);
    }
}
