package org.civicpulse.streaming.model;

import java.util.List;
import java.util.Objects;

/**
 * One row of {@code rejected_events}: a dead letter of ingestion, read off the rejected topic.
 *
 * @param deadLetterId the dead letter's Kafka coordinates {@code topic-partition@offset}
 * @param source       the sending system; {@code ""} when unknown
 * @param unit         the {@code unit} of the rejected line when it says one; {@code ""} otherwise
 * @param receivedAt   when ingestion received the line, epoch millis
 * @param errorCodes   the codes of the line's errors, in order (may be empty)
 * @param payload      the rejected line as the dead letter carries it
 */
public record RejectedEvent(
        String deadLetterId,
        String source,
        String unit,
        long receivedAt,
        List<String> errorCodes,
        String payload) {

    public RejectedEvent {
        Objects.requireNonNull(deadLetterId, "deadLetterId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(unit, "unit");
        errorCodes = List.copyOf(errorCodes);
        Objects.requireNonNull(payload, "payload");
    }

    /** The first error's code, {@code ""} when there is none. */
    public String firstError() {
        return errorCodes.isEmpty() ? "" : errorCodes.get(0);
    }
}
