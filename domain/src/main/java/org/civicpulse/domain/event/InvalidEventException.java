package org.civicpulse.domain.event;

import java.util.List;

/** Thrown by {@link EventCodec#fromJson(String)} for an invalid event; carries every problem. */
public final class InvalidEventException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;
    private final String eventId;

    public InvalidEventException(List<Problem> problems, String eventId) {
        super("invalid event" + (eventId == null ? "" : " " + eventId) + ": " + describe(problems));
        this.problems = List.copyOf(problems);
        this.eventId = eventId;
    }

    public List<Problem> problems() {
        return problems;
    }

    /** Best-effort id of the offending event, may be null. */
    public String eventId() {
        return eventId;
    }

    static String describe(List<Problem> problems) {
        StringBuilder sb = new StringBuilder();
        for (Problem p : problems) {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(p.code()).append(' ').append(p.message());
        }
        return sb.toString();
    }
}
