package org.civicpulse.ingestion.simulator;

import org.civicpulse.domain.event.Event;

/** Where the simulator's events go: the ingestion API, Kafka, a file. */
interface EventSink {

    /**
     * Hands over one event; may block while the sink is busy (back-pressure).
     *
     * @throws SinkFailedException when the sink has failed for good (bad token, Kafka error, …)
     */
    void accept(Event e) throws InterruptedException;

    /** Sends what is still buffered and waits until it is acknowledged. */
    void close() throws InterruptedException;

    /** Events acknowledged so far (accepted by ingestion / Kafka, or written). */
    long acknowledged();

    /** Events the receiver rejected (answered as errors) so far. */
    default long rejected() {
        return 0;
    }

    /** Requests resent so far (503, connection errors). */
    default long retries() {
        return 0;
    }

    /** One line about the sink's state for progress output (in-flight, retries, …); may be empty. */
    default String status() {
        return "";
    }

    /** Thrown when a sink cannot go on. */
    final class SinkFailedException extends RuntimeException {
        SinkFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
