package org.civicpulse.domain.event;

import java.util.Objects;

/**
 * One reason an event is invalid.
 *
 * @param field   the JSON field concerned, e.g. {@code "occurredAt"}; null for problems with the
 *                whole document ({@link ProblemCode#MALFORMED_JSON}, {@link ProblemCode#NOT_AN_OBJECT})
 * @param code    one of the {@link ProblemCode} constants
 * @param message a specific, human message that names the field and the offending value
 */
public record Problem(String field, String code, String message) {

    public Problem {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return code + ": " + message;
    }
}
