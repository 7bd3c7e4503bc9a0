package org.civicpulse.domain.event;

/** The {@link Problem#code()} values. Stable strings: they appear in ingestion's API answers and dead letters. */
public final class ProblemCode {

    /** The text is not JSON (or has trailing garbage, or a duplicate key). Field null. */
    public static final String MALFORMED_JSON = "MALFORMED_JSON";
    /** The JSON value is not an object (array, string, number, ...). Field null. */
    public static final String NOT_AN_OBJECT = "NOT_AN_OBJECT";
    /** A required field is absent or null. */
    public static final String MISSING_FIELD = "MISSING_FIELD";
    /** A field has the wrong JSON type, e.g. {@code "true"} (a string) for a boolean, 5 for a string, 4.5 for an integer. */
    public static final String WRONG_TYPE = "WRONG_TYPE";
    /** A field has the right type but a value outside its rules (enum spelling, range, blank string, date order, ...). */
    public static final String INVALID_VALUE = "INVALID_VALUE";
    /** {@code type} is not one of the known event types. */
    public static final String UNKNOWN_TYPE = "UNKNOWN_TYPE";
    /** A date-time has no UTC offset ({@code 2026-11-01T10:00:00} instead of {@code 2026-11-01T10:00:00+07:00}). */
    public static final String TIME_WITHOUT_OFFSET = "TIME_WITHOUT_OFFSET";
    /** {@code occurredAt} is later than now plus the codec's tolerance. */
    public static final String FUTURE_TIME = "FUTURE_TIME";
    /** A string is longer than its limit (id: 128 chars). */
    public static final String TOO_LONG = "TOO_LONG";
    /** The same id appears twice in one request (not produced by the codec; ingestion uses it). */
    public static final String DUPLICATE_ID = "DUPLICATE_ID";

    private ProblemCode() {
    }
}
