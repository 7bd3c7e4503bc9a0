package org.civicpulse.domain.event;

import java.time.OffsetDateTime;
import java.util.Objects;

/** {@code catalog.procedure}: reference data for one administrative procedure; {@code unit} = the authority's unit, {@code legalDays} in working days. */
public record CatalogProcedure(
        String id,
        OffsetDateTime occurredAt,
        String source,
        String unit,
        String code,
        String name,
        String field,
        String authorityLevel,
        boolean fullProcessEligible,
        OnlineService onlineService,
        boolean nationalPortal,
        boolean uxRedesigned,
        boolean hasFee,
        boolean paperResult,
        boolean simplified,
        int legalDays) implements Event {

    public static final EventType TYPE = EventType.CATALOG_PROCEDURE;

    public CatalogProcedure {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(authorityLevel, "authorityLevel");
        Objects.requireNonNull(onlineService, "onlineService");
    }

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public String aggregateId() {
        return code;
    }
}
