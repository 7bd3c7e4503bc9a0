package org.civicpulse.domain.event;

/** Level of online service a procedure offers ({@code catalog.procedure.onlineService}). JSON spelling = the constant name ({@value #ALLOWED}). */
public enum OnlineService implements WireEnum {
    FULL,
    PARTIAL,
    NONE;

    /** The accepted JSON spellings, in declaration order, for messages. */
    public static final String ALLOWED = "FULL, PARTIAL, NONE";

    private static final OnlineService[] VALUES = values();

    @Override
    public String wire() {
        return name();
    }

    /**
     * The constant spelled {@code wire} in JSON (exact, case-sensitive).
     *
     * @throws IllegalArgumentException if {@code wire} is null or not one of {@value #ALLOWED}
     */
    public static OnlineService fromWire(String wire) {
        return WireEnum.require(VALUES, wire, "OnlineService", ALLOWED);
    }

    /** Like {@link #fromWire(String)} but answers null for an unknown or null spelling. */
    public static OnlineService fromWireOrNull(String wire) {
        return WireEnum.find(VALUES, wire);
    }
}
