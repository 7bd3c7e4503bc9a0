package org.civicpulse.domain.event;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * {@code catalog.merger}: one row of a reorganisation map, (part of) unit {@code oldCode} went into unit
 * {@code newCode} on {@code effective}; {@code unit} = the new unit (= {@code newCode}), the one that
 * inherits the old unit's dossiers. {@code mergeType} may be null (the source does not say).
 */
public record CatalogMerger(
        String id,
        OffsetDateTime occurredAt,
        String source,
        String unit,
        String oldCode,
        String newCode,
        LocalDate effective,
        MergeType mergeType) implements Event {

    public static final EventType TYPE = EventType.CATALOG_MERGER;

    public CatalogMerger {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(oldCode, "oldCode");
        Objects.requireNonNull(newCode, "newCode");
        Objects.requireNonNull(effective, "effective");
    }

    @Override
    public EventType type() {
        return TYPE;
    }

    /**
     * {@code oldCode + "/" + newCode}: a row of the map is identified by its pair of units, as a unit is by
     * its code, so every version of one row goes to the same Kafka partition, in order.
     */
    @Override
    public String aggregateId() {
        return oldCode + "/" + newCode;
    }
}
