package org.civicpulse.domain.event;

import java.time.OffsetDateTime;
import java.util.Objects;

/** {@code feedback.received}: a citizen's feedback/complaint arrived; {@code dossierId} may be null. */
public record FeedbackReceived(
        String id,
        OffsetDateTime occurredAt,
        String source,
        String unit,
        String feedbackId,
        String dossierId) implements FeedbackEvent {

    public static final EventType TYPE = EventType.FEEDBACK_RECEIVED;

    public FeedbackReceived {
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
