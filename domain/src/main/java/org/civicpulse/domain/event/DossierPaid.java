package org.civicpulse.domain.event;

import java.time.OffsetDateTime;
import java.util.Objects;

/** {@code dossier.paid}: a fee was paid ({@code amountVnd} ≥ 0, validated by the codec). */
public record DossierPaid(
        String id,
        OffsetDateTime occurredAt,
        String source,
        String unit,
        String dossierId,
        boolean online,
        long amountVnd) implements DossierEvent {

    public static final EventType TYPE = EventType.DOSSIER_PAID;

    public DossierPaid {
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
