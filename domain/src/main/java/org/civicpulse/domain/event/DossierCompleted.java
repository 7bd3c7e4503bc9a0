package org.civicpulse.domain.event;

import java.time.OffsetDateTime;
import java.util.Objects;

/** {@code dossier.completed}: processing ended; {@code eResult} = an electronic result was issued. */
public record DossierCompleted(
        String id,
        OffsetDateTime occurredAt,
        String source,
        String unit,
        String dossierId,
        Outcome outcome,
        boolean eResult,
        boolean digitized,
        boolean reusedData) implements DossierEvent {

    public static final EventType TYPE = EventType.DOSSIER_COMPLETED;

    public DossierCompleted {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(dossierId, "dossierId");
        Objects.requireNonNull(outcome, "outcome");
    }

    @Override
    public EventType type() {
        return TYPE;
    }
}
