package org.civicpulse.dashboard.report;

import java.time.Clock;

import org.civicpulse.dashboard.org.OrgDirectory;
import org.civicpulse.dashboard.security.UnitScope;
import org.civicpulse.domain.calendar.ReportingCalendar;
import org.civicpulse.reporting.clickhouse.ClickHouseConnection;
import org.civicpulse.reporting.kpi.KpiEngine;
import org.civicpulse.reporting.report.ReportActions;
import org.civicpulse.reporting.report.ReportArchive;
import org.civicpulse.reporting.report.ReportDrafts;
import org.civicpulse.reporting.report.ReportFonts;
import org.civicpulse.reporting.report.ReportGenerator;
import org.civicpulse.reporting.report.ReportRuns;
import org.civicpulse.reporting.report.ReportScheduler;
import org.civicpulse.reporting.report.SubmissionWorkflow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Reporting's report generation, archive, scheduler and submission workflow over the app's ClickHouse connection
 * and KPI engine (one engine computes every number), plus e-mail and the ingestion client.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties({ReportProperties.class, IngestionProperties.class})
public class ReportConfig implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ReportConfig.class);

    private final ReportProperties properties;
    private final ObjectProvider<ReportScheduler> scheduler;

    public ReportConfig(ReportProperties properties, ObjectProvider<ReportScheduler> scheduler) {
        this.properties = properties;
        this.scheduler = scheduler;
    }

    @Bean
    ReportArchive reportArchive(ClickHouseConnection ch) {
        return new ReportArchive(ch, properties.archiveDir());
    }

    @Bean
    ReportGenerator reportGenerator(KpiEngine engine, ReportArchive archive, Clock clock) {
        ReportFonts fonts = ReportFonts.load(properties.fontDir());
        log.info("reports: archive {}, font DejaVu Sans from {}", archive.root(), fonts.origin());
        return new ReportGenerator(engine, archive, fonts, clock, properties.place());
    }

    @Bean
    ReportRuns reportRuns(ClickHouseConnection ch) {
        return new ReportRuns(ch);
    }

    @Bean
    ReportMailer reportMailer(ObjectProvider<JavaMailSender> sender) {
        return new ReportMailer(sender.getIfAvailable(), properties.mail());
    }

    @Bean
    ReportScheduler reportScheduler(ReportGenerator generator, ReportRuns runs, KpiEngine engine, Clock clock,
                                    ReportMailer mailer) {
        return new ReportScheduler(generator, runs, engine.regimes(), clock, mailer::send);
    }

    @Bean
    ReportActions reportActions(ClickHouseConnection ch, Clock clock) {
        return new ReportActions(ch, clock);
    }

    @Bean
    IngestionClient ingestionClient(IngestionProperties p) {
        return new IngestionClient(p);
    }

    @Bean
    SubmissionWorkflow submissionWorkflow(KpiEngine engine, ReportActions actions, ClickHouseConnection ch, Clock clock,
                                          IngestionClient ingestion) {
        return new SubmissionWorkflow(engine, actions, new ReportDrafts(ch), clock, ingestion.source());
    }

    @Bean
    ReportService reportService(ReportArchive archive, ReportScheduler scheduler, ReportRuns runs,
                                SubmissionWorkflow workflow, IngestionClient ingestion, KpiEngine engine,
                                ReportingCalendar calendar, OrgDirectory directory, UnitScope scope) {
        return new ReportService(archive, scheduler, runs, workflow, ingestion, engine.regimes(), calendar, directory,
                scope);
    }

    /** Every {@code civicpulse.reports.scheduler.interval}: generate the reports of periods closed since the last run. */
    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        if (!properties.scheduler().enabled()) {
            log.info("report scheduler disabled (civicpulse.reports.scheduler.enabled=false)");
            return;
        }
        registrar.addFixedDelayTask(new org.springframework.scheduling.config.FixedDelayTask(() -> {
            try {
                scheduler.getObject().runDue().forEach(o -> log.info("period close: {} {} → {} report(s){}", o.regime(),
                        o.period(), o.reports(), o.error() == null ? "" : " FAILED: " + o.error()));
            } catch (RuntimeException e) {
                log.warn("report scheduler check failed (retried at the next check): {}", e.toString());
            }
        }, properties.scheduler().interval(), properties.scheduler().initialDelay()));
    }
}
