package org.civicpulse.dashboard.kpi;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import org.civicpulse.dashboard.org.OrgDirectory;
import org.civicpulse.domain.calendar.ReportingCalendar;
import org.civicpulse.domain.calendar.ReportingPeriod;
import org.civicpulse.reporting.kpi.KpiEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Computes the city overview of the current and the previous Decree 09 month in the background, shortly
 * after start-up and then every few minutes ({@code civicpulse.kpi.warm-up-minutes}, default 5): the
 * engine builds or renews the month rollups those need (seconds at city scale) on this thread, so
 * leaders opening the dashboard do not wait for them. Until the catalogue names a city, it does nothing.
 */
@Component
class KpiWarmUp {

    private static final Logger log = LoggerFactory.getLogger(KpiWarmUp.class);

    private final KpiEngine engine;
    private final OrgDirectory directory;
    private final ReportingCalendar calendar;
    private final Clock clock;

    private final long minutes;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "kpi-warm-up");
        t.setDaemon(true);
        return t;
    });

    KpiWarmUp(KpiEngine engine, OrgDirectory directory, ReportingCalendar calendar, Clock clock,
              @Value("${civicpulse.kpi.warm-up-minutes:5}") long minutes) {
        this.engine = engine;
        this.directory = directory;
        this.calendar = calendar;
        this.clock = clock;
        this.minutes = minutes;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (minutes > 0) {
            timer.scheduleWithFixedDelay(this::run, 20, minutes * 60, TimeUnit.SECONDS);
        }
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }

    private void run() {
        try {
            LocalDate today = calendar.localDate(clock.instant());
            ReportingPeriod current = calendar.periodOf(ReportingPeriod.Kind.MONTH, today);
            ReportingPeriod previous = calendar.periodOf(ReportingPeriod.Kind.MONTH, current.start().minusDays(1));
            String city = directory.city(today).orElse(null);
            if (city == null) {
                return; // no catalogue yet
            }
            for (ReportingPeriod p : List.of(current, previous)) {
                long t = System.nanoTime();
                engine.compute(city, p.code());
                log.info("KPI overview of {} for {} ready in {} ms", city, p.code(), (System.nanoTime() - t) / 1_000_000);
            }
        } catch (RuntimeException e) {
            // a failed round (ClickHouse away, …) must not end the schedule: the next one tries again
            log.warn("KPI warm-up failed: {}", e.getMessage());
        }
    }
}
