package org.civicpulse.domain.event;

import java.time.OffsetDateTime;
import java.util.Objects;

/** {@code dossier.supplement_received}: the requested documents arrived. */
public record DossierSupplementReceived(
        String id,
        OffsetDateTime occurredAt,
        String source,
        String unit,
        String dossierId) implements DossierEvent {

    public static final EventType TYPE = EventType.DOSSIER_SUPPLEMENT_RECEIVED;

    public DossierSupplementReceived {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(dossierId, "dossierId");
    }

    @Override
    public EventType type() {
        return TYPE;
    }
}
