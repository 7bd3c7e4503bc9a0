package org.civicpulse.domain.event;

import java.time.OffsetDateTime;
import java.util.Objects;

/** {@code dossier.rated}: the applicant rated the service, {@code score} 1–5 (4–5 = satisfied; range validated by the codec). */
public record DossierRated(
        String id,
        OffsetDateTime occurredAt,
        String source,
        String unit,
        String dossierId,
        int score) implements DossierEvent {

    public static final EventType TYPE = EventType.DOSSIER_RATED;

    public DossierRated {
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
