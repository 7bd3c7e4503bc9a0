package org.civicpulse.domain.event;

/** How a dossier was submitted ({@code dossier.received.channel}). JSON spelling = the constant name ({@value #ALLOWED}). */
public enum Channel implements WireEnum {
    ONLINE,
    DIRECT,
    POSTAL;

    /** The accepted JSON spellings, in declaration order, for messages. */
    public static final String ALLOWED = "ONLINE, DIRECT, POSTAL";

    private static final Channel[] VALUES = values();

    @Override
    public String wire() {
        return name();
    }

    /**
     * The constant spelled {@code wire} in JSON (exact, case-sensitive).
     *
     * @throws IllegalArgumentException if {@code wire} is null or not one of {@value #ALLOWED}
     */
    public static Channel fromWire(String wire) {
        return WireEnum.require(VALUES, wire, "Channel", ALLOWED);
    }

    /** Like {@link #fromWire(String)} but answers null for an unknown or null spelling. */
    public static Channel fromWireOrNull(String wire) {
        return WireEnum.find(VALUES, wire);
    }
}
