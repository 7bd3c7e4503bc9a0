package org.civicpulse.domain.event;

/** Who submitted a dossier ({@code dossier.received.applicant}). JSON spelling = the constant name ({@value #ALLOWED}). */
public enum Applicant implements WireEnum {
    CITIZEN,
    BUSINESS;

    /** The accepted JSON spellings, in declaration order, for messages. */
    public static final String ALLOWED = "CITIZEN, BUSINESS";

    private static final Applicant[] VALUES = values();

    @Override
    public String wire() {
        return name();
    }

    /**
     * The constant spelled {@code wire} in JSON (exact, case-sensitive).
     *
     * @throws IllegalArgumentException if {@code wire} is null or not one of {@value #ALLOWED}
     */
    public static Applicant fromWire(String wire) {
        return WireEnum.require(VALUES, wire, "Applicant", ALLOWED);
    }

    /** Like {@link #fromWire(String)} but answers null for an unknown or null spelling. */
    public static Applicant fromWireOrNull(String wire) {
        return WireEnum.find(VALUES, wire);
    }
}
