package org.civicpulse.streaming.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civicpulse.streaming.TestEvents.days;
import static org.civicpulse.streaming.TestEvents.envelope;
import static org.civicpulse.streaming.TestEvents.feedbackAnswered;
import static org.civicpulse.streaming.TestEvents.feedbackReceived;
import static org.civicpulse.streaming.TestEvents.millis;

import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.civicpulse.domain.event.FeedbackEvent;
import org.civicpulse.streaming.TestEvents;
import org.civicpulse.streaming.model.EventEnvelope;
import org.civicpulse.streaming.model.FeedbackFact;
import org.junit.jupiter.api.Test;

class FeedbackFactsFunctionTest {

    private static List<FeedbackFact> run(FeedbackEvent... events) throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, EventEnvelope, FeedbackFact> h =
                     ProcessFunctionTestHarnesses.forKeyedProcessFunction(new FeedbackFactsFunction(),
                             e -> e.aggregateId, Types.STRING)) {
            for (FeedbackEvent e : events) {
                EventEnvelope env = envelope(e);
                h.processElement(env, env.occurredAt);
            }
            return h.extractOutputValues();
        }
    }

    @Test
    void receivedThenAnswered() throws Exception {
        List<FeedbackFact> out = run(feedbackReceived("f1", "FB-1", days(0), "D-1"),
                feedbackAnswered("f2", "FB-1", days(3), null));

        assertThat(out).containsExactly(
                new FeedbackFact("FB-1", TestEvents.UNIT, "D-1", millis(days(0)), null, 1),
                new FeedbackFact("FB-1", TestEvents.UNIT, "D-1", millis(days(0)), millis(days(3)), 2));
    }

    @Test
    void answerArrivingFirstGivesARowWithoutReceiptThenTheSameFinalRow() throws Exception {
        List<FeedbackFact> out = run(feedbackAnswered("f2", "FB-1", days(3), null),
                feedbackReceived("f1", "FB-1", days(0), "D-1"));

        assertThat(out.get(0).receivedAt()).isNull();
        assertThat(out.get(0).answeredAt()).isEqualTo(millis(days(3)));
        assertThat(out.get(1)).isEqualTo(
                new FeedbackFact("FB-1", TestEvents.UNIT, "D-1", millis(days(0)), millis(days(3)), 2));
    }

    @Test
    void duplicatesAreIgnoredAndTheFirstAnswerCounts() throws Exception {
        List<FeedbackFact> out = run(feedbackReceived("f1", "FB-1", days(0), null),
                feedbackReceived("f1", "FB-1", days(0), null),
                feedbackAnswered("f3", "FB-1", days(5), null),
                feedbackAnswered("f2", "FB-1", days(2), null));

        assertThat(out).hasSize(3);
        FeedbackFact last = out.get(2);
        assertThat(last.answeredAt()).isEqualTo(millis(days(2)));
        assertThat(last.dossierId()).isNull();
        assertThat(last.version()).isEqualTo(3);
    }
}
