package org.civicpulse.domain.event;

import java.time.OffsetDateTime;
import java.util.Objects;

/** {@code dossier.received}: a dossier was submitted. {@code procedure} is the procedure code, {@code dueAt} the legal deadline, {@code vneid} whether the applicant authenticated with the national e-ID, {@code fullProcess} whether it came through a full-process online service. */
public record DossierReceived(
        String id,
        OffsetDateTime occurredAt,
        String source,
        String unit,
        String dossierId,
        String procedure,
        Channel channel,
        Applicant applicant,
        OffsetDateTime dueAt,
        boolean vneid,
        boolean fullProcess) implements DossierEvent {

    public static final EventType TYPE = EventType.DOSSIER_RECEIVED;

    public DossierReceived {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(dossierId, "dossierId");
        Objects.requireNonNull(procedure, "procedure");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(applicant, "applicant");
        Objects.requireNonNull(dueAt, "dueAt");
    }

    @Override
    public EventType type() {
        return TYPE;
    }
}
