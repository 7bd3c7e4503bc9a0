package org.civicpulse.domain.event;

import java.util.List;

/**
 * The answer of {@link EventCodec#parse(String)}: the event, or every problem found in it.
 *
 * @param event    the event when valid, else null
 * @param problems all problems found (empty when valid); unmodifiable
 * @param id       best-effort event id for error reports (the {@code id} field's text, cut to 128
 *                 chars), may be null even for a valid JSON object
 */
public record ParseResult(Event event, List<Problem> problems, String id) {

    public ParseResult {
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    public static ParseResult success(Event event) {
        return new ParseResult(event, List.of(), event.id());
    }

    public static ParseResult failure(List<Problem> problems, String id) {
        return new ParseResult(null, problems, id);
    }

    public boolean ok() {
        return event != null && problems.isEmpty();
    }

    /** The problems as one line, {@code "field: message; field: message"}, for logs and dead letters. */
    public String describeProblems() {
        return InvalidEventException.describe(problems);
    }
}
