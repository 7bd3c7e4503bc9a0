package org.civicpulse.domain.event;

import java.time.OffsetDateTime;
import java.util.Objects;

/** {@code service.probe}: an uptime probe result. */
public record ServiceProbe(
        String id,
        OffsetDateTime occurredAt,
        String source,
        String unit,
        String service,
        boolean up,
        long latencyMs) implements Event {

    public static final EventType TYPE = EventType.SERVICE_PROBE;

    public ServiceProbe {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(service, "service");
    }

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public String aggregateId() {
        return service;
    }
}
