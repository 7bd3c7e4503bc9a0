package org.civicpulse.streaming;

import static org.civicpulse.streaming.TestEvents.completed;
import static org.civicpulse.streaming.TestEvents.days;
import static org.civicpulse.streaming.TestEvents.paid;
import static org.civicpulse.streaming.TestEvents.rated;
import static org.civicpulse.streaming.TestEvents.raw;
import static org.civicpulse.streaming.TestEvents.received;
import static org.civicpulse.streaming.TestEvents.returned;
import static org.civicpulse.streaming.TestEvents.suppReceived;
import static org.civicpulse.streaming.TestEvents.suppRequested;
import static org.civicpulse.streaming.TestEvents.withdrawn;

import java.util.ArrayList;
import java.util.List;
import org.civicpulse.domain.event.Delivery;
import org.civicpulse.streaming.model.RawEvent;

/**
 * The events of the job tests: four dossiers (on time with a pause, overdue at the end, withdrawn,
 * late by two supplement requests), a feedback, one event of each stateless kind, duplicates,
 * out-of-order arrival and one unparseable record; and the dead letters of the rejected topic.
 */
public final class JobScenario {

    public static final int PARSEABLE_RECORDS = 27;

    /** A line rejected for a missing field, with its unit (dead letter at offset 0). */
    public static final String MISSING_DUE_AT = "{\"id\":\"bad-1\",\"type\":\"dossier.received\","
            + "\"occurredAt\":\"2026-11-02T09:00:00+07:00\",\"source\":\"one-stop-shop\",\"unit\":\"HN-CG-DICHVONG\","
            + "\"dossierId\":\"D-9\"}";
    /** A broken line (offset 1): no unit, although it names one before the break. */
    public static final String BROKEN_LINE = "{\"id\":\"bad-2\",\"unit\":\"HN-CG\",\"type\":";
    /** A catalogue CSV record (offset 2): no unit. */
    public static final String CSV_RECORD = "HN-X,Phường X,WARD,HN,2025-07-01,";
    /** A record of the rejected topic that is no dead letter (offset 3). */
    public static final String NOT_A_DEAD_LETTER = "{\"hello\":";

    /** Four records of the dead-letter topic, offsets 0..3 of partition 0; the last is unreadable. */
    public static List<RawEvent> deadLetters() {
        return List.of(
                TestEvents.deadLetter(0, "one-stop-shop", days(0.5), MISSING_DUE_AT, false, "MISSING_FIELD", "MISSING_FIELD"),
                TestEvents.deadLetter(1, "portal", days(1), BROKEN_LINE, true, "MALFORMED_JSON"),
                TestEvents.deadLetter(2, "catalog", days(2), CSV_RECORD, false, "MALFORMED_CSV"),
                new RawEvent(NOT_A_DEAD_LETTER, TestEvents.millis(days(3)), TestEvents.REJECTED_TOPIC + "-0@3"));
    }

    private JobScenario() {
    }

    public static List<RawEvent> records() {
        List<RawEvent> r = new ArrayList<>();
        // D-1: completed arrives before received; supplement received before requested; duplicates
        r.add(raw(completed("d1-6", "D-1", days(6))));
        r.add(raw(suppReceived("d1-3", "D-1", days(2.5))));
        r.add(raw(received("d1-1", "D-1", days(0), days(5))));
        r.add(raw(suppRequested("d1-2", "D-1", days(1))));
        r.add(raw(paid("d1-4", "D-1", days(3), true, 100_000)));
        r.add(raw(paid("d1-4", "D-1", days(3), true, 100_000)));
        r.add(raw(returned("d1-7", "D-1", days(6.5), Delivery.POSTAL)));
        r.add(raw(rated("d1-8", "D-1", days(7), 4)));
        r.add(raw(completed("d1-6", "D-1", days(6))));
        // D-2: in progress, due at day 4: overdue once the watermark passes it
        r.add(raw(received("d2-1", "D-2", days(1), days(4))));
        // D-3: withdrawn
        r.add(raw(received("d3-1", "D-3", days(1), days(3))));
        r.add(raw(withdrawn("d3-2", "D-3", days(2))));
        // D-4: two supplement requests → late although completed early
        r.add(raw(received("d4-1", "D-4", days(0), days(10))));
        r.add(raw(suppRequested("d4-2", "D-4", days(1))));
        r.add(raw(suppReceived("d4-3", "D-4", days(2))));
        r.add(raw(suppRequested("d4-4", "D-4", days(3))));
        r.add(raw(suppReceived("d4-5", "D-4", days(4))));
        r.add(raw(completed("d4-6", "D-4", days(5))));
        // feedback
        r.add(raw(TestEvents.feedbackAnswered("f-2", "FB-1", days(3), null)));
        r.add(raw(TestEvents.feedbackReceived("f-1", "FB-1", days(1), "D-1")));
        // one of each stateless kind
        r.add(raw(TestEvents.login("l-1", days(1))));
        r.add(raw(TestEvents.document("doc-1", days(1))));
        r.add(raw(TestEvents.probe("p-1", days(1))));
        r.add(raw(TestEvents.report("r-1", days(1))));
        // garbage (ingestion should never let it through; the job must survive it)
        r.add(RawEvent.of("{\"id\":\"broken\"", 1L));
        r.add(raw(TestEvents.unit("cu-1", days(0))));
        r.add(raw(TestEvents.procedure("cp-1", days(0))));
        r.add(raw(TestEvents.merger("cm-1", days(0))));
        return r;
    }
}
