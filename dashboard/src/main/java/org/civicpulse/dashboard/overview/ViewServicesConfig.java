package org.civicpulse.dashboard.overview;

import java.time.Clock;
import java.time.Duration;

import org.civicpulse.dashboard.catalog.ProcedureCatalog;
import org.civicpulse.dashboard.clickhouse.ClickHouseProperties;
import org.civicpulse.dashboard.filter.ViewContexts;
import org.civicpulse.dashboard.kpi.KpiRequests;
import org.civicpulse.dashboard.kpi.KpiService;
import org.civicpulse.dashboard.org.OrgDirectory;
import org.civicpulse.dashboard.ops.LiveOperationsPoller;
import org.civicpulse.dashboard.ops.LiveOperationsService;
import org.civicpulse.dashboard.security.UnitScope;
import org.civicpulse.domain.calendar.ReportingCalendar;
import org.civicpulse.domain.calendar.WorkingDays;
import org.civicpulse.domain.kpi.KpiRegistry;
import org.civicpulse.reporting.clickhouse.ClickHouseConnection;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The services behind the views: the procedure catalogue, view state resolution, the overview composition and
 * the live operations poller ({@code civicpulse.live.interval}, default 2 s).
 */
@Configuration(proxyBeanMethods = false)
public class ViewServicesConfig {

    @Bean
    WorkingDays workingDays() {
        return WorkingDays.vietnam();
    }

    @Bean
    ProcedureCatalog procedureCatalog(ClickHouseConnection connection, Clock clock, ClickHouseProperties p) {
        return new ProcedureCatalog(connection, clock, p.orgRefresh());
    }

    @Bean
    ViewContexts viewContexts(KpiRequests requests, OrgDirectory directory, UnitScope scope, ProcedureCatalog catalog,
                              ReportingCalendar calendar) {
        return new ViewContexts(requests, directory, scope, catalog, calendar);
    }

    @Bean
    OverviewService overviewService(KpiService kpis, KpiRegistry registry, UnitScope scope, ReportingCalendar calendar,
                                    Clock clock, @Value("${civicpulse.overview.history-ttl:5m}") Duration ttl) {
        return new OverviewService(kpis, registry, scope, calendar, clock, ttl);
    }

    @Bean
    LiveOperationsService liveOperationsService(ClickHouseConnection connection, OrgDirectory directory,
                                                ProcedureCatalog catalog, WorkingDays workingDays, KpiRegistry registry,
                                                ReportingCalendar calendar, Clock clock) {
        return new LiveOperationsService(connection, directory, catalog, workingDays,
                registry.parameters().almostLateWorkingDays(), calendar.zone(), clock);
    }

    @Bean(destroyMethod = "close")
    LiveOperationsPoller liveOperationsPoller(LiveOperationsService service,
                                              @Value("${civicpulse.live.interval:2s}") Duration interval) {
        return new LiveOperationsPoller(service, interval);
    }
}
