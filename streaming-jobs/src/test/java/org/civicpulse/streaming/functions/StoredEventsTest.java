package org.civicpulse.streaming.functions;

import static org.assertj.core.api.Assertions.assertThat;

import org.civicpulse.domain.event.DossierEvent;
import org.civicpulse.domain.event.FeedbackEvent;
import org.civicpulse.streaming.TestEvents;
import org.junit.jupiter.api.Test;

class StoredEventsTest {

    @Test
    void readsBackAStoredEvent() {
        var paid = TestEvents.paid("p", "D", TestEvents.T0, true, 1);
        assertThat(StoredEvents.parse("p", TestEvents.json(paid), DossierEvent.class)).isEqualTo(paid);
    }

    @Test
    void skipsWhatNoLongerParsesOrHasAnotherType() {
        assertThat(StoredEvents.parse("x", "{\"id\":\"x\"}", DossierEvent.class)).isNull();
        var paid = TestEvents.paid("p", "D", TestEvents.T0, true, 1);
        assertThat(StoredEvents.parse("p", TestEvents.json(paid), FeedbackEvent.class)).isNull();
    }
}
