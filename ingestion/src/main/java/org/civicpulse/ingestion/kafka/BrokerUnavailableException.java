package org.civicpulse.ingestion.kafka;

/** Kafka did not acknowledge a request's records in time (or is not ready): the request is answered 503. */
public class BrokerUnavailableException extends Exception {

    public BrokerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
