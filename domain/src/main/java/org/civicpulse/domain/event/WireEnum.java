package org.civicpulse.domain.event;

/**
 * An enum of the event contract whose constants have a JSON spelling ({@link #wire()}).
 * Every implementing enum also has a static {@code fromWire(String)} that throws
 * {@link IllegalArgumentException} for an unknown spelling, and a static {@code fromWireOrNull(String)}.
 */
public interface WireEnum {

    /** The spelling of this constant in event JSON (exact, case-sensitive). */
    String wire();
}
