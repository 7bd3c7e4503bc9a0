package org.civicpulse.domain.event;

import java.time.OffsetDateTime;
import java.util.Objects;

/** {@code feedback.answered}: the feedback was answered; {@code dossierId} may be null. */
public record FeedbackAnswered(
        String id,
        OffsetDateTime occurredAt,
        String source,
        String unit,
        String feedbackId,
        String dossierId) implements FeedbackEvent {

    public static final EventType TYPE = EventType.FEEDBACK_ANSWERED;

    public FeedbackAnswered {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(feedbackId, "feedbackId");
    }

    @Override
    public EventType type() {
        return TYPE;
    }
}
