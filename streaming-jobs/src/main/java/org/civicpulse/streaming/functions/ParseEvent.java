package org.civicpulse.streaming.functions;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.civicpulse.domain.event.Event;
import org.civicpulse.domain.event.EventCodec;
import org.civicpulse.domain.event.ParseResult;
import org.civicpulse.streaming.model.EventEnvelope;
import org.civicpulse.streaming.model.RawEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka record (JSON text + Kafka timestamp) → {@link EventEnvelope}. Uses the domain codec without
 * the future-time check (ingestion already validated the event when it arrived).
 *
 * <p>A record that does not parse should not exist (ingestion validated it); if one does, it is
 * counted in the {@code unparseableEvents} metric, logged (the first 100, then every 1000th) and
 * dropped: it never fails the job.
 */
public class ParseEvent extends ProcessFunction<RawEvent, EventEnvelope> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ParseEvent.class);

    private transient Counter unparseable;
    private transient Counter parsed;

    @Override
    public void open(OpenContext openContext) {
        unparseable = getRuntimeContext().getMetricGroup().counter("unparseableEvents");
        parsed = getRuntimeContext().getMetricGroup().counter("parsedEvents");
    }

    @Override
    public void processElement(RawEvent raw, Context ctx, Collector<EventEnvelope> out) {
        ParseResult result;
        try {
            result = EventCodec.lenient().parse(raw.json);
        } catch (RuntimeException e) { // the codec reports problems as results; be safe anyway
            reject(raw, e.toString());
            return;
        }
        if (!result.ok()) {
            reject(raw, result.describeProblems());
            return;
        }
        Event event = result.event();
        parsed.inc();
        out.collect(EventEnvelope.of(event, raw.json, raw.kafkaTimestamp));
    }

    /** Records dropped so far by this instance (for tests; the metric is {@code unparseableEvents}). */
    long unparseableCount() {
        return unparseable.getCount();
    }

    private void reject(RawEvent raw, String why) {
        unparseable.inc();
        long n = unparseable.getCount();
        if (n <= 100 || n % 1000 == 0) {
            String json = raw.json == null ? "null"
                    : raw.json.length() > 500 ? raw.json.substring(0, 500) + "…" : raw.json;
            LOG.warn("dropping unparseable event #{} from {}: {}; record: {}", n, raw.origin, why, json);
        }
    }
}
