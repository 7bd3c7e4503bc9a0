package org.civicpulse.domain.event;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Objects;

/** {@code catalog.unit}: reference data for one org unit; {@code unit} = the unit itself (= {@code code}), {@code parent} and {@code validTo} may be null. */
public record CatalogUnit(
        String id,
        OffsetDateTime occurredAt,
        String source,
        String unit,
        String code,
        String name,
        UnitLevel level,
        String parent,
        LocalDate validFrom,
        LocalDate validTo) implements Event {

    public static final EventType TYPE = EventType.CATALOG_UNIT;

    public CatalogUnit {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(validFrom, "validFrom");
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
