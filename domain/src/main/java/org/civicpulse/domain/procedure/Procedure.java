package org.civicpulse.domain.procedure;

import java.util.Objects;

import org.civicpulse.domain.event.CatalogProcedure;
import org.civicpulse.domain.event.OnlineService;

/**
 * An administrative procedure as the catalogue describes it ({@code catalog.procedure}).
 *
 * @param code                national procedure code, e.g. {@code 1.001193}
 * @param name                official name
 * @param field               field (lĩnh vực); several joined by "; "
 * @param authorityLevel      level of the deciding authority as the catalogue writes it (CITY, DEPARTMENT, COMMUNE, …)
 * @param unit                code of the authority's org unit
 * @param fullProcessEligible eligible for a full-process (toàn trình) online service (P3, Q3.4)
 * @param onlineService       online service published for it (P1, Q3.1)
 * @param nationalPortal      the online service is integrated on the national portal (P4)
 * @param uxRedesigned        the online service was redesigned for user experience (P1)
 * @param hasFee              a fee is charged (Q3.6)
 * @param paperResult         the procedure issues a paper result (P5, Q3.3, Q4.1)
 * @param simplified          abolished or simplified since the baseline (P7)
 * @param legalDays           processing time limit in working days, ≥ 0 (0 = same day)
 */
public record Procedure(
        String code,
        String name,
        String field,
        String authorityLevel,
        String unit,
        boolean fullProcessEligible,
        OnlineService onlineService,
        boolean nationalPortal,
        boolean uxRedesigned,
        boolean hasFee,
        boolean paperResult,
        boolean simplified,
        int legalDays) {

    public Procedure {
        requireText(code, "code", code);
        requireText(name, "name", code);
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(authorityLevel, "authorityLevel");
        requireText(unit, "unit", code);
        Objects.requireNonNull(onlineService, "onlineService");
        if (legalDays < 0) {
            throw new IllegalArgumentException("procedure " + code + ": legal days must be ≥ 0, got " + legalDays);
        }
    }

    /** A procedure from a {@code catalog.procedure} event; the event's {@code unit} is the authority's unit. */
    public static Procedure from(CatalogProcedure event) {
        return new Procedure(event.code(), event.name(), event.field(), event.authorityLevel(), event.unit(),
                event.fullProcessEligible(), event.onlineService(), event.nationalPortal(), event.uxRedesigned(),
                event.hasFee(), event.paperResult(), event.simplified(), event.legalDays());
    }

    /** Whether an online service (full or partial) is published: the numerator of Q3.1. */
    public boolean hasOnlineService() {
        return onlineService != OnlineService.NONE;
    }

    /** Whether a full-process online service is published: the numerator of P3 among eligible procedures. */
    public boolean hasFullProcessService() {
        return onlineService == OnlineService.FULL;
    }

    private static void requireText(String value, String what, String code) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("procedure " + (code == null ? "" : code + " ") + what + " is missing");
        }
    }
}
