package org.civicpulse.domain.event;

/** How a result was handed back ({@code dossier.returned.delivery}). JSON spelling = the constant name ({@value #ALLOWED}). */
public enum Delivery implements WireEnum {
    ONLINE,
    POSTAL,
    DIRECT;

    /** The accepted JSON spellings, in declaration order, for messages. */
    public static final String ALLOWED = "ONLINE, POSTAL, DIRECT";

    private static final Delivery[] VALUES = values();

    @Override
    public String wire() {
        return name();
    }

    /**
     * The constant spelled {@code wire} in JSON (exact, case-sensitive).
     *
     * @throws IllegalArgumentException if {@code wire} is null or not one of {@value #ALLOWED}
     */
    public static Delivery fromWire(String wire) {
        return WireEnum.require(VALUES, wire, "Delivery", ALLOWED);
    }

    /** Like {@link #fromWire(String)} but answers null for an unknown or null spelling. */
    public static Delivery fromWireOrNull(String wire) {
        return WireEnum.find(VALUES, wire);
    }
}
