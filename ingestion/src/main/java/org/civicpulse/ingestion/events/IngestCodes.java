package org.civicpulse.ingestion.events;

/** Per-line rejection codes that ingestion adds to the domain's {@code ProblemCode}s. Stable strings. */
public final class IngestCodes {

    /** The event's {@code source} is not the source of the caller's token. Field {@code source}. */
    public static final String SOURCE_MISMATCH = "SOURCE_MISMATCH";
    /** The caller's source may not send this event type (e.g. catalog.* from anyone but the catalogue source). Field {@code type}. */
    public static final String FORBIDDEN_TYPE = "FORBIDDEN_TYPE";

    /** A catalogue CSV row is malformed (unclosed quote, more cells than header columns). Field null. */
    public static final String MALFORMED_CSV = "MALFORMED_CSV";

    private IngestCodes() {
    }
}
