package org.civicpulse.domain.event;

import java.io.Serializable;
import java.time.OffsetDateTime;

/**
 * One fact from a source system, as in docs/DESIGN.md "Contracts → Events". One record per event
 * shape; {@link ReportAction} covers the three {@code report.*} types and carries its type.
 *
 * <p>Constructors reject nulls in required fields (NullPointerException) and nothing else: value
 * rules (ranges, lengths, future times) are enforced by {@link EventCodec#parse(String)}, which is
 * the validator at the system's edge.
 */
public sealed interface Event extends Serializable
        permits DossierEvent, FeedbackEvent, PortalLogin, DocumentProcessed, ServiceProbe,
                ReportAction, CatalogUnit, CatalogProcedure, CatalogMerger {

    /** Globally unique event id, 1–128 chars; re-sending the same id is a no-op downstream. */
    String id();

    EventType type();

    /** When it happened, with the offset the source sent (kept as sent: equality is offset-sensitive). */
    OffsetDateTime occurredAt();

    /** The sending system (must match the caller's API key at ingestion). */
    String source();

    /** Code of the org unit the fact belongs to. */
    String unit();

    /**
     * The Kafka key: dossierId for dossier.*, feedbackId for feedback.*, userHash for portal.login,
     * documentId for document.processed, service for service.probe,
     * {@code regime + "/" + unit + "/" + period} for report.*, code for catalog.unit and catalog.procedure,
     * {@code oldCode + "/" + newCode} for catalog.merger.
     */
    String aggregateId();

    /** Shorthand for {@code type().family()}. */
    default EventType.Family family() {
        return type().family();
    }
}
