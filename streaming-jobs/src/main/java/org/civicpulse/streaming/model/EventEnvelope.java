package org.civicpulse.streaming.model;

import java.util.Objects;
import org.civicpulse.domain.event.Event;
import org.civicpulse.domain.event.EventCodec;

/**
 * A validated event on its way through the job: the routing fields (id, type, family, aggregate id)
 * plus the raw JSON it came as and the Kafka timestamp.
 *
 * <p>The typed {@link Event} is not carried: its sealed record hierarchy would need Kryo on the wire
 * and in state. The functions that need it call {@link #event()}, which re-parses the JSON (a few
 * microseconds; the JSON is the stable, additive-only contract, so it is also what keyed state keeps).
 */
public class EventEnvelope implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    public String id;
    /** Wire name, e.g. {@code dossier.received}. */
    public String type;
    /** {@link org.civicpulse.domain.event.EventType.Family} name, e.g. {@code DOSSIER}. */
    public String family;
    public String aggregateId;
    public String unit;
    public String source;
    /** Event time, epoch millis. */
    public long occurredAt;
    /** Kafka record timestamp, epoch millis. */
    public long ingestedAt;
    /** The event JSON exactly as received. */
    public String json;

    public EventEnvelope() {
    }

    /** The envelope of an already-parsed event. */
    public static EventEnvelope of(Event e, String json, long ingestedAt) {
        EventEnvelope env = new EventEnvelope();
        env.id = e.id();
        env.type = e.type().wire();
        env.family = e.family().name();
        env.aggregateId = e.aggregateId();
        env.unit = e.unit();
        env.source = e.source();
        env.occurredAt = e.occurredAt().toInstant().toEpochMilli();
        env.ingestedAt = ingestedAt;
        env.json = json;
        return env;
    }

    /** The typed event (re-parsed from {@link #json}; it was validated by {@code ParseEvent}). */
    public Event event() {
        return EventCodec.lenient().fromJson(json);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EventEnvelope e && occurredAt == e.occurredAt && ingestedAt == e.ingestedAt
                && Objects.equals(id, e.id) && Objects.equals(type, e.type) && Objects.equals(family, e.family)
                && Objects.equals(aggregateId, e.aggregateId) && Objects.equals(unit, e.unit)
                && Objects.equals(source, e.source) && Objects.equals(json, e.json);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, type, aggregateId, occurredAt);
    }

    @Override
    public String toString() {
        return "EventEnvelope{" + type + " " + id + " agg=" + aggregateId + " at=" + occurredAt + "}";
    }
}
