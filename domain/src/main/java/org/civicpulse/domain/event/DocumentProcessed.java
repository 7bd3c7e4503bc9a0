package org.civicpulse.domain.event;

import java.time.OffsetDateTime;
import java.util.Objects;

/** {@code document.processed}: the e-office handled a document. */
public record DocumentProcessed(
        String id,
        OffsetDateTime occurredAt,
        String source,
        String unit,
        String documentId,
        boolean electronic,
        boolean signed) implements Event {

    public static final EventType TYPE = EventType.DOCUMENT_PROCESSED;

    public DocumentProcessed {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(documentId, "documentId");
    }

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public String aggregateId() {
        return documentId;
    }
}
