package org.civicpulse.domain.event;

/**
 * How much of the old unit a reorganisation row moves into the new one ({@code catalog.merger.mergeType}):
 * all of it, or a part (the old unit was split across several new ones). JSON spelling = the constant
 * name ({@value #ALLOWED}).
 */
public enum MergeType implements WireEnum {
    WHOLE,
    PART;

    /** The accepted JSON spellings, in declaration order, for messages. */
    public static final String ALLOWED = "WHOLE, PART";

    private static final MergeType[] VALUES = values();

    @Override
    public String wire() {
        return name();
    }

    /**
     * The constant spelled {@code wire} in JSON (exact, case-sensitive).
     *
     * @throws IllegalArgumentException if {@code wire} is null or not one of {@value #ALLOWED}
     */
    public static MergeType fromWire(String wire) {
        return WireEnum.require(VALUES, wire, "MergeType", ALLOWED);
    }

    /** Like {@link #fromWire(String)} but answers null for an unknown or null spelling. */
    public static MergeType fromWireOrNull(String wire) {
        return WireEnum.find(VALUES, wire);
    }
}
