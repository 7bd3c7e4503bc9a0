package org.civicpulse.domain.event;

/** How a dossier ended ({@code dossier.completed.outcome}). JSON spelling = the constant name ({@value #ALLOWED}). */
public enum Outcome implements WireEnum {
    APPROVED,
    REJECTED,
    STOPPED;

    /** The accepted JSON spellings, in declaration order, for messages. */
    public static final String ALLOWED = "APPROVED, REJECTED, STOPPED";

    private static final Outcome[] VALUES = values();

    @Override
    public String wire() {
        return name();
    }

    /**
     * The constant spelled {@code wire} in JSON (exact, case-sensitive).
     *
     * @throws IllegalArgumentException if {@code wire} is null or not one of {@value #ALLOWED}
     */
    public static Outcome fromWire(String wire) {
        return WireEnum.require(VALUES, wire, "Outcome", ALLOWED);
    }

    /** Like {@link #fromWire(String)} but answers null for an unknown or null spelling. */
    public static Outcome fromWireOrNull(String wire) {
        return WireEnum.find(VALUES, wire);
    }
}
