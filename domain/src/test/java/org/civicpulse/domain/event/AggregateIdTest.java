package org.civicpulse.domain.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civicpulse.domain.event.EventSamples.EVENTS;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AggregateIdTest {

    @Test
    void aggregateIdPerType() {
        Map<EventType, String> expected = new EnumMap<>(EventType.class);
        for (EventType t : EventType.values()) {
            if (t.family() == EventType.Family.DOSSIER) {
                expected.put(t, t == EventType.DOSSIER_WITHDRAWN ? "D-2" : "D-1");
            }
        }
        expected.put(EventType.FEEDBACK_RECEIVED, "F-1");
        expected.put(EventType.FEEDBACK_ANSWERED, "F-1");
        expected.put(EventType.PORTAL_LOGIN, "u-9f86d081");
        expected.put(EventType.DOCUMENT_PROCESSED, "DOC-7");
        expected.put(EventType.SERVICE_PROBE, "dichvucong");
        expected.put(EventType.REPORT_SUBMITTED, "KH-CDS/UB-HK/2026-M11");
        expected.put(EventType.REPORT_APPROVED, "KH-CDS/UB-HK/2026-M11");
        expected.put(EventType.REPORT_RETURNED, "KH-CDS/UB-HK/2026-M11");
        expected.put(EventType.CATALOG_UNIT, "00004");
        expected.put(EventType.CATALOG_PROCEDURE, "1.001234");
        expected.put(EventType.CATALOG_MERGER, "00013/00004");
        assertThat(expected).hasSize(EventType.values().length);
        for (EventType t : EventType.values()) {
            assertThat(EVENTS.get(t).aggregateId()).as(t.wire()).isEqualTo(expected.get(t));
        }
    }

    @Test
    void feedbackKeyIsTheFeedbackIdNotTheDossier() {
        FeedbackReceived f = (FeedbackReceived) EVENTS.get(EventType.FEEDBACK_RECEIVED);
        assertThat(f.dossierId()).isEqualTo("D-1");
        assertThat(f.aggregateId()).isEqualTo("F-1");
    }

    @Test
    void reportKeyHelper() {
        assertThat(ReportAction.aggregateId("KH-CDS", "UB-HK", "2026-Q4")).isEqualTo("KH-CDS/UB-HK/2026-Q4");
    }
}
