package org.civicpulse.ingestion;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code civicpulse.ingestion.*}.
 *
 * @param sources           source name → token (several tokens for one source: comma-separated, for rotation)
 * @param tokensFile        optional file of {@code source=token} lines (same meaning as {@code sources}; both are merged)
 * @param allowedTypes      optional source name → comma-separated event types it may send: wire names
 *                          ({@code dossier.received}), families ({@code dossier.*}), {@code *}, or {@code none}.
 *                          Default: every type except {@code catalog.*}; for the catalogue source only {@code catalog.*}.
 *                          Only the catalogue source may ever send {@code catalog.*}.
 * @param catalogSource     the source whose token the catalogue import needs and whose events are catalog.*
 * @param maxBodySize       request body limit (413 beyond it)
 * @param maxEventSize      one event's (line's / array element's) size limit; longer ones are rejected (TOO_LONG)
 * @param futureTolerance   how far in the future {@code occurredAt} may be (clock skew)
 * @param retryAfter        the {@code Retry-After} sent with 503
 * @param maxReportedErrors the response lists at most this many errors (the dead-letter topic has all)
 */
@ConfigurationProperties("civicpulse.ingestion")
public record IngestionProperties(
        @DefaultValue Map<String, String> sources,
        Path tokensFile,
        @DefaultValue Map<String, String> allowedTypes,
        @DefaultValue("catalog") String catalogSource,
        @DefaultValue("10MB") DataSize maxBodySize,
        @DefaultValue("512KB") DataSize maxEventSize,
        @DefaultValue("5m") Duration futureTolerance,
        @DefaultValue("5s") Duration retryAfter,
        @DefaultValue("1000") int maxReportedErrors) {
}
