package org.civicpulse.reporting.kpi;

import java.time.Instant;

/**
 * The newest event of one source system within a unit subtree (O5).
 *
 * @param source         the sending system
 * @param newestEvent    newest {@code occurred_at} seen within the lookback
 * @param ageSeconds     evaluation instant − newestEvent
 * @param eventsInPeriod events of the source in the period
 */
public record SourceFreshness(String source, Instant newestEvent, long ageSeconds, long eventsInPeriod) {
}
