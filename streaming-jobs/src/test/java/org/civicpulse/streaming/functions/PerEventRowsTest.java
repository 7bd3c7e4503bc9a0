package org.civicpulse.streaming.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civicpulse.streaming.TestEvents.days;
import static org.civicpulse.streaming.TestEvents.envelope;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.civicpulse.domain.event.Event;
import org.civicpulse.streaming.TestEvents;
import org.civicpulse.streaming.model.TableRow;
import org.civicpulse.streaming.rows.Tables;
import org.junit.jupiter.api.Test;

class PerEventRowsTest {

    private static List<TableRow> rows(Event e) {
        List<TableRow> out = new ArrayList<>();
        new PerEventRows().flatMap(envelope(e), new ListCollector<>(out));
        return out;
    }

    @Test
    void everyEventGoesToTheEventsTableAndStatelessFactsToTheirOwn() {
        assertThat(rows(TestEvents.login("a", days(0)))).extracting(r -> r.table)
                .containsExactly(Tables.EVENTS, Tables.LOGIN_FACTS);
        assertThat(rows(TestEvents.document("b", days(0)))).extracting(r -> r.table)
                .containsExactly(Tables.EVENTS, Tables.DOCUMENT_FACTS);
        assertThat(rows(TestEvents.probe("c", days(0)))).extracting(r -> r.table)
                .containsExactly(Tables.EVENTS, Tables.PROBE_FACTS);
        assertThat(rows(TestEvents.report("d", days(0)))).extracting(r -> r.table)
                .containsExactly(Tables.EVENTS, Tables.REPORT_ACTIONS);
        assertThat(rows(TestEvents.unit("e", days(0)))).extracting(r -> r.table)
                .containsExactly(Tables.EVENTS, Tables.ORG_UNITS);
        assertThat(rows(TestEvents.procedure("f", days(0)))).extracting(r -> r.table)
                .containsExactly(Tables.EVENTS, Tables.PROCEDURES);
        assertThat(rows(TestEvents.merger("m", days(0)))).extracting(r -> r.table)
                .containsExactly(Tables.EVENTS, Tables.ORG_MERGERS);
    }

    @Test
    void dossierAndFeedbackEventsOnlyGetTheirEventsRowHere() {
        assertThat(rows(TestEvents.received("g", "D", days(0), days(1)))).extracting(r -> r.table)
                .containsExactly(Tables.EVENTS);
        assertThat(rows(TestEvents.feedbackReceived("h", "F", days(0), null))).extracting(r -> r.table)
                .containsExactly(Tables.EVENTS);
    }
}
