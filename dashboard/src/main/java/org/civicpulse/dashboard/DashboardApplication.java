package org.civicpulse.dashboard;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The CivicPulse dashboard: Vaadin views, the KPI REST API and exports, on port 8080 of 127.0.0.1 by
 * default ({@code --server.port}, {@code --server.address}). Applies reporting's ClickHouse migrations
 * at start-up, so it can start against an empty ClickHouse.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DashboardApplication {

    public static void main(String[] args) {
        SpringApplication.run(DashboardApplication.class, args);
    }
}
