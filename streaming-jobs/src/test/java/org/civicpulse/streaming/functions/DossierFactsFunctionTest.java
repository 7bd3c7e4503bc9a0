package org.civicpulse.streaming.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civicpulse.streaming.TestEvents.completed;
import static org.civicpulse.streaming.TestEvents.days;
import static org.civicpulse.streaming.TestEvents.envelope;
import static org.civicpulse.streaming.TestEvents.millis;
import static org.civicpulse.streaming.TestEvents.paid;
import static org.civicpulse.streaming.TestEvents.rated;
import static org.civicpulse.streaming.TestEvents.received;
import static org.civicpulse.streaming.TestEvents.returned;
import static org.civicpulse.streaming.TestEvents.suppReceived;
import static org.civicpulse.streaming.TestEvents.suppRequested;
import static org.civicpulse.streaming.TestEvents.withdrawn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.civicpulse.domain.event.Delivery;
import org.civicpulse.domain.event.DossierEvent;
import org.civicpulse.streaming.model.DossierFact;
import org.civicpulse.streaming.model.EventEnvelope;
import org.civicpulse.streaming.rows.FactRows;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DossierFactsFunctionTest {

    private static final String D = "D-1";

    private KeyedOneInputStreamOperatorTestHarness<String, EventEnvelope, DossierFact> harness;

    @BeforeEach
    void open() throws Exception {
        harness = newHarness();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, EventEnvelope, DossierFact> newHarness() throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(new DossierFactsFunction(), e -> e.aggregateId,
                Types.STRING);
    }

    private void send(DossierEvent... events) throws Exception {
        send(harness, events);
    }

    private static void send(KeyedOneInputStreamOperatorTestHarness<String, EventEnvelope, DossierFact> h,
                             DossierEvent... events) throws Exception {
        for (DossierEvent e : events) {
            EventEnvelope env = envelope(e);
            h.processElement(env, env.occurredAt);
        }
    }

    private List<DossierFact> out() {
        return harness.extractOutputValues();
    }

    private DossierFact last() {
        List<DossierFact> out = out();
        assertThat(out).isNotEmpty();
        return out.get(out.size() - 1);
    }

    @Test
    void receivedAloneGivesAnInProgressRow() throws Exception {
        send(received("e1", D, days(0), days(5)));

        DossierFact f = last();
        assertThat(f.dossierId()).isEqualTo(D);
        assertThat(f.status()).isEqualTo("IN_PROGRESS");
        assertThat(f.receivedAt()).isEqualTo(millis(days(0)));
        assertThat(f.dueAt()).isEqualTo(millis(days(5)));
        assertThat(f.onTime()).isNull();
        assertThat(f.overdueNow()).isFalse();
        assertThat(f.outcome()).isEqualTo("NONE");
        assertThat(f.returnedVia()).isEqualTo("NONE");
        assertThat(f.channel()).isEqualTo("ONLINE");
        assertThat(f.applicant()).isEqualTo("CITIZEN");
        assertThat(f.eventCount()).isEqualTo(1);
        assertThat(f.version()).isEqualTo(2);
    }

    @Test
    void onTimeWhenTheSupplementPauseIsExcluded() throws Exception {
        // due after 5 days; 2 days waiting for the applicant's supplement; completed after 6 days
        send(received("e1", D, days(0), days(5)),
                suppRequested("e2", D, days(1)),
                suppReceived("e3", D, days(3)),
                completed("e4", D, days(6)));

        DossierFact f = last();
        assertThat(f.status()).isEqualTo("COMPLETED");
        assertThat(f.supplementRequests()).isEqualTo(1);
        assertThat(f.supplementWaitSeconds()).isEqualTo(2 * 86400);
        assertThat(f.supplementOpenSince()).isNull();
        assertThat(f.completedAt()).isEqualTo(millis(days(6)));
        assertThat(f.onTime()).isTrue();
        assertThat(f.outcome()).isEqualTo("APPROVED");
    }

    @Test
    void lateWhenCompletedAfterDuePlusPause() throws Exception {
        send(received("e1", D, days(0), days(5)),
                suppRequested("e2", D, days(1)),
                suppReceived("e3", D, days(2)),
                completed("e4", D, days(6.5)));

        assertThat(last().onTime()).isFalse();
    }

    @Test
    void anOpenPauseAtCompletionCountsUntilCompletion() throws Exception {
        send(received("e1", D, days(0), days(5)),
                suppRequested("e2", D, days(4)),
                completed("e3", D, days(7)));

        DossierFact f = last();
        assertThat(f.supplementOpenSince()).isEqualTo(millis(days(4)));
        assertThat(f.supplementWaitSeconds()).isZero();
        assertThat(f.onTime()).isTrue();
    }

    @Test
    void twoSupplementRequestsMakeItLate() throws Exception {
        send(received("e1", D, days(0), days(10)),
                suppRequested("e2", D, days(1)),
                suppReceived("e3", D, days(2)),
                suppRequested("e4", D, days(3)),
                suppReceived("e5", D, days(4)),
                completed("e6", D, days(5)));

        DossierFact f = last();
        assertThat(f.supplementRequests()).isEqualTo(2);
        assertThat(f.supplementWaitSeconds()).isEqualTo(2 * 86400);
        assertThat(f.onTime()).isFalse();
    }

    @Test
    void supplementReceivedArrivingBeforeItsRequestStillGivesThePause() throws Exception {
        send(received("e1", D, days(0), days(5)),
                suppReceived("e3", D, days(3)),
                suppRequested("e2", D, days(1)));

        DossierFact f = last();
        assertThat(f.supplementWaitSeconds()).isEqualTo(2 * 86400);
        assertThat(f.supplementOpenSince()).isNull();
    }

    @Test
    void completedBeforeReceivedIsBufferedUntilTheReceipt() throws Exception {
        send(completed("e4", D, days(3)), paid("e2", D, days(1), true, 50_000));
        assertThat(out()).isEmpty();

        send(received("e1", D, days(0), days(5)));
        assertThat(out()).hasSize(1);
        DossierFact f = last();
        assertThat(f.status()).isEqualTo("COMPLETED");
        assertThat(f.onTime()).isTrue();
        assertThat(f.paid()).isTrue();
        assertThat(f.eventCount()).isEqualTo(3);
        assertThat(f.version()).isEqualTo(6);
    }

    @Test
    void duplicatesAreIgnored() throws Exception {
        send(received("e1", D, days(0), days(5)), paid("e2", D, days(1), false, 10_000));
        int before = out().size();

        send(paid("e2", D, days(1), false, 10_000), received("e1", D, days(0), days(5)));

        assertThat(out()).hasSize(before);
        assertThat(last().amountVnd()).isEqualTo(10_000);
        assertThat(last().eventCount()).isEqualTo(2);
    }

    @Test
    void aSecondReceiptNeverMovesReceivedAt() throws Exception {
        send(received("e1", D, days(1), days(5)));
        send(received("e9", D, days(0), days(3)));

        assertThat(out()).hasSize(1);
        DossierFact f = last();
        assertThat(f.receivedAt()).isEqualTo(millis(days(1)));
        assertThat(f.dueAt()).isEqualTo(millis(days(5)));

        send(received("e9", D, days(0), days(3))); // its redelivery is a duplicate
        assertThat(out()).hasSize(1);
    }

    @Test
    void paymentsAddUpAndTheLatestReturnAndRatingWin() throws Exception {
        send(received("e1", D, days(0), days(5)),
                paid("e2", D, days(0.5), false, 30_000),
                paid("e3", D, days(0.6), true, 20_000),
                completed("e4", D, days(2)),
                rated("e7", D, days(4), 2),
                returned("e6", D, days(3), Delivery.ONLINE),
                returned("e5", D, days(2.5), Delivery.POSTAL),
                rated("e8", D, days(3.5), 5));

        DossierFact f = last();
        assertThat(f.paid()).isTrue();
        assertThat(f.paidOnline()).isTrue();
        assertThat(f.amountVnd()).isEqualTo(50_000);
        assertThat(f.returnedVia()).isEqualTo("ONLINE");
        assertThat(f.returnedAt()).isEqualTo(millis(days(3)));
        assertThat(f.rating()).isEqualTo(2);
        assertThat(f.ratedAt()).isEqualTo(millis(days(4)));
        assertThat(f.eResult()).isTrue();
        assertThat(f.digitized()).isTrue();
        assertThat(f.reusedData()).isFalse();
        assertThat(f.lastEventAt()).isEqualTo(millis(days(4)));
        assertThat(f.eventCount()).isEqualTo(8);
    }

    @Test
    void withdrawnDossierLeavesTheOnTimeCountAndGetsNoOverdue() throws Exception {
        send(received("e1", D, days(0), days(5)), withdrawn("e2", D, days(1)));
        harness.processWatermark(millis(days(30)));

        DossierFact f = last();
        assertThat(f.status()).isEqualTo("WITHDRAWN");
        assertThat(f.withdrawnAt()).isEqualTo(millis(days(1)));
        assertThat(f.onTime()).isNull();
        assertThat(f.overdueNow()).isFalse();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void overdueTimerFiresOnTheWatermarkAndCompletionClearsIt() throws Exception {
        send(received("e1", D, days(0), days(5)));
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        harness.processWatermark(millis(days(5))); // exactly at the due time: not yet late
        assertThat(out()).hasSize(1);

        harness.processWatermark(millis(days(5)) + 1);
        assertThat(out()).hasSize(2);
        DossierFact overdue = last();
        assertThat(overdue.overdueNow()).isTrue();
        assertThat(overdue.status()).isEqualTo("IN_PROGRESS");
        assertThat(overdue.version()).isEqualTo(3);
        assertThat(harness.numEventTimeTimers()).isZero();

        send(completed("e2", D, days(6)));
        DossierFact done = last();
        assertThat(done.overdueNow()).isFalse();
        assertThat(done.status()).isEqualTo("COMPLETED");
        assertThat(done.onTime()).isFalse();
        assertThat(done.version()).isEqualTo(4);
    }

    @Test
    void anOpenSupplementPauseStopsTheOverdueClockAndClosingItMovesTheTimer() throws Exception {
        send(received("e1", D, days(0), days(5)), suppRequested("e2", D, days(4)));
        assertThat(harness.numEventTimeTimers()).isZero();

        harness.processWatermark(millis(days(8)));
        assertThat(out()).allMatch(f -> !f.overdueNow());

        send(suppReceived("e3", D, days(7))); // 3 days pause: due moves to day 8
        assertThat(last().overdueNow()).isFalse();
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        harness.processWatermark(millis(days(8)) + 1);
        assertThat(last().overdueNow()).isTrue();
        assertThat(last().supplementWaitSeconds()).isEqualTo(3 * 86400);
    }

    @Test
    void aLateEventPastTheDueTimeIsOverdueAtOnce() throws Exception {
        harness.processWatermark(millis(days(10)));
        send(received("e1", D, days(0), days(5)));

        assertThat(out()).hasSize(1);
        assertThat(last().overdueNow()).isTrue();
        assertThat(last().version()).isEqualTo(3);
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void completionMovesTheDueTimerAway() throws Exception {
        send(received("e1", D, days(0), days(5)), completed("e2", D, days(2)));
        assertThat(harness.numEventTimeTimers()).isZero();
        harness.processWatermark(millis(days(9)));
        assertThat(last().overdueNow()).isFalse();
        assertThat(last().onTime()).isTrue();
    }

    /** All event types of one dossier. */
    private static List<DossierEvent> lifecycle() {
        return List.of(
                received("e1", D, days(0), days(5)),
                suppRequested("e2", D, days(1)),
                suppReceived("e3", D, days(2.5)),
                paid("e4", D, days(3), true, 100_000),
                paid("e5", D, days(3.2), false, 5_000),
                completed("e6", D, days(6)),
                returned("e7", D, days(6.5), Delivery.POSTAL),
                rated("e8", D, days(7), 4));
    }

    @Test
    void outOfOrderArrivalGivesTheSameFinalRowAsInOrder() throws Exception {
        List<DossierEvent> inOrder = lifecycle();
        send(inOrder.toArray(DossierEvent[]::new));
        DossierFact expected = last();
        assertThat(expected.onTime()).isTrue(); // 6 ≤ 5 + 1.5
        assertThat(expected.supplementWaitSeconds()).isEqualTo(36 * 3600);
        assertThat(expected.version()).isEqualTo(16);

        Random random = new Random(42);
        for (int round = 0; round < 20; round++) {
            List<DossierEvent> shuffled = new ArrayList<>(inOrder);
            Collections.shuffle(shuffled, random);
            try (var h = newHarness()) {
                send(h, shuffled.toArray(DossierEvent[]::new));
                List<DossierFact> out = h.extractOutputValues();
                DossierFact actual = out.get(out.size() - 1);
                assertThat(actual).as("order %s", shuffled).isEqualTo(expected);
                assertThat(FactRows.dossier(actual)).isEqualTo(FactRows.dossier(expected));
                assertStrictlyIncreasingVersions(out);
            }
        }
    }

    @Test
    void versionsStrictlyIncreaseAndAreDeterministic() throws Exception {
        send(lifecycle().toArray(DossierEvent[]::new));
        List<DossierFact> out = out();
        assertStrictlyIncreasingVersions(out);
        for (DossierFact f : out) {
            assertThat(f.version()).isEqualTo(f.eventCount() * 2L + (f.overdueNow() ? 1 : 0));
        }

        // the same events with a timer firing in between: the same rows for the same versions
        try (var h = newHarness()) {
            List<DossierEvent> events = lifecycle();
            send(h, events.get(0));
            h.processWatermark(millis(days(5.2)));
            send(h, events.subList(1, events.size()).toArray(DossierEvent[]::new));
            List<DossierFact> other = h.extractOutputValues();
            assertStrictlyIncreasingVersions(other);
            assertThat(other.get(other.size() - 1)).isEqualTo(out.get(out.size() - 1));
        }
    }

    @Test
    void stateSurvivesASnapshotAndRestore() throws Exception {
        send(received("e1", D, days(0), days(5)), paid("e2", D, days(1), true, 1000));
        var snapshot = harness.snapshot(1L, 1L);
        harness.close();

        harness = newHarnessUninitialised();
        harness.initializeState(snapshot);
        harness.open();
        send(paid("e2", D, days(1), true, 1000)); // duplicate across the restore
        assertThat(out()).isEmpty();
        harness.processWatermark(millis(days(6)));  // the timer was restored
        assertThat(last().overdueNow()).isTrue();
        assertThat(last().version()).isEqualTo(5);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, EventEnvelope, DossierFact> newHarnessUninitialised()
            throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new org.apache.flink.streaming.api.operators.KeyedProcessOperator<>(new DossierFactsFunction()),
                e -> e.aggregateId, Types.STRING);
    }

    private static void assertStrictlyIncreasingVersions(List<DossierFact> out) {
        for (int i = 1; i < out.size(); i++) {
            assertThat(out.get(i).version()).isGreaterThan(out.get(i - 1).version());
        }
    }
}
