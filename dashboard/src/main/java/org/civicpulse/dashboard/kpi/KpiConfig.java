package org.civicpulse.dashboard.kpi;

import java.time.Clock;
import java.time.Duration;

import org.civicpulse.dashboard.clickhouse.ClickHouseProperties;
import org.civicpulse.dashboard.org.OrgDirectory;
import org.civicpulse.dashboard.security.UnitScope;
import org.civicpulse.domain.calendar.ReportingCalendar;
import org.civicpulse.domain.kpi.KpiRegistry;
import org.civicpulse.reporting.catalog.OrgUnitRepository;
import org.civicpulse.reporting.clickhouse.ClickHouseConnection;
import org.civicpulse.reporting.kpi.KpiEngine;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The KPI registry, reporting's engine over the app's ClickHouse connection, and the services around it. */
@Configuration(proxyBeanMethods = false)
public class KpiConfig {

    @Bean
    KpiRegistry kpiRegistry() {
        return KpiRegistry.standard();
    }

    /**
     * @param threads      worker threads per request's parallel query passes ({@code civicpulse.kpi.threads}, default 2:
     *                     the size of this machine)
     * @param rollupQuiet  seconds a month of dossiers must go unwritten before its rollup is built while a
     *                     request waits ({@code civicpulse.kpi.rollup-quiet-seconds}, default 60; other months are
     *                     built in the background); a negative value turns rollups off
     */
    @Bean(destroyMethod = "close")
    KpiEngine kpiEngine(ClickHouseConnection connection, KpiRegistry registry, ReportingCalendar calendar, Clock clock,
                        @Value("${civicpulse.kpi.threads:2}") int threads,
                        @Value("${civicpulse.kpi.rollup-quiet-seconds:60}") long rollupQuiet) {
        OrgUnitRepository units = new OrgUnitRepository(connection);
        return KpiEngine.builder(connection).registry(registry).calendar(calendar).clock(clock).threads(threads)
                // the 2025 reform's merger map, imported with the catalogue (catalog.merger → org_mergers)
                .mergers(units::findMergers)
                .rollupQuietPeriod(rollupQuiet < 0 ? null : Duration.ofSeconds(rollupQuiet))
                .build();
    }

    /**
     * The org tree for validation and scoping is the engine's own (same units, same reorganisation map): a
     * reload here reloads the engine's cache too, so both always know the same units.
     */
    @Bean
    OrgDirectory orgDirectory(KpiEngine engine, ClickHouseProperties p, Clock clock) {
        return new OrgDirectory(() -> {
            engine.refreshUnits();
            return engine.hierarchy();
        }, p.orgRefresh(), Duration.ofSeconds(2), clock);
    }

    @Bean
    KpiRequests kpiRequests(ReportingCalendar calendar, OrgDirectory directory, UnitScope scope, KpiRegistry registry,
                            Clock clock) {
        return new KpiRequests(calendar, directory, scope, registry, clock);
    }

    @Bean
    KpiService kpiService(KpiEngine engine, KpiRegistry registry, OrgDirectory directory, UnitScope scope) {
        return new KpiService(engine, registry, directory, scope);
    }
}
