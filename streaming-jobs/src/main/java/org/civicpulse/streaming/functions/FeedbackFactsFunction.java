package org.civicpulse.streaming.functions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.civicpulse.domain.event.FeedbackEvent;
import org.civicpulse.streaming.model.EventEnvelope;
import org.civicpulse.streaming.model.FeedbackFact;

/**
 * Per-feedback state → {@code feedback_facts} rows. Keyed by feedback id. Keeps the distinct events
 * (event id → raw JSON), drops duplicates, and emits the recomputed row ({@link FeedbackHistory})
 * on every new event; version = number of distinct events, so it is deterministic and grows.
 */
public class FeedbackFactsFunction extends KeyedProcessFunction<String, EventEnvelope, FeedbackFact> {

    private static final long serialVersionUID = 1L;

    private transient MapState<String, String> events;
    private transient Counter duplicates;

    @Override
    public void open(OpenContext openContext) {
        events = getRuntimeContext().getMapState(new MapStateDescriptor<>("events", String.class, String.class));
        duplicates = getRuntimeContext().getMetricGroup().counter("duplicateFeedbackEvents");
    }

    @Override
    public void processElement(EventEnvelope in, Context ctx, Collector<FeedbackFact> out) throws Exception {
        if (events.contains(in.id)) {
            duplicates.inc();
            return;
        }
        if (!(in.event() instanceof FeedbackEvent)) {
            throw new IllegalArgumentException("not a feedback event: " + in);
        }
        events.put(in.id, in.json);
        List<FeedbackEvent> all = new ArrayList<>();
        for (Map.Entry<String, String> e : events.entries()) {
            FeedbackEvent ev = StoredEvents.parse(e.getKey(), e.getValue(), FeedbackEvent.class);
            if (ev != null) {
                all.add(ev);
            }
        }
        if (!all.isEmpty()) {
            out.collect(FeedbackHistory.fact(all));
        }
    }
}
