package org.civicpulse.streaming.functions;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;
import org.civicpulse.streaming.EventTimes;
import org.civicpulse.streaming.model.RawEvent;
import org.civicpulse.streaming.model.RejectedEvent;
import org.civicpulse.streaming.model.TableRow;
import org.civicpulse.streaming.rows.FactRows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A dead letter of the rejected topic → its {@code rejected_events} row.
 *
 * <p>Ingestion's dead letter is a JSON object {@code {"source","line","id","errors":[{"field","code",
 * "message"}],"payload","payloadTruncated"?,"receivedAt"}}. The row takes: {@code dead_letter_id} = the
 * record's Kafka coordinates ({@link RawEvent#origin}, {@code topic-partition@offset}: a replay writes the
 * same row again), {@code source}, {@code unit} = the {@code unit} of the rejected line (see
 * {@link #unitOf}), {@code received_at} = {@code receivedAt} (the Kafka timestamp when it is missing),
 * the error codes in order, and the payload.
 *
 * <p>A record that is no readable dead letter (not a JSON object with an {@code errors} array) still
 * becomes a row, never dropped: source and unit {@code ""}, the single error
 * {@value #UNREADABLE_DEAD_LETTER}, the record's text as payload, the Kafka timestamp as
 * {@code received_at}. Such records are counted in the {@code unreadableDeadLetters} metric and logged
 * (the first 100, then every 1000th); they never fail the job.
 */
public class DeadLetterRows extends RichMapFunction<RawEvent, TableRow> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterRows.class);

    /** The error code of a row whose record could not be read as a dead letter. */
    public static final String UNREADABLE_DEAD_LETTER = "UNREADABLE_DEAD_LETTER";

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();
    private static final JsonFactory JSON = new JsonFactory();

    private transient Counter deadLetters;
    private transient Counter unreadable;

    @Override
    public void open(OpenContext openContext) {
        deadLetters = getRuntimeContext().getMetricGroup().counter("deadLetters");
        unreadable = getRuntimeContext().getMetricGroup().counter("unreadableDeadLetters");
    }

    @Override
    public TableRow map(RawEvent raw) {
        deadLetters.inc();
        RejectedEvent r = read(raw);
        if (r == null) {
            r = unreadable(raw);
            report(raw);
        }
        return FactRows.rejectedEvent(r);
    }

    /** Records written as {@value #UNREADABLE_DEAD_LETTER} so far by this instance (for tests; the metric is {@code unreadableDeadLetters}). */
    long unreadableCount() {
        return unreadable.getCount();
    }

    /** What {@link #map} writes for a record, without metrics: its dead letter, or the unreadable row. */
    static RejectedEvent rejectedEvent(RawEvent raw) {
        RejectedEvent r = read(raw);
        return r != null ? r : unreadable(raw);
    }

    /** The row of a readable dead letter; null when the record is no JSON object with an {@code errors} array. */
    static RejectedEvent read(RawEvent raw) {
        JsonNode d;
        try {
            d = raw.json == null ? null : MAPPER.readTree(raw.json);
        } catch (IOException e) {
            return null;
        }
        if (d == null || !d.isObject() || !d.path("errors").isArray()) {
            return null;
        }
        List<String> codes = new ArrayList<>();
        for (JsonNode error : d.get("errors")) {
            JsonNode code = error.path("code");
            if (code.isTextual()) {
                codes.add(code.asText());
            }
        }
        String payload = text(d.path("payload"));
        Long receivedAt = d.path("receivedAt").isTextual() ? EventTimes.parseRfc3339(d.get("receivedAt").asText()) : null;
        return new RejectedEvent(origin(raw), text(d.path("source")), unitOf(payload),
                receivedAt != null ? receivedAt : raw.kafkaTimestamp, codes, payload);
    }

    static RejectedEvent unreadable(RawEvent raw) {
        return new RejectedEvent(origin(raw), "", "", raw.kafkaTimestamp, List.of(UNREADABLE_DEAD_LETTER),
                raw.json == null ? "" : raw.json);
    }

    /**
     * The {@code unit} of a rejected line: the string value of its top-level {@code unit} field when the
     * whole line is one well-formed JSON object, else {@code ""} (broken or cut JSON, a CSV record of the
     * catalogue import, no such field, or not a string). Read with a streaming parser: nested values are
     * skipped, not built.
     */
    public static String unitOf(String line) {
        if (line == null || line.isEmpty()) {
            return "";
        }
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return "";
            }
            String unit = "";
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if ("unit".equals(name)) {
                    unit = v == JsonToken.VALUE_STRING ? p.getText() : "";
                } else {
                    p.skipChildren();
                }
            }
            // the object must close, and nothing may follow it
            return p.currentToken() == JsonToken.END_OBJECT && p.nextToken() == null ? unit : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static String origin(RawEvent raw) {
        return raw.origin == null ? "" : raw.origin;
    }

    private static String text(JsonNode n) {
        return n.isTextual() ? n.asText() : "";
    }

    private void report(RawEvent raw) {
        unreadable.inc();
        long n = unreadable.getCount();
        if (n <= 100 || n % 1000 == 0) {
            String json = raw.json == null ? "null"
                    : raw.json.length() > 500 ? raw.json.substring(0, 500) + "…" : raw.json;
            LOG.warn("unreadable dead letter #{} at {}, stored as {}: {}", n, raw.origin, UNREADABLE_DEAD_LETTER, json);
        }
    }
}
