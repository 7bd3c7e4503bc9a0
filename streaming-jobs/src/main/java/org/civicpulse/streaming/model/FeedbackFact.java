package org.civicpulse.streaming.model;

/**
 * One row of {@code feedback_facts}. Times are epoch millis (null = SQL NULL).
 *
 * @param version deterministic: the number of distinct events of this feedback
 */
public record FeedbackFact(
        String feedbackId,
        String unit,
        String dossierId,
        Long receivedAt,
        Long answeredAt,
        long version) {
}
