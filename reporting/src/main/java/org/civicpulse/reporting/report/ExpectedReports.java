package org.civicpulse.reporting.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import org.civicpulse.domain.calendar.ReportingCalendar;
import org.civicpulse.domain.calendar.ReportingPeriod;
import org.civicpulse.domain.calendar.WorkingDays;
import org.civicpulse.domain.kpi.ReportRegime;
import org.civicpulse.domain.kpi.ReportRegimes;
import org.civicpulse.domain.org.OrgHierarchy;
import org.civicpulse.domain.org.OrgUnit;

/**
 * The one definition of which reports are expected, when they are due and whether they came on time. The
 * KPI engine's P12/P12b/P12c, the submissions view, the reminders and report generation all use it.
 *
 * <ul>
 *   <li><b>Who reports.</b> For a regime and one of its periods: every unit in force on the period's <em>last
 *   day</em> (the cut-off day) whose level is one of the regime's levels, within the subtree asked about. The
 *   last day decides because that is the tree the report is written for: a unit merged away during the period
 *   is reported by its successor; a unit created during it reports.</li>
 *   <li><b>When it is due.</b> The deadline is the cut-off day plus the regime's deadline in Vietnamese working
 *   days (weekends and the holiday list); outside the years the holiday list covers, weekends only. A report is
 *   on time when first submitted before the end of the deadline day (local time).</li>
 *   <li><b>What counts.</b> Only {@linkplain ReportRegime#requiresSubmission() submission} regimes are owed;
 *   a period is owed once it is over. Completeness = submitted / expected; timeliness = on time / expected,
 *   where a report not yet submitted whose deadline has not passed still counts as on time.</li>
 * </ul>
 */
public final class ExpectedReports {

    private final ReportRegimes regimes;
    private final ReportingCalendar calendar;
    private final WorkingDays workingDays;
    private final ZoneId zone;

    public ExpectedReports(ReportRegimes regimes, ReportingCalendar calendar, WorkingDays workingDays) {
        this.regimes = Objects.requireNonNull(regimes, "regimes");
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        this.workingDays = Objects.requireNonNull(workingDays, "workingDays");
        this.zone = calendar.zone();
    }

    public ReportRegimes regimes() {
        return regimes;
    }

    public ReportingCalendar calendar() {
        return calendar;
    }

    public WorkingDays workingDays() {
        return workingDays;
    }

    /** The last day a report of {@code regime} for {@code period} is on time. */
    public LocalDate deadline(ReportRegime regime, ReportingPeriod period) {
        return plusWorkingDays(workingDays, period.endInclusive(), regime.deadlineWorkingDays());
    }

    /** {@code n} working days after {@code d}; outside the holiday list's years, weekends only. */
    public static LocalDate plusWorkingDays(WorkingDays workingDays, LocalDate d, int n) {
        try {
            return workingDays.plusWorkingDays(d, n);
        } catch (IllegalStateException outsideCalendar) {
            LocalDate x = d;
            int left = n;
            while (left > 0) {
                x = x.plusDays(1);
                if (x.getDayOfWeek() != DayOfWeek.SATURDAY && x.getDayOfWeek() != DayOfWeek.SUNDAY) {
                    left--;
                }
            }
            return x;
        }
    }

    /** Working days from {@code from} (exclusive) to {@code to} (inclusive); negative when {@code to} is before. */
    public int workingDaysBetween(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            return -workingDaysBetween(to, from);
        }
        int n = 0;
        LocalDate d = from;
        while (d.isBefore(to)) {
            LocalDate next = plusWorkingDays(workingDays, d, 1);
            if (next.isAfter(to)) {
                break;
            }
            n++;
            d = next;
        }
        return n;
    }

    /**
     * The units that report {@code regime} for {@code period}: in force on the period's last day, at one of
     * the regime's levels, inside {@code root}'s subtree (null: the whole tree), sorted by code.
     */
    public List<OrgUnit> units(ReportRegime regime, ReportingPeriod period, OrgHierarchy hierarchy, String root) {
        LocalDate day = period.endInclusive();
        Collection<String> codes = root == null
                ? hierarchy.unitsOn(day).stream().map(OrgUnit::code).toList()
                : hierarchy.subtree(root, day);
        List<OrgUnit> out = new ArrayList<>();
        for (String code : new TreeSet<>(codes)) {
            OrgUnit u = hierarchy.at(code, day).orElseThrow();
            if (regime.expects(u.level())) {
                out.add(u);
            }
        }
        return out;
    }

    /** The reports of one regime and period (any workflow), by unit code. */
    public List<ExpectedReport> of(ReportRegime regime, ReportingPeriod period, OrgHierarchy hierarchy, String root) {
        LocalDate deadline = deadline(regime, period);
        return units(regime, period, hierarchy, root).stream()
                .map(u -> new ExpectedReport(regime, u.code(), u.level(), period, deadline))
                .toList();
    }

    /**
     * The reports owed for {@code range}: for every submission regime, each of its periods that ends within
     * {@code range} and is over at {@code eval}, the reports of the units in {@code root}'s subtree. Ordered by
     * regime (file order), period, unit.
     */
    public List<ExpectedReport> due(ReportingPeriod range, Instant eval, OrgHierarchy hierarchy, String root) {
        List<ExpectedReport> out = new ArrayList<>();
        for (ReportRegime regime : regimes.submissionRegimes()) {
            for (ReportingPeriod p : regime.periodsEndingWithin(range, calendar)) {
                if (closed(p, eval)) {
                    out.addAll(of(regime, p, hierarchy, root));
                }
            }
        }
        return out;
    }

    /** Whether {@code period} is over at {@code at} (its last local day has ended). */
    public boolean closed(ReportingPeriod period, Instant at) {
        return !period.endExclusiveInstant(zone).isAfter(at);
    }

    /** The instant the deadline day ends (local midnight after it). */
    public Instant deadlineEnd(LocalDate deadline) {
        return deadline.plusDays(1).atStartOfDay(zone).toInstant();
    }

    /**
     * Whether a report counts as on time at {@code now}: first submitted before the end of the deadline day,
     * or not submitted yet while the deadline has not passed.
     */
    public boolean onTime(LocalDate deadline, Instant firstSubmitted, Instant now) {
        Instant end = deadlineEnd(deadline);
        return firstSubmitted != null ? firstSubmitted.isBefore(end) : now.isBefore(end);
    }

    /** Whether the deadline has passed at {@code now} without a submission. */
    public boolean overdue(LocalDate deadline, Instant firstSubmitted, Instant now) {
        return firstSubmitted == null && !now.isBefore(deadlineEnd(deadline));
    }

    /**
     * Completeness and timeliness of {@code expected}.
     *
     * @param firstSubmitted a report's first accepted submission time, or null
     */
    public Compliance compliance(Collection<ExpectedReport> expected, Function<ReportKey, Instant> firstSubmitted,
                                 Instant now) {
        long submitted = 0;
        long onTime = 0;
        Set<String> due = new TreeSet<>();
        Set<String> done = new TreeSet<>();
        for (ExpectedReport e : expected) {
            Instant first = firstSubmitted.apply(e.key());
            due.add(e.regime().id());
            if (first != null) {
                submitted++;
                done.add(e.regime().id());
            }
            if (onTime(e.deadline(), first, now)) {
                onTime++;
            }
        }
        return new Compliance(expected.size(), submitted, onTime, due, done);
    }

    /**
     * Counts of a set of expected reports.
     *
     * @param expected     reports owed
     * @param submitted    of which submitted at least once (P12b's numerator)
     * @param onTime       of which on time (P12c's numerator)
     * @param regimesDue   regimes with at least one report owed (P12's denominator)
     * @param regimesDone  regimes with at least one report submitted (P12's numerator)
     */
    public record Compliance(long expected, long submitted, long onTime, Set<String> regimesDue,
                             Set<String> regimesDone) {

        public Compliance {
            regimesDue = Collections.unmodifiableSet(new TreeSet<>(regimesDue));
            regimesDone = Collections.unmodifiableSet(new TreeSet<>(regimesDone));
        }

        /** submitted / expected in percent (two decimals); null when nothing is expected. */
        public BigDecimal completeness() {
            return percent(submitted, expected);
        }

        /** on time / expected in percent (two decimals); null when nothing is expected. */
        public BigDecimal timeliness() {
            return percent(onTime, expected);
        }

        private static BigDecimal percent(long n, long d) {
            return d == 0 ? null : BigDecimal.valueOf(n).multiply(BigDecimal.valueOf(100))
                    .divide(BigDecimal.valueOf(d), 2, RoundingMode.HALF_UP);
        }
    }
}
