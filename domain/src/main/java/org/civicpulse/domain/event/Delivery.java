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
        Delivery v = fromWireOrNull(wire);
        if (v == null) {
            throw new IllegalArgumentException("Delivery must be one of " + ALLOWED + ", got "
                    + (wire == null ? "null" : "\"" + wire + "\""));
        }
        return v;
    }

    /** Like {@link #fromWire(String)} but answers null for an unknown or null spelling. */
    public static Delivery fromWireOrNull(String wire) {
        if (wire != null) {
            for (Delivery v : VALUES) {
                if (v.name().equals(wire)) {
                    return v;
                }
            }
        }
        return null;
    }
}
