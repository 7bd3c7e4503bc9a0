package org.civicpulse.streaming.model;

import java.util.Objects;

/**
 * One record of the events topic (or of the dead-letter topic) as it comes off Kafka: the value as
 * text (the event JSON, validated by ingestion; or a dead letter) and the Kafka record timestamp (when
 * the broker took it, which becomes {@code events.ingested_at}). {@code origin} says where it came
 * from ({@code topic-partition@offset}): in log messages, and as the id of a dead letter's
 * {@code rejected_events} row.
 *
 * <p>A Flink POJO (public fields, no-arg constructor) so it travels without Kryo.
 */
public class RawEvent implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    public String json;
    public long kafkaTimestamp;
    public String origin;

    public RawEvent() {
    }

    public RawEvent(String json, long kafkaTimestamp, String origin) {
        this.json = json;
        this.kafkaTimestamp = kafkaTimestamp;
        this.origin = origin;
    }

    public static RawEvent of(String json, long kafkaTimestamp) {
        return new RawEvent(json, kafkaTimestamp, "");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawEvent r && kafkaTimestamp == r.kafkaTimestamp
                && Objects.equals(json, r.json) && Objects.equals(origin, r.origin);
    }

    @Override
    public int hashCode() {
        return Objects.hash(json, kafkaTimestamp, origin);
    }

    @Override
    public String toString() {
        return "RawEvent{" + origin + " ts=" + kafkaTimestamp + " " + json + "}";
    }
}
