package org.civicpulse.streaming.functions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.civicpulse.domain.event.DossierEvent;
import org.civicpulse.domain.event.DossierReceived;
import org.civicpulse.domain.event.Event;
import org.civicpulse.streaming.model.DossierFact;
import org.civicpulse.streaming.model.EventEnvelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-dossier state → {@code dossier_facts} rows. Keyed by dossier id.
 *
 * <p>State: the dossier's distinct events (event id → raw JSON; a dossier has a handful), the id of
 * the accepted {@code dossier.received}, the ids of ignored conflicting receipts, the last emitted
 * version and the pending overdue timer. On every new event the fact is recomputed from all events
 * in event-time order ({@link DossierHistory}), so arrival order does not matter.
 *
 * <ul>
 *   <li>Duplicates (same event id) are dropped and counted.</li>
 *   <li>Nothing is emitted before the dossier's {@code dossier.received} arrives: earlier events
 *       wait in state. The first receipt seen wins for good (received_at decides the row's
 *       ClickHouse partition); a later receipt with another id is ignored, logged and counted.</li>
 *   <li>Overdue: an event-time timer at the effective due time (+1 ms) flips {@code overdue_now};
 *       it is moved when a supplement pause closes and dropped on completion, withdrawal or an open
 *       pause. A fact is emitted whenever its version grows.</li>
 *   <li>{@code version = event_count * 2 + overdue_now}: the same events (and overdue flag) always
 *       give the same version and the same row, and each emission has a larger version than the last.</li>
 * </ul>
 */
public class DossierFactsFunction extends KeyedProcessFunction<String, EventEnvelope, DossierFact> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(DossierFactsFunction.class);

    private transient MapState<String, String> events;
    private transient ValueState<String> receivedId;
    private transient MapState<String, Boolean> ignoredIds;
    private transient ValueState<Long> emittedVersion;
    private transient ValueState<Long> overdueTimer;

    private transient Counter duplicates;
    private transient Counter conflictingReceipts;
    private transient Counter overdueFlips;

    @Override
    public void open(OpenContext openContext) {
        events = getRuntimeContext().getMapState(new MapStateDescriptor<>("events", String.class, String.class));
        receivedId = getRuntimeContext().getState(new ValueStateDescriptor<>("receivedId", String.class));
        ignoredIds = getRuntimeContext().getMapState(new MapStateDescriptor<>("ignoredIds", String.class, Boolean.class));
        emittedVersion = getRuntimeContext().getState(new ValueStateDescriptor<>("emittedVersion", Long.class));
        overdueTimer = getRuntimeContext().getState(new ValueStateDescriptor<>("overdueTimer", Long.class));
        duplicates = getRuntimeContext().getMetricGroup().counter("duplicateDossierEvents");
        conflictingReceipts = getRuntimeContext().getMetricGroup().counter("conflictingDossierReceipts");
        overdueFlips = getRuntimeContext().getMetricGroup().counter("overdueDossiers");
    }

    @Override
    public void processElement(EventEnvelope in, Context ctx, Collector<DossierFact> out) throws Exception {
        if (events.contains(in.id) || ignoredIds.contains(in.id)) {
            duplicates.inc();
            return;
        }
        Event event = in.event();
        if (!(event instanceof DossierEvent)) {
            throw new IllegalArgumentException("not a dossier event: " + in);
        }
        if (event instanceof DossierReceived r) {
            String accepted = receivedId.value();
            if (accepted != null) {
                ignoredIds.put(in.id, Boolean.TRUE);
                conflictingReceipts.inc();
                LOG.warn("dossier {}: ignoring dossier.received {} (occurredAt {}); {} was received first and its "
                        + "received_at stays", r.dossierId(), r.id(), r.occurredAt(), accepted);
                return;
            }
            receivedId.update(in.id);
        }
        events.put(in.id, in.json);
        update(ctx.getCurrentKey(), ctx.timerService(), out);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<DossierFact> out) throws Exception {
        Long pending = overdueTimer.value();
        if (pending != null && pending == timestamp) {
            overdueTimer.clear();
        }
        update(ctx.getCurrentKey(), ctx.timerService(), out);
    }

    private void update(String dossierId, TimerService timers, Collector<DossierFact> out) throws Exception {
        String rid = receivedId.value();
        if (rid == null) {
            return; // buffered until dossier.received arrives
        }
        List<DossierEvent> all = new ArrayList<>();
        DossierReceived received = null;
        for (Map.Entry<String, String> e : events.entries()) {
            DossierEvent ev = StoredEvents.parse(e.getKey(), e.getValue(), DossierEvent.class);
            if (ev == null) {
                continue;
            }
            all.add(ev);
            if (e.getKey().equals(rid)) {
                received = (DossierReceived) ev;
            }
        }
        if (received == null) {
            LOG.warn("dossier {}: its dossier.received {} cannot be read back from state; no fact emitted",
                    dossierId, rid);
            return;
        }
        DossierHistory history = DossierHistory.of(received, all);
        long watermark = timers.currentWatermark();
        DossierFact fact = history.fact(watermark);

        Long last = emittedVersion.value();
        if (last == null || fact.version() > last) {
            if (fact.overdueNow() && (last == null || (last & 1) == 0)) {
                overdueFlips.inc();
            }
            out.collect(fact);
            emittedVersion.update(fact.version());
        }

        Long wanted = history.overdueTimer(watermark);
        Long pending = overdueTimer.value();
        if (pending != null && !pending.equals(wanted)) {
            timers.deleteEventTimeTimer(pending);
            overdueTimer.clear();
        }
        if (wanted != null && !wanted.equals(pending)) {
            timers.registerEventTimeTimer(wanted);
            overdueTimer.update(wanted);
        }
    }
}
