package org.civicpulse.domain.org;

import java.time.LocalDate;
import java.util.Objects;

import org.civicpulse.domain.event.CatalogUnit;
import org.civicpulse.domain.event.UnitLevel;

/**
 * One version of an org unit: its name, level and parent during a span of days.
 *
 * <p>A unit that is renamed, moved to another parent or closed gets several versions with the same
 * code and non-overlapping validity. Codes are reused: in Hanoi each of the 126 wards and communes
 * in force since 1 July 2025 carries the code of one of the 526 units before it, so the same code
 * names a different unit, under a different parent, before and after that date.
 *
 * @param code      unit code (NSO code for administrative units)
 * @param name      display name
 * @param level     level in the hierarchy
 * @param parent    parent unit's code, null for a root (the city)
 * @param validFrom first day this version is in force; null = since ever
 * @param validTo   last day this version is in force (inclusive, like {@code valid_to} 2025-06-30
 *                  of the pre-reform units); null = still in force
 */
public record OrgUnit(String code, String name, UnitLevel level, String parent, LocalDate validFrom, LocalDate validTo) {

    public OrgUnit {
        requireText(code, "code");
        requireText(name, "name");
        Objects.requireNonNull(level, "level");
        if (parent != null && parent.isBlank()) {
            parent = null; // CSV rows write a root's parent as an empty cell
        }
        if (code.equals(parent)) {
            throw new IllegalArgumentException("unit " + code + " cannot be its own parent");
        }
        if (validFrom != null && validTo != null && validTo.isBefore(validFrom)) {
            throw new IllegalArgumentException("unit " + code + " version ends " + validTo + " before it starts " + validFrom);
        }
    }

    /** A version from a {@code catalog.unit} event. */
    public static OrgUnit from(CatalogUnit event) {
        return new OrgUnit(event.code(), event.name(), event.level(), event.parent(), event.validFrom(), event.validTo());
    }

    /** Whether this version is in force on {@code date}. */
    public boolean validOn(LocalDate date) {
        return (validFrom == null || !date.isBefore(validFrom)) && (validTo == null || !date.isAfter(validTo));
    }

    /** Whether this version is in force on at least one day of {@code [from, to]} (inclusive). */
    public boolean validDuring(LocalDate from, LocalDate to) {
        return (validFrom == null || !to.isBefore(validFrom)) && (validTo == null || !from.isAfter(validTo));
    }

    /** Whether the two versions are in force on a common day. */
    boolean overlaps(OrgUnit other) {
        boolean startsBeforeOtherEnds = validFrom == null || other.validTo == null || !validFrom.isAfter(other.validTo);
        boolean otherStartsBeforeThisEnds = other.validFrom == null || validTo == null || !other.validFrom.isAfter(validTo);
        return startsBeforeOtherEnds && otherStartsBeforeThisEnds;
    }

    /** "[since ever – 2025-06-30]" style, for messages. */
    String validity() {
        return "[" + (validFrom == null ? "since ever" : validFrom) + " – " + (validTo == null ? "open" : validTo) + "]";
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("org unit " + what + " is missing");
        }
    }
}
