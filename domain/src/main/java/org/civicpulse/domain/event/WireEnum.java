package org.civicpulse.domain.event;

/**
 * An enum of the event contract whose constants have a JSON spelling ({@link #wire()}).
 * Every implementing enum also has a static {@code fromWire(String)} that throws
 * {@link IllegalArgumentException} for an unknown spelling, and a static {@code fromWireOrNull(String)}.
 */
public interface WireEnum {

    /** The spelling of this constant in event JSON (exact, case-sensitive). */
    String wire();

    /** The constant of {@code values} spelled {@code wire} (exact, case-sensitive); null for an unknown or null spelling. */
    static <E extends WireEnum> E find(E[] values, String wire) {
        if (wire != null) {
            for (E v : values) {
                if (v.wire().equals(wire)) {
                    return v;
                }
            }
        }
        return null;
    }

    /**
     * As {@link #find}, but an unknown or null spelling is an {@link IllegalArgumentException} naming
     * the type and the {@code allowed} spellings.
     */
    static <E extends WireEnum> E require(E[] values, String wire, String type, String allowed) {
        E v = find(values, wire);
        if (v == null) {
            throw new IllegalArgumentException(type + " must be one of " + allowed + ", got "
                    + (wire == null ? "null" : "\"" + wire + "\""));
        }
        return v;
    }
}
