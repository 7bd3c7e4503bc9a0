package org.civicpulse.domain.event;

import java.time.OffsetDateTime;
import java.util.Objects;

/** {@code dossier.returned}: the result was handed back to the applicant. */
public record DossierReturned(
        String id,
        OffsetDateTime occurredAt,
        String source,
        String unit,
        String dossierId,
        Delivery delivery) implements DossierEvent {

    public static final EventType TYPE = EventType.DOSSIER_RETURNED;

    public DossierReturned {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(dossierId, "dossierId");
        Objects.requireNonNull(delivery, "delivery");
    }

    @Override
    public EventType type() {
        return TYPE;
    }
}
