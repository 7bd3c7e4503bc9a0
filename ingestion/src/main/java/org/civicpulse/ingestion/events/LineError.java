package org.civicpulse.ingestion.events;

/**
 * One problem of one rejected line, as answered to the caller.
 *
 * @param line    1-based physical line (NDJSON), array index (JSON array) or CSV line of the record
 * @param id      the event id as far as it could be read, else null
 * @param code    a {@code ProblemCode} or {@link IngestCodes} value
 * @param field   the field (CSV: the column) concerned, or null for the whole line
 * @param message human explanation
 */
public record LineError(long line, String id, String code, String field, String message) {
}
