package org.civicpulse.domain.event;

import java.util.HashMap;
import java.util.Map;
import java.util.StringJoiner;

/** The {@code type} of an event; {@link #wire()} is its JSON spelling, e.g. {@code dossier.received}. */
public enum EventType implements WireEnum {
    DOSSIER_RECEIVED("dossier.received", Family.DOSSIER),
    DOSSIER_SUPPLEMENT_REQUESTED("dossier.supplement_requested", Family.DOSSIER),
    DOSSIER_SUPPLEMENT_RECEIVED("dossier.supplement_received", Family.DOSSIER),
    DOSSIER_PAID("dossier.paid", Family.DOSSIER),
    DOSSIER_COMPLETED("dossier.completed", Family.DOSSIER),
    DOSSIER_RETURNED("dossier.returned", Family.DOSSIER),
    DOSSIER_RATED("dossier.rated", Family.DOSSIER),
    DOSSIER_WITHDRAWN("dossier.withdrawn", Family.DOSSIER),
    FEEDBACK_RECEIVED("feedback.received", Family.FEEDBACK),
    FEEDBACK_ANSWERED("feedback.answered", Family.FEEDBACK),
    PORTAL_LOGIN("portal.login", Family.LOGIN),
    DOCUMENT_PROCESSED("document.processed", Family.DOCUMENT),
    SERVICE_PROBE("service.probe", Family.PROBE),
    REPORT_SUBMITTED("report.submitted", Family.REPORT),
    REPORT_APPROVED("report.approved", Family.REPORT),
    REPORT_RETURNED("report.returned", Family.REPORT),
    CATALOG_UNIT("catalog.unit", Family.CATALOG),
    CATALOG_PROCEDURE("catalog.procedure", Family.CATALOG),
    CATALOG_MERGER("catalog.merger", Family.CATALOG);

    /** Groups of event types; the part of the wire name before the dot, roughly. */
    public enum Family { DOSSIER, FEEDBACK, LOGIN, DOCUMENT, PROBE, REPORT, CATALOG }

    /** All wire names, comma-separated in declaration order, for messages. */
    public static final String ALLOWED;

    private static final Map<String, EventType> BY_WIRE = new HashMap<>();

    static {
        StringJoiner all = new StringJoiner(", ");
        for (EventType t : values()) {
            BY_WIRE.put(t.wire, t);
            all.add(t.wire);
        }
        ALLOWED = all.toString();
    }

    private final String wire;
    private final Family family;

    EventType(String wire, Family family) {
        this.wire = wire;
        this.family = family;
    }

    @Override
    public String wire() {
        return wire;
    }

    public Family family() {
        return family;
    }

    /**
     * The type spelled {@code wire} in JSON (exact, case-sensitive), e.g. {@code "dossier.paid"}.
     *
     * @throws IllegalArgumentException if {@code wire} is null or not a known type
     */
    public static EventType fromWire(String wire) {
        EventType t = fromWireOrNull(wire);
        if (t == null) {
            throw new IllegalArgumentException("unknown event type "
                    + (wire == null ? "null" : "\"" + wire + "\"") + "; known types: " + ALLOWED);
        }
        return t;
    }

    /** Like {@link #fromWire(String)} but answers null for an unknown or null spelling. */
    public static EventType fromWireOrNull(String wire) {
        return wire == null ? null : BY_WIRE.get(wire);
    }
}
