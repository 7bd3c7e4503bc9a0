package org.civicpulse.ingestion.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.civicpulse.domain.event.Event;
import org.civicpulse.domain.event.EventCodec;
import org.civicpulse.domain.event.EventType;
import org.civicpulse.domain.event.ParseResult;
import org.civicpulse.domain.event.Problem;
import org.civicpulse.domain.event.ProblemCode;
import org.civicpulse.ingestion.IngestionProperties;
import org.civicpulse.ingestion.auth.SourceCredential;
import org.civicpulse.ingestion.kafka.BrokerUnavailableException;
import org.civicpulse.ingestion.kafka.EventPublisher;
import org.springframework.stereotype.Component;

/**
 * The one validation + publish path of every ingestion endpoint. A {@link Batch} is one request:
 * lines are validated as they are read ({@link EventCodec}, then source, type permission and in-request
 * duplicate id), accepted events become records for the events topic (key = aggregate id, value = the
 * line's text unchanged, headers {@code type} and {@code source}), rejected lines dead letters; then
 * {@link Batch#publish()} sends everything and waits for Kafka's acknowledgements.
 */
@Component
public class EventIngestor {

    private static final JsonFactory JSON = new JsonFactory();
    /** The {@code type} header of each event type; header objects are immutable and shared by all records. */
    private static final Map<EventType, Header> TYPE_HEADERS = new EnumMap<>(EventType.class);
    /** A dead letter stays below Kafka's default 1 MiB record limit: its payload is cut if needed. */
    static final int MAX_DEAD_LETTER_BYTES = 900 * 1024;

    static {
        for (EventType t : EventType.values()) {
            TYPE_HEADERS.put(t, new RecordHeader("type", t.wire().getBytes(StandardCharsets.UTF_8)));
        }
    }

    private final EventCodec codec;
    private final EventPublisher publisher;
    private final IngestionProperties props;
    private final Clock clock;

    public EventIngestor(EventPublisher publisher, IngestionProperties props) {
        this.clock = Clock.systemUTC();
        this.codec = new EventCodec(clock, props.futureTolerance());
        this.publisher = publisher;
        this.props = props;
        if (props.maxEventSize().toBytes() > MAX_DEAD_LETTER_BYTES) {
            throw new IllegalStateException("civicpulse.ingestion.max-event-size " + props.maxEventSize()
                    + " is above what one Kafka record takes by default (about 1 MiB); keep it ≤ 900KB");
        }
    }

    /** The largest event (line, array element, catalogue row) in bytes; larger ones are rejected as TOO_LONG. */
    public int maxEventBytes() {
        return (int) Math.min(Integer.MAX_VALUE - 16, props.maxEventSize().toBytes());
    }

    /** Fails fast (503) when Kafka is not ready, before the body is read. */
    public void checkReady() throws BrokerUnavailableException {
        publisher.checkReady();
    }

    /**
     * A new request.
     *
     * @param fieldNames maps the codec's JSON field names to what the caller knows (CSV column names); identity for JSON
     */
    public Batch newBatch(SourceCredential caller, UnaryOperator<String> fieldNames) {
        return new Batch(caller, fieldNames);
    }

    /** One request's lines. Not thread-safe. */
    public final class Batch {
        private final SourceCredential caller;
        private final UnaryOperator<String> fieldNames;
        private final String receivedAt;
        private final Header sourceHeader;
        private final List<ProducerRecord<String, String>> records = new ArrayList<>();
        private final HashSet<String> acceptedIds = new HashSet<>();
        private final List<LineError> errors = new ArrayList<>();
        private boolean errorsTruncated;
        private int accepted;
        private int rejected;

        private Batch(SourceCredential caller, UnaryOperator<String> fieldNames) {
            this.caller = caller;
            this.fieldNames = fieldNames;
            this.receivedAt = Instant.now(clock).toString();
            this.sourceHeader = new RecordHeader("source", caller.sourceBytes());
        }

        public int accepted() {
            return accepted;
        }

        public int rejected() {
            return rejected;
        }

        /**
         * Validates one event's JSON text and queues it (accepted) or its dead letter (rejected).
         *
         * @param line    number reported back (physical line, array index, CSV line)
         * @param json    the event's JSON text; becomes the record value unchanged when accepted
         * @param payload what the dead letter carries as the original (the CSV record for catalogue rows)
         */
        public void add(long line, String json, String payload) {
            add(line, json, payload, List.of());
        }

        /**
         * Like {@link #add(long, String, String)}, with problems the caller found before building the JSON
         * (e.g. a CSV cell that is no number); they reject the line together with the codec's findings
         * (the codec's problems for the same fields are left out).
         */
        public void add(long line, String json, String payload, List<Problem> earlier) {
            ParseResult r = codec.parse(json);
            if (!earlier.isEmpty()) {
                List<Problem> all = new ArrayList<>(earlier);
                for (Problem p : r.problems()) {
                    if (earlier.stream().noneMatch(e -> Objects.equals(e.field(), p.field()))) {
                        all.add(p);
                    }
                }
                reject(line, r.id(), all, payload, false);
                return;
            }
            if (!r.ok()) {
                reject(line, r.id(), r.problems(), payload, false);
                return;
            }
            Event e = r.event();
            if (!e.source().equals(caller.source())) {
                reject(line, e.id(), List.of(new Problem("source", IngestCodes.SOURCE_MISMATCH,
                        "source \"" + e.source() + "\" does not match the caller's token, which belongs to source \""
                                + caller.source() + "\"")), payload, false);
                return;
            }
            if (!caller.policy().allows(e.type())) {
                reject(line, e.id(), List.of(new Problem("type", IngestCodes.FORBIDDEN_TYPE,
                        "source \"" + caller.source() + "\" may not send " + e.type().wire() + " events (allowed: "
                                + caller.policy() + ")")), payload, false);
                return;
            }
            if (!acceptedIds.add(e.id())) {
                reject(line, e.id(), List.of(new Problem("id", ProblemCode.DUPLICATE_ID,
                        "id \"" + e.id() + "\" was already sent earlier in this request")), payload, false);
                return;
            }
            RecordHeaders headers = new RecordHeaders(new Header[] {TYPE_HEADERS.get(e.type()), sourceHeader});
            records.add(new ProducerRecord<>(publisher.eventsTopic(), null, null, e.aggregateId(), json, headers));
            accepted++;
        }

        /** Rejects a line that could not even be handed to the codec (too long, not UTF-8). */
        public void reject(long line, Problem problem, String payload, boolean payloadTruncated) {
            reject(line, null, List.of(problem), payload, payloadTruncated);
        }

        private void reject(long line, String id, List<Problem> problems, String payload, boolean payloadTruncated) {
            rejected++;
            for (Problem p : problems) {
                if (errors.size() < props.maxReportedErrors()) {
                    errors.add(new LineError(line, id, p.code(), fieldNames.apply(p.field()), p.message()));
                } else {
                    errorsTruncated = true;
                }
            }
            RecordHeaders headers = new RecordHeaders(new Header[] {sourceHeader});
            String value = deadLetter(line, id, problems, payload, payloadTruncated);
            // escaping can make a dead letter much larger than its payload (\u0000 is 6 bytes for 1)
            for (int keep = payload.length(); utf8Length(value) > MAX_DEAD_LETTER_BYTES && keep > 0; ) {
                keep = keep / 2;
                value = deadLetter(line, id, problems, payload.substring(0, keep), true);
            }
            records.add(new ProducerRecord<>(publisher.rejectedTopic(), null, null, id, value, headers));
        }

        private static long utf8Length(String s) {
            if (s.length() * 3L <= MAX_DEAD_LETTER_BYTES) {
                return s.length(); // cannot be too long, no need to count
            }
            long n = 0;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                n += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
            }
            return n;
        }

        private String deadLetter(long line, String id, List<Problem> problems, String payload, boolean truncated) {
            StringWriter w = new StringWriter(payload.length() + 256);
            try (JsonGenerator g = JSON.createGenerator(w)) {
                g.writeStartObject();
                g.writeStringField("source", caller.source());
                g.writeNumberField("line", line);
                g.writeStringField("id", id);
                g.writeArrayFieldStart("errors");
                for (Problem p : problems) {
                    g.writeStartObject();
                    g.writeStringField("field", fieldNames.apply(p.field()));
                    g.writeStringField("code", p.code());
                    g.writeStringField("message", p.message());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeStringField("payload", payload);
                if (truncated) {
                    g.writeBooleanField("payloadTruncated", true);
                }
                g.writeStringField("receivedAt", receivedAt);
                g.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return w.toString();
        }

        /** Sends every queued record and waits for Kafka; the answer counts only once all were acknowledged. */
        public IngestResult publish() throws BrokerUnavailableException {
            publisher.publishAll(records);
            return new IngestResult(accepted, rejected, errors, errorsTruncated ? Boolean.TRUE : null);
        }
    }
}
