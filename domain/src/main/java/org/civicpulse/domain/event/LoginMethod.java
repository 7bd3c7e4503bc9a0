package org.civicpulse.domain.event;

/** How a user signed in to the portal ({@code portal.login.method}). JSON spelling = the constant name ({@value #ALLOWED}). */
public enum LoginMethod implements WireEnum {
    VNEID,
    CITY_SSO,
    LOCAL;

    /** The accepted JSON spellings, in declaration order, for messages. */
    public static final String ALLOWED = "VNEID, CITY_SSO, LOCAL";

    private static final LoginMethod[] VALUES = values();

    @Override
    public String wire() {
        return name();
    }

    /**
     * The constant spelled {@code wire} in JSON (exact, case-sensitive).
     *
     * @throws IllegalArgumentException if {@code wire} is null or not one of {@value #ALLOWED}
     */
    public static LoginMethod fromWire(String wire) {
        return WireEnum.require(VALUES, wire, "LoginMethod", ALLOWED);
    }

    /** Like {@link #fromWire(String)} but answers null for an unknown or null spelling. */
    public static LoginMethod fromWireOrNull(String wire) {
        return WireEnum.find(VALUES, wire);
    }
}
