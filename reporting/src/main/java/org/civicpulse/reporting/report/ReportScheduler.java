package org.civicpulse.reporting.report;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;

import org.civicpulse.domain.calendar.ReportingCalendar;
import org.civicpulse.domain.calendar.ReportingPeriod;
import org.civicpulse.domain.kpi.ReportRegime;
import org.civicpulse.domain.kpi.ReportRegimes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates every regime's reports when a period closes. {@link #runDue()} is meant to be called every minute:
 * for each regime it finds the periods that have closed since the last successful run recorded in ClickHouse
 * ({@code report_runs}) — only the latest closed period when the regime never ran, so a first start on a year of
 * history does not write a year of reports — generates them, hands each report to the delivery callback (e-mail)
 * and records the run. A restart finds the runs and generates nothing again; a failed run is retried at the next
 * call.
 */
public final class ReportScheduler {

    private static final Logger log = LoggerFactory.getLogger(ReportScheduler.class);
    /** How far back a regime that fell behind is caught up (periods). */
    private static final int MAX_CATCH_UP = 12;

    private final ReportGenerator generator;
    private final ReportRuns runs;
    private final ReportRegimes regimes;
    private final ReportingCalendar calendar;
    private final Clock clock;
    private final BiConsumer<ReportRegime, ReportGenerator.Generated> delivery;

    /** @param delivery called for every generated report (e-mail); its failures are logged, not fatal */
    public ReportScheduler(ReportGenerator generator, ReportRuns runs, ReportRegimes regimes, Clock clock,
                           BiConsumer<ReportRegime, ReportGenerator.Generated> delivery) {
        this.generator = Objects.requireNonNull(generator, "generator");
        this.runs = Objects.requireNonNull(runs, "runs");
        this.regimes = Objects.requireNonNull(regimes, "regimes");
        this.calendar = generator.expectedReports().calendar();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.delivery = delivery == null ? (r, g) -> { } : delivery;
    }

    /** What one call did: per regime period, the number of reports generated (or the error). */
    public record Outcome(String regime, String period, int reports, String error) {
    }

    /** Generates the reports of every regime period closed since its last run. */
    public synchronized List<Outcome> runDue() {
        Instant now = clock.instant();
        List<Outcome> out = new ArrayList<>();
        for (ReportRegime regime : regimes.all()) {
            for (ReportingPeriod p : due(regime, now, runs.donePeriods(regime.id()))) {
                out.add(run(regime, p, ArchivedFile.Trigger.SCHEDULE, "scheduler"));
            }
        }
        return out;
    }

    /** Generates (again: new versions) the reports of one regime period now, on demand. */
    public synchronized Outcome runNow(ReportRegime regime, ReportingPeriod period, String by) {
        return run(regime, period, ArchivedFile.Trigger.MANUAL, by);
    }

    /**
     * The closed periods of {@code regime} to generate at {@code now}: those after the newest done one, oldest
     * first (at most {@value #MAX_CATCH_UP}); the latest closed period alone when none is done.
     */
    public List<ReportingPeriod> due(ReportRegime regime, Instant now, Set<String> done) {
        List<ReportingPeriod> closed = new ArrayList<>();
        ReportingPeriod p = latestClosed(regime, now);
        while (p != null && closed.size() < MAX_CATCH_UP && !done.contains(p.code())) {
            closed.add(0, p);
            p = before(regime, p);
        }
        if (done.isEmpty() && !closed.isEmpty()) {
            return List.of(closed.get(closed.size() - 1));
        }
        return closed;
    }

    /** The newest period of the regime whose last day has ended at {@code now}. */
    public ReportingPeriod latestClosed(ReportRegime regime, Instant now) {
        LocalDate today = calendar.localDate(now);
        LocalDate d = today.minusDays(1);
        for (int i = 0; i < 800; i++, d = d.minusDays(1)) {
            try {
                ReportingPeriod p = calendar.periodOf(regime.periodKind(), d);
                if (p.endInclusive().isBefore(today)) {
                    return p;
                }
                d = p.start();
            } catch (IllegalArgumentException gap) {
                // NINE_MONTHS has no period in the last quarter: keep going back
            }
        }
        return null;
    }

    private ReportingPeriod before(ReportRegime regime, ReportingPeriod p) {
        for (LocalDate d = p.start().minusDays(1); d.isAfter(p.start().minusDays(800)); d = d.minusDays(1)) {
            try {
                return calendar.periodOf(regime.periodKind(), d);
            } catch (IllegalArgumentException gap) {
                // skip
            }
        }
        return null;
    }

    private Outcome run(ReportRegime regime, ReportingPeriod period, ArchivedFile.Trigger trigger, String by) {
        Instant started = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String runId = UUID.randomUUID().toString();
        try {
            List<ReportGenerator.Generated> reports = generator.generate(regime, period, trigger, by);
            for (ReportGenerator.Generated g : reports) {
                try {
                    delivery.accept(regime, g);
                } catch (RuntimeException e) {
                    log.warn("report {} v{} was archived but its delivery failed: {}", g.document().key(),
                            g.document().version(), e.toString());
                }
            }
            runs.record(new ReportRuns.Run(runId, regime.id(), period.code(), trigger, true, reports.size(), null,
                    started, clock.instant()));
            return new Outcome(regime.id(), period.code(), reports.size(), null);
        } catch (RuntimeException e) {
            log.error("generating {} {} failed", regime.id(), period.code(), e);
            try {
                runs.record(new ReportRuns.Run(runId, regime.id(), period.code(), trigger, false, 0,
                        String.valueOf(e.getMessage()), started, clock.instant()));
            } catch (RuntimeException again) {
                log.warn("cannot record the failed run: {}", again.toString());
            }
            return new Outcome(regime.id(), period.code(), 0, String.valueOf(e.getMessage()));
        }
    }
}
