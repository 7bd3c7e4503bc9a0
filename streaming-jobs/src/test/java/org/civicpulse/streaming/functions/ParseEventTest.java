package org.civicpulse.streaming.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civicpulse.streaming.TestEvents.days;
import static org.civicpulse.streaming.TestEvents.millis;

import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.civicpulse.domain.event.DossierPaid;
import org.civicpulse.streaming.TestEvents;
import org.civicpulse.streaming.model.EventEnvelope;
import org.civicpulse.streaming.model.RawEvent;
import org.junit.jupiter.api.Test;

class ParseEventTest {

    @Test
    void parsesAValidEventIntoItsEnvelope() throws Exception {
        DossierPaid paid = TestEvents.paid("p-1", "D-9", days(1), true, 25_000);
        String json = TestEvents.json(paid);
        try (OneInputStreamOperatorTestHarness<RawEvent, EventEnvelope> h =
                     ProcessFunctionTestHarnesses.forProcessFunction(new ParseEvent())) {
            h.processElement(new RawEvent(json, 1_234L, "t-0@7"), millis(days(1)));

            assertThat(h.extractOutputValues()).hasSize(1);
            EventEnvelope e = h.extractOutputValues().get(0);
            assertThat(e.id).isEqualTo("p-1");
            assertThat(e.type).isEqualTo("dossier.paid");
            assertThat(e.family).isEqualTo("DOSSIER");
            assertThat(e.aggregateId).isEqualTo("D-9");
            assertThat(e.unit).isEqualTo(TestEvents.UNIT);
            assertThat(e.source).isEqualTo("payment");
            assertThat(e.occurredAt).isEqualTo(millis(days(1)));
            assertThat(e.ingestedAt).isEqualTo(1_234L);
            assertThat(e.json).isEqualTo(json);
            assertThat(e.event()).isEqualTo(paid);
            // the record keeps its event timestamp
            assertThat(h.extractOutputStreamRecords().get(0).getTimestamp()).isEqualTo(millis(days(1)));
        }
    }

    @Test
    void dropsAndCountsUnparseableRecordsWithoutFailing() throws Exception {
        ParseEvent fn = new ParseEvent();
        try (OneInputStreamOperatorTestHarness<RawEvent, EventEnvelope> h = ProcessFunctionTestHarnesses.forProcessFunction(fn)) {
            h.processElement(new RawEvent("{not json", 1L, "t-0@1"), 1L);
            h.processElement(new RawEvent("{\"id\":\"x\",\"type\":\"dossier.paid\"}", 1L, "t-0@2"), 1L);
            h.processElement(new RawEvent(null, 1L, "t-0@3"), 1L);
            h.processElement(new RawEvent("[]", 1L, "t-0@4"), 1L);
            h.processElement(TestEvents.raw(TestEvents.login("l-1", days(0))), 1L);

            assertThat(h.extractOutputValues()).extracting(e -> e.id).containsExactly("l-1");
            assertThat(fn.unparseableCount()).isEqualTo(4);
        }
    }

    @Test
    void acceptsEventsFromTheFuture() throws Exception {
        try (OneInputStreamOperatorTestHarness<RawEvent, EventEnvelope> h =
                     ProcessFunctionTestHarnesses.forProcessFunction(new ParseEvent())) {
            h.processElement(TestEvents.raw(TestEvents.login("l-2", days(3650))), 1L);
            assertThat(h.extractOutputValues()).hasSize(1);
        }
    }
}
