package org.civicpulse.domain.org;

import java.time.LocalDate;
import java.util.Objects;

import org.civicpulse.domain.event.CatalogMerger;

/**
 * One row of a reorganisation map: (part of) unit {@code oldCode} went into unit {@code newCode} on
 * {@code effective}. The map is many-to-many: a split unit has several rows, a merged unit receives
 * several. {@code oldCode} may equal {@code newCode} when the new unit took over an old unit's code.
 *
 * @param mergeType free text of the source, e.g. "Nhập toàn bộ" (whole) or "Nhập một phần" (part), or the
 *                  catalogue's {@code WHOLE}/{@code PART}; null when the source does not say
 */
public record Merger(String oldCode, String newCode, LocalDate effective, String mergeType) {

    public Merger {
        if (oldCode == null || oldCode.isBlank() || newCode == null || newCode.isBlank()) {
            throw new IllegalArgumentException("a merger needs an old and a new code, got " + oldCode + " → " + newCode);
        }
        Objects.requireNonNull(effective, "effective");
        if (mergeType != null && mergeType.isBlank()) {
            mergeType = null;
        }
    }

    /** A row from a {@code catalog.merger} event; its merge type is kept as the wire name ({@code WHOLE}, {@code PART}). */
    public static Merger from(CatalogMerger event) {
        return new Merger(event.oldCode(), event.newCode(), event.effective(),
                event.mergeType() == null ? null : event.mergeType().wire());
    }
}
