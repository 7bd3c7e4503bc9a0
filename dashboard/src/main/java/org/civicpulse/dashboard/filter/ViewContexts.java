package org.civicpulse.dashboard.filter;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.civicpulse.dashboard.api.BadParameterException;
import org.civicpulse.dashboard.catalog.ProcedureCatalog;
import org.civicpulse.dashboard.kpi.KpiRequests;
import org.civicpulse.dashboard.org.OrgDirectory;
import org.civicpulse.dashboard.security.CivicUser;
import org.civicpulse.dashboard.security.UnitScope;
import org.civicpulse.domain.calendar.ReportingCalendar;
import org.civicpulse.domain.calendar.ReportingPeriod;
import org.civicpulse.domain.event.UnitLevel;
import org.civicpulse.domain.org.OrgHierarchy;
import org.civicpulse.domain.org.OrgUnit;

/**
 * Turns a view's URL state into a {@link ViewContext}, with the API's validation and scoping
 * ({@link KpiRequests#viewQuery}): 400-style {@link BadParameterException} for what is malformed or unknown,
 * {@code ScopeDeniedException} for a unit outside the user's subtree. Also the options the filter bar offers:
 * only units within the user's scope, periods that have started, the catalogue's fields and procedures.
 */
public class ViewContexts {

    /** The default KPI the overview ranks units by. */
    public static final String DEFAULT_RANK = "P5";

    private final KpiRequests requests;
    private final OrgDirectory directory;
    private final UnitScope scope;
    private final ProcedureCatalog catalog;
    private final ReportingCalendar calendar;

    public ViewContexts(KpiRequests requests, OrgDirectory directory, UnitScope scope, ProcedureCatalog catalog,
                        ReportingCalendar calendar) {
        this.requests = requests;
        this.directory = directory;
        this.scope = scope;
        this.catalog = catalog;
        this.calendar = calendar;
    }

    public ViewContext resolve(ViewState raw, CivicUser user) {
        KpiRequests.KpiQuery q = requests.viewQuery(raw.period(), raw.unit(), user);
        ReportingPeriod period = q.period();
        LocalDate date = scope.checkDate(period);
        OrgUnit unit = directory.unit(q.unit(), date).orElseThrow(() -> new BadParameterException("unit",
                "unknown unit " + q.unit()));
        String field = null;
        if (raw.field() != null) {
            field = catalog.fields().stream().filter(f -> f.equalsIgnoreCase(raw.field())).findFirst()
                    .orElseThrow(() -> new BadParameterException("field", "unknown field \"" + raw.field() + "\""));
        }
        ProcedureCatalog.Procedure procedure = null;
        if (raw.procedure() != null) {
            procedure = catalog.find(raw.procedure()).orElseThrow(() -> new BadParameterException("procedure",
                    "unknown procedure \"" + raw.procedure() + "\""));
            if (field != null && !field.equals(procedure.field())) {
                throw new BadParameterException("procedure", "procedure " + procedure.code() + " is not in field " + field);
            }
        }
        KpiRequests.Part part = KpiRequests.Part.NUMERATOR;
        if (raw.part() != null) {
            part = switch (raw.part().toLowerCase(Locale.ROOT)) {
                case "numerator" -> KpiRequests.Part.NUMERATOR;
                case "denominator" -> KpiRequests.Part.DENOMINATOR;
                default -> throw new BadParameterException("part", "part is numerator or denominator");
            };
        }
        String channel = oneOf(raw.channel(), "channel", Set.of("ONLINE", "DIRECT", "POSTAL"));
        String status = oneOf(raw.status(), "status", Set.of("IN_PROGRESS", "COMPLETED", "WITHDRAWN"));
        String rank = raw.rank() == null ? DEFAULT_RANK : requests.kpiId(raw.rank());
        ViewState canonical = new ViewState(period.code(), q.unit(), field, procedure == null ? null : procedure.code(),
                raw.rank() == null ? null : rank, raw.part() == null ? null : part.wire(), channel, status);
        return new ViewContext(user, period, q.unit(), unit.name(), unit.level(), field, procedure, part, channel, status,
                rank, canonical, date, calendar.zone());
    }

    private static String oneOf(String v, String name, Set<String> allowed) {
        if (v == null) {
            return null;
        }
        String u = v.toUpperCase(Locale.ROOT);
        if (!allowed.contains(u)) {
            throw new BadParameterException(name, name + " must be one of " + allowed);
        }
        return u;
    }

    /** A unit the unit picker offers, with its depth below the user's scope root (0 = root). */
    public record UnitOption(String code, String name, UnitLevel level, int depth) {
    }

    /** The units the user may pick on the context's date, as a depth-first tree from the scope root(s). */
    public List<UnitOption> unitOptions(ViewContext c) {
        OrgHierarchy h = directory.hierarchy();
        List<UnitOption> out = new ArrayList<>();
        for (String root : scopeRoots(c.user(), c.checkDate())) {
            h.at(root, c.checkDate()).ifPresent(u -> walk(h, u, 0, c.checkDate(), out));
        }
        return out;
    }

    private void walk(OrgHierarchy h, OrgUnit u, int depth, LocalDate date, List<UnitOption> out) {
        out.add(new UnitOption(u.code(), u.name(), u.level(), depth));
        for (OrgUnit child : h.children(u.code(), date)) {
            walk(h, child, depth + 1, date, out);
        }
    }

    /** The tops of the user's scope: the city (every root) for city-wide roles, else the home unit. */
    public List<String> scopeRoots(CivicUser user, LocalDate date) {
        if (user.cityWide()) {
            return directory.hierarchy().roots(date).stream().map(OrgUnit::code).sorted().toList();
        }
        return directory.resolve(user.unit()).map(List::of).orElse(List.of());
    }

    /** The user's home unit, or the city for city-wide users (where "back to my unit" leads). */
    public Optional<String> home(CivicUser user, ReportingPeriod period) {
        return scope.defaultUnit(user, period);
    }

    /** From the top of the user's scope down to the context's unit (the breadcrumb). */
    public List<OrgUnit> path(ViewContext c) {
        List<OrgUnit> up = new ArrayList<>(directory.hierarchy().pathToRoot(c.unit(), c.checkDate()));
        Collections.reverse(up); // root first
        if (!c.user().cityWide()) {
            Optional<String> home = directory.resolve(c.user().unit());
            int i = home.map(h -> indexOf(up, h)).orElse(-1);
            if (i > 0) {
                return List.copyOf(up.subList(i, up.size()));
            }
        }
        return List.copyOf(up);
    }

    private static int indexOf(List<OrgUnit> units, String code) {
        for (int i = 0; i < units.size(); i++) {
            if (units.get(i).code().equals(code)) {
                return i;
            }
        }
        return -1;
    }

    /** The child units of the context's unit on its date. */
    public List<OrgUnit> children(ViewContext c) {
        return directory.hierarchy().children(c.unit(), c.checkDate());
    }

    /** Every code of the unit's subtree over the last {@code years} years to today (units since merged included). */
    public Set<String> subtreeCodes(String unit, LocalDate today, int years) {
        return directory.hierarchy().subtreeDuring(unit, today.minusYears(years), today);
    }

    /** Periods of {@code kind} that have started, newest first ({@code count} of them). */
    public List<ReportingPeriod> recentPeriods(ReportingPeriod.Kind kind, int count) {
        List<ReportingPeriod> out = new ArrayList<>();
        ReportingPeriod p;
        try {
            p = calendar.periodOf(kind, scope.today());
        } catch (IllegalArgumentException e) { // a date in the last quarter lies in no 9M period: the latest one
            p = calendar.period(org.civicpulse.domain.calendar.PeriodCode.nineMonths(
                    calendar.periodOf(ReportingPeriod.Kind.YEAR, scope.today()).endInclusive().getYear()));
        }
        for (int i = 0; i < count; i++) {
            out.add(p);
            p = p.previous();
        }
        return out;
    }

    public ReportingCalendar calendar() {
        return calendar;
    }

    public ProcedureCatalog catalog() {
        return catalog;
    }

    public OrgDirectory directory() {
        return directory;
    }

    public UnitScope scope() {
        return scope;
    }

    public LocalDate today() {
        return scope.today();
    }
}
