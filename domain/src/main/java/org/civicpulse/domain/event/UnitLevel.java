package org.civicpulse.domain.event;

/** Level of an org unit in the hierarchy ({@code catalog.unit.level}). JSON spelling = the constant name ({@value #ALLOWED}). */
public enum UnitLevel implements WireEnum {
    CITY,
    DEPARTMENT,
    DISTRICT,
    COMMUNE;

    /** The accepted JSON spellings, in declaration order, for messages. */
    public static final String ALLOWED = "CITY, DEPARTMENT, DISTRICT, COMMUNE";

    private static final UnitLevel[] VALUES = values();

    @Override
    public String wire() {
        return name();
    }

    /**
     * The constant spelled {@code wire} in JSON (exact, case-sensitive).
     *
     * @throws IllegalArgumentException if {@code wire} is null or not one of {@value #ALLOWED}
     */
    public static UnitLevel fromWire(String wire) {
        return WireEnum.require(VALUES, wire, "UnitLevel", ALLOWED);
    }

    /** Like {@link #fromWire(String)} but answers null for an unknown or null spelling. */
    public static UnitLevel fromWireOrNull(String wire) {
        return WireEnum.find(VALUES, wire);
    }
}
