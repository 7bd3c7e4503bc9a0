package org.civicpulse.dashboard.report;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the dashboard posts the {@code report.*} events of the submission workflow ({@code civicpulse.ingestion.*}).
 *
 * @param url        the ingestion service's base URL ({@code http://127.0.0.1:8090}); events go to {@code POST
 *                   <url>/api/v1/events}
 * @param token      the bearer token of {@code source}; when empty it is read from {@code tokensFile}
 * @param tokensFile a {@code source=token} properties file (the demo's {@code source-tokens.properties})
 * @param source     the ingestion source the events are sent as (default {@code reports})
 */
@ConfigurationProperties("civicpulse.ingestion")
public record IngestionProperties(String url, String token, Path tokensFile, @DefaultValue("reports") String source) {
}
