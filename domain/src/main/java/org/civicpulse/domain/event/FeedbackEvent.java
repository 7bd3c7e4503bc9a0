package org.civicpulse.domain.event;

/** The {@code feedback.*} events; their aggregate id is the feedback id. */
public sealed interface FeedbackEvent extends Event permits FeedbackReceived, FeedbackAnswered {

    String feedbackId();

    /** The dossier the feedback is about, or null. */
    String dossierId();

    @Override
    default String aggregateId() {
        return feedbackId();
    }
}
