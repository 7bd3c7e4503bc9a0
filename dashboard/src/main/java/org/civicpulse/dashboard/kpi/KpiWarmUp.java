package org.civicpulse.dashboard.kpi;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.civicpulse.dashboard.org.OrgDirectory;
import org.civicpulse.domain.calendar.ReportingCalendar;
import org.civicpulse.domain.calendar.ReportingPeriod;
import org.civicpulse.reporting.kpi.KpiEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * After start-up, computes the city overview of the current and the previous Decree 09 month once, in
 * the background: the engine builds the month rollups those need (seconds at city scale), so the first
 * leader to open the dashboard does not wait for them.
 */
@Component
class KpiWarmUp {

    private static final Logger log = LoggerFactory.getLogger(KpiWarmUp.class);

    private final KpiEngine engine;
    private final OrgDirectory directory;
    private final ReportingCalendar calendar;
    private final Clock clock;

    KpiWarmUp(KpiEngine engine, OrgDirectory directory, ReportingCalendar calendar, Clock clock) {
        this.engine = engine;
        this.directory = directory;
        this.calendar = calendar;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void warmUp() {
        Thread t = new Thread(this::run, "kpi-warm-up");
        t.setDaemon(true);
        t.start();
    }

    private void run() {
        LocalDate today = calendar.localDate(clock.instant());
        ReportingPeriod current = calendar.periodOf(ReportingPeriod.Kind.MONTH, today);
        ReportingPeriod previous = calendar.periodOf(ReportingPeriod.Kind.MONTH, current.start().minusDays(1));
        directory.city(today).ifPresent(city -> {
            for (ReportingPeriod p : List.of(current, previous)) {
                long t = System.nanoTime();
                try {
                    engine.compute(city, p.code());
                    log.info("KPI overview of {} for {} ready in {} ms", city, p.code(), (System.nanoTime() - t) / 1_000_000);
                } catch (RuntimeException e) {
                    log.warn("KPI warm-up for {} {} failed: {}", city, p.code(), e.getMessage());
                }
            }
        });
    }
}
