package org.civicpulse.ingestion.events;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Finds the elements of a JSON array body and hands each element's exact bytes on, so that the text of
 * an accepted event goes to Kafka as sent. Element numbers are 1-based. A single JSON object as the
 * whole body counts as an array of one.
 */
final class JsonArraySplitter {

    private static final JsonFactory JSON = new JsonFactory();

    interface ElementHandler {
        void element(long index, byte[] bytes, int off, int len) throws IOException;
    }

    /** The body is not a JSON array (or object): nothing of it can be read as events. */
    static final class NotAnArrayException extends Exception {
        NotAnArrayException(String message) {
            super(message, null, false, false);
        }
    }

    private JsonArraySplitter() {
    }

    static void split(byte[] body, int off, int len, ElementHandler handler) throws IOException, NotAnArrayException {
        if (Utf8.startsWithBom(body, off, len)) {
            off += 3;
            len -= 3;
        }
        long index = 0;
        try (JsonParser p = JSON.createParser(body, off, len)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return; // empty body: no events
            }
            if (first == JsonToken.START_OBJECT) {
                index = 1;
                int start = off + (int) p.currentTokenLocation().getByteOffset();
                p.skipChildren();
                int end = off + (int) p.currentLocation().getByteOffset();
                expectEnd(p);
                handler.element(1, body, start, end - start);
                return;
            }
            if (first != JsonToken.START_ARRAY) {
                throw new NotAnArrayException("the body must be a JSON array of events (or NDJSON with Content-Type "
                        + "application/x-ndjson), but it starts with " + (first.asString() != null ? first.asString() : first.name()));
            }
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == null) {
                    throw new NotAnArrayException("the JSON array is not closed (after element " + index + ")");
                }
                index++;
                int start = off + (int) p.currentTokenLocation().getByteOffset();
                if (t.isStructStart()) {
                    p.skipChildren();
                } else {
                    p.finishToken();
                }
                int end = off + (int) p.currentLocation().getByteOffset();
                handler.element(index, body, start, end - start);
            }
            expectEnd(p);
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? ""
                    : ", line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new NotAnArrayException("the body is not a well-formed JSON array (at element " + Math.max(index, 1)
                    + where + "): " + e.getOriginalMessage());
        }
    }

    private static void expectEnd(JsonParser p) throws IOException, NotAnArrayException {
        JsonToken extra = p.nextToken();
        if (extra != null) {
            throw new NotAnArrayException("unexpected content after the end of the JSON value: " + extra.asString());
        }
    }
}
