package org.civicpulse.streaming.functions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.civicpulse.domain.event.FeedbackAnswered;
import org.civicpulse.domain.event.FeedbackEvent;
import org.civicpulse.domain.event.FeedbackReceived;
import org.civicpulse.streaming.model.FeedbackFact;

/**
 * One feedback's distinct events → its {@code feedback_facts} row, independent of arrival order:
 * received_at = the earliest {@code feedback.received}, answered_at = the earliest
 * {@code feedback.answered} (Q5.2 measures the first answer), unit = the earliest receipt's unit
 * (else the earliest event's), dossier_id = the first non-null one in event-time order,
 * version = the number of distinct events.
 */
public final class FeedbackHistory {

    static final Comparator<FeedbackEvent> EVENT_TIME_ORDER = Comparator
            .comparing((FeedbackEvent e) -> e.occurredAt().toInstant())
            .thenComparingInt(e -> e instanceof FeedbackReceived ? 0 : 1)
            .thenComparing(FeedbackEvent::id);

    private FeedbackHistory() {
    }

    public static FeedbackFact fact(List<? extends FeedbackEvent> events) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("no events");
        }
        List<FeedbackEvent> sorted = new ArrayList<>(events);
        sorted.sort(EVENT_TIME_ORDER);
        FeedbackReceived received = null;
        FeedbackAnswered answered = null;
        String dossierId = null;
        for (FeedbackEvent e : sorted) {
            if (e instanceof FeedbackReceived r && received == null) {
                received = r;
            } else if (e instanceof FeedbackAnswered a && answered == null) {
                answered = a;
            }
            if (dossierId == null) {
                dossierId = e.dossierId();
            }
        }
        FeedbackEvent first = sorted.get(0);
        return new FeedbackFact(
                first.feedbackId(),
                received != null ? received.unit() : first.unit(),
                dossierId,
                received == null ? null : received.occurredAt().toInstant().toEpochMilli(),
                answered == null ? null : answered.occurredAt().toInstant().toEpochMilli(),
                sorted.size());
    }
}
