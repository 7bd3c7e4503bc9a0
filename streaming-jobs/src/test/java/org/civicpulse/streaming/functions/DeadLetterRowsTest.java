package org.civicpulse.streaming.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civicpulse.streaming.TestEvents.days;
import static org.civicpulse.streaming.TestEvents.millis;

import java.util.List;
import org.apache.flink.streaming.api.operators.StreamMap;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.civicpulse.streaming.JobScenario;
import org.civicpulse.streaming.TestEvents;
import org.civicpulse.streaming.model.RawEvent;
import org.civicpulse.streaming.model.RejectedEvent;
import org.civicpulse.streaming.model.TableRow;
import org.civicpulse.streaming.rows.Tables;
import org.junit.jupiter.api.Test;

class DeadLetterRowsTest {

    @Test
    void aDeadLetterBecomesItsRow() {
        RawEvent d = TestEvents.deadLetter(41, "one-stop-shop", days(0.5), JobScenario.MISSING_DUE_AT, false,
                "MISSING_FIELD", "INVALID_VALUE");

        RejectedEvent r = DeadLetterRows.rejectedEvent(d);

        assertThat(r.deadLetterId()).isEqualTo("civicpulse.rejected.v1-0@41");
        assertThat(r.source()).isEqualTo("one-stop-shop");
        assertThat(r.unit()).isEqualTo(TestEvents.UNIT);
        assertThat(r.receivedAt()).isEqualTo(millis(days(0.5))); // receivedAt, not the Kafka timestamp
        assertThat(r.errorCodes()).containsExactly("MISSING_FIELD", "INVALID_VALUE");
        assertThat(r.firstError()).isEqualTo("MISSING_FIELD");
        assertThat(r.payload()).isEqualTo(JobScenario.MISSING_DUE_AT);
    }

    @Test
    void theUnitComesFromTheRejectedLineWhenItIsAJsonObjectThatNamesOne() {
        assertThat(DeadLetterRows.unitOf("{\"unit\":\"U-1\"}")).isEqualTo("U-1");
        assertThat(DeadLetterRows.unitOf(" {\"a\":{\"unit\":\"nested\"},\"b\":[1,{\"unit\":\"x\"}],\"unit\":\"U-2\",\"c\":{}}\n"))
                .isEqualTo("U-2");
        // broken or cut lines: no unit, even when the field came before the break
        assertThat(DeadLetterRows.unitOf("{\"id\":\"x\",\"unit\":\"U-3\",\"type\":")).isEmpty();
        assertThat(DeadLetterRows.unitOf("{\"unit\":\"U-4")).isEmpty();
        assertThat(DeadLetterRows.unitOf("{\"unit\":\"U-5\"} trailing")).isEmpty();
        assertThat(DeadLetterRows.unitOf("{\"unit\":\"U-6\"}{}")).isEmpty();
        // no unit, not a string, not an object, not JSON
        assertThat(DeadLetterRows.unitOf("{\"id\":\"x\"}")).isEmpty();
        assertThat(DeadLetterRows.unitOf("{\"unit\":42}")).isEmpty();
        assertThat(DeadLetterRows.unitOf("{\"unit\":null}")).isEmpty();
        assertThat(DeadLetterRows.unitOf("{\"unit\":{\"code\":\"U\"}}")).isEmpty();
        assertThat(DeadLetterRows.unitOf("[{\"unit\":\"U\"}]")).isEmpty();
        assertThat(DeadLetterRows.unitOf(JobScenario.CSV_RECORD)).isEmpty();
        assertThat(DeadLetterRows.unitOf("")).isEmpty();
        assertThat(DeadLetterRows.unitOf(null)).isEmpty();
    }

    @Test
    void aTruncatedPayloadIsStoredAsTheDeadLetterCarriesIt() {
        String cut = "{\"id\":\"big\",\"unit\":\"HN-CG\",\"values\":{\"a\":\"xxxxxxxx";
        RejectedEvent r = DeadLetterRows.rejectedEvent(TestEvents.deadLetter(1, "reports", days(1), cut, true, "TOO_LONG"));
        assertThat(r.payload()).isEqualTo(cut);
        assertThat(r.unit()).isEmpty(); // no longer a JSON object
        assertThat(r.firstError()).isEqualTo("TOO_LONG");
    }

    @Test
    void missingPartsOfAReadableDeadLetterGetDefaults() {
        RejectedEvent r = DeadLetterRows.rejectedEvent(new RawEvent(
                "{\"errors\":[{\"field\":\"x\"},{\"code\":\"WRONG_TYPE\"}],\"receivedAt\":\"later\"}", 1_234L, "t-2@9"));
        assertThat(r.deadLetterId()).isEqualTo("t-2@9");
        assertThat(r.source()).isEmpty();
        assertThat(r.unit()).isEmpty();
        assertThat(r.payload()).isEmpty();
        assertThat(r.receivedAt()).isEqualTo(1_234L); // receivedAt unreadable: the Kafka timestamp
        assertThat(r.errorCodes()).containsExactly("WRONG_TYPE");

        RejectedEvent none = DeadLetterRows.rejectedEvent(new RawEvent("{\"source\":\"s\",\"errors\":[]}", 1L, "t-0@0"));
        assertThat(none.errorCodes()).isEmpty();
        assertThat(none.firstError()).isEmpty();
        assertThat(none.source()).isEqualTo("s");
    }

    @Test
    void unreadableRecordsStillBecomeRowsAndAreCounted() throws Exception {
        DeadLetterRows fn = new DeadLetterRows();
        try (OneInputStreamOperatorTestHarness<RawEvent, TableRow> h = new OneInputStreamOperatorTestHarness<>(new StreamMap<>(fn))) {
            h.open();
            h.processElement(new RawEvent("{not json", 10L, "r-0@1"), 10L);
            h.processElement(new RawEvent("[]", 11L, "r-0@2"), 11L);
            h.processElement(new RawEvent("{\"source\":\"portal\",\"payload\":\"x\"}", 12L, "r-0@3"), 12L); // no errors
            h.processElement(new RawEvent(null, 13L, "r-0@4"), 13L);
            h.processElement(TestEvents.deadLetter(5, "portal", days(1), "{}", false, "MISSING_FIELD"), 14L);

            List<TableRow> rows = h.extractOutputValues();
            assertThat(rows).hasSize(5).allSatisfy(row -> assertThat(row.table).isEqualTo(Tables.REJECTED_EVENTS));
            assertThat(fn.unreadableCount()).isEqualTo(4);

            List<RejectedEvent> unreadable = List.of(
                    DeadLetterRows.rejectedEvent(new RawEvent("{not json", 10L, "r-0@1")),
                    DeadLetterRows.rejectedEvent(new RawEvent("{\"source\":\"portal\",\"payload\":\"x\"}", 12L, "r-0@3")),
                    DeadLetterRows.rejectedEvent(new RawEvent(null, 13L, "r-0@4")));
            assertThat(unreadable).allSatisfy(r -> {
                assertThat(r.source()).isEmpty();
                assertThat(r.unit()).isEmpty();
                assertThat(r.errorCodes()).containsExactly(DeadLetterRows.UNREADABLE_DEAD_LETTER);
                assertThat(r.firstError()).isEqualTo("UNREADABLE_DEAD_LETTER");
            });
            assertThat(unreadable.get(0).payload()).isEqualTo("{not json");
            assertThat(unreadable.get(0).receivedAt()).isEqualTo(10L);
            assertThat(unreadable.get(2).payload()).isEmpty();
            assertThat(rows.get(0).json).contains("\"dead_letter_id\":\"r-0@1\"").contains("UNREADABLE_DEAD_LETTER");
        }
    }
}
