package org.civicpulse.streaming.functions;

import org.civicpulse.domain.event.Event;
import org.civicpulse.domain.event.EventCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-reads an event kept in keyed state. Events in state were valid when they arrived; if a later
 * version of the domain codec rejects one (stricter validation after an upgrade), it is skipped with
 * a warning instead of failing every update of its key — and so the job — forever.
 */
final class StoredEvents {

    private static final Logger LOG = LoggerFactory.getLogger(StoredEvents.class);

    private StoredEvents() {
    }

    /** The stored event as {@code type}, or null (logged) if it no longer parses as one. */
    static <T extends Event> T parse(String id, String json, Class<T> type) {
        try {
            Event e = EventCodec.lenient().fromJson(json);
            if (type.isInstance(e)) {
                return type.cast(e);
            }
            LOG.warn("ignoring stored event {}: a {}, expected a {}", id, e.type().wire(), type.getSimpleName());
        } catch (IllegalArgumentException e) {
            LOG.warn("ignoring stored event {} that no longer parses: {}", id, e.getMessage());
        }
        return null;
    }
}
