package org.civicpulse.domain.event;

import java.time.OffsetDateTime;
import java.util.Objects;

/** {@code portal.login}: a user signed in to the public-service portal. */
public record PortalLogin(
        String id,
        OffsetDateTime occurredAt,
        String source,
        String unit,
        String userHash,
        LoginMethod method) implements Event {

    public static final EventType TYPE = EventType.PORTAL_LOGIN;

    public PortalLogin {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(userHash, "userHash");
        Objects.requireNonNull(method, "method");
    }

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public String aggregateId() {
        return userHash;
    }
}
