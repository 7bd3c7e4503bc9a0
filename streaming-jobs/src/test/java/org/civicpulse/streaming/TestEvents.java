package org.civicpulse.streaming;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import org.civicpulse.domain.event.Applicant;
import org.civicpulse.domain.event.CatalogMerger;
import org.civicpulse.domain.event.CatalogProcedure;
import org.civicpulse.domain.event.CatalogUnit;
import org.civicpulse.domain.event.Channel;
import org.civicpulse.domain.event.Delivery;
import org.civicpulse.domain.event.DocumentProcessed;
import org.civicpulse.domain.event.DossierCompleted;
import org.civicpulse.domain.event.DossierPaid;
import org.civicpulse.domain.event.DossierRated;
import org.civicpulse.domain.event.DossierReceived;
import org.civicpulse.domain.event.DossierReturned;
import org.civicpulse.domain.event.DossierSupplementReceived;
import org.civicpulse.domain.event.DossierSupplementRequested;
import org.civicpulse.domain.event.DossierWithdrawn;
import org.civicpulse.domain.event.Event;
import org.civicpulse.domain.event.EventCodec;
import org.civicpulse.domain.event.EventType;
import org.civicpulse.domain.event.FeedbackAnswered;
import org.civicpulse.domain.event.FeedbackReceived;
import org.civicpulse.domain.event.LoginMethod;
import org.civicpulse.domain.event.MergeType;
import org.civicpulse.domain.event.OnlineService;
import org.civicpulse.domain.event.Outcome;
import org.civicpulse.domain.event.PortalLogin;
import org.civicpulse.domain.event.ReportAction;
import org.civicpulse.domain.event.ServiceProbe;
import org.civicpulse.domain.event.UnitLevel;
import org.civicpulse.streaming.model.EventEnvelope;
import org.civicpulse.streaming.model.RawEvent;

/** Event fixtures: a fixed clock origin T0 and one builder per event type. */
public final class TestEvents {

    /** Monday 2 Nov 2026, 08:00 in Hanoi. */
    public static final OffsetDateTime T0 = OffsetDateTime.parse("2026-11-02T08:00:00+07:00");
    public static final String SRC = "one-stop-shop";
    public static final String UNIT = "HN-CG-DICHVONG";
    /** The dead-letter topic's name in fixtures (the job's default). */
    public static final String REJECTED_TOPIC = "civicpulse.rejected.v1";

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestEvents() {
    }

    public static OffsetDateTime at(Duration afterT0) {
        return T0.plus(afterT0);
    }

    public static OffsetDateTime days(double d) {
        return T0.plus(Duration.ofMinutes(Math.round(d * 24 * 60)));
    }

    public static DossierReceived received(String id, String dossier, OffsetDateTime at, OffsetDateTime due) {
        return new DossierReceived(id, at, SRC, UNIT, dossier, "1.001234", Channel.ONLINE, Applicant.CITIZEN, due,
                true, true);
    }

    public static DossierSupplementRequested suppRequested(String id, String dossier, OffsetDateTime at) {
        return new DossierSupplementRequested(id, at, SRC, UNIT, dossier);
    }

    public static DossierSupplementReceived suppReceived(String id, String dossier, OffsetDateTime at) {
        return new DossierSupplementReceived(id, at, SRC, UNIT, dossier);
    }

    public static DossierPaid paid(String id, String dossier, OffsetDateTime at, boolean online, long amount) {
        return new DossierPaid(id, at, "payment", UNIT, dossier, online, amount);
    }

    public static DossierCompleted completed(String id, String dossier, OffsetDateTime at) {
        return new DossierCompleted(id, at, SRC, UNIT, dossier, Outcome.APPROVED, true, true, false);
    }

    public static DossierReturned returned(String id, String dossier, OffsetDateTime at, Delivery via) {
        return new DossierReturned(id, at, SRC, UNIT, dossier, via);
    }

    public static DossierRated rated(String id, String dossier, OffsetDateTime at, int score) {
        return new DossierRated(id, at, "portal", UNIT, dossier, score);
    }

    public static DossierWithdrawn withdrawn(String id, String dossier, OffsetDateTime at) {
        return new DossierWithdrawn(id, at, SRC, UNIT, dossier);
    }

    public static FeedbackReceived feedbackReceived(String id, String feedback, OffsetDateTime at, String dossier) {
        return new FeedbackReceived(id, at, "portal", UNIT, feedback, dossier);
    }

    public static FeedbackAnswered feedbackAnswered(String id, String feedback, OffsetDateTime at, String dossier) {
        return new FeedbackAnswered(id, at, "portal", UNIT, feedback, dossier);
    }

    public static PortalLogin login(String id, OffsetDateTime at) {
        return new PortalLogin(id, at, "portal", UNIT, "u-7f3a", LoginMethod.VNEID);
    }

    public static DocumentProcessed document(String id, OffsetDateTime at) {
        return new DocumentProcessed(id, at, "e-office", UNIT, "doc-1", true, false);
    }

    public static ServiceProbe probe(String id, OffsetDateTime at) {
        return new ServiceProbe(id, at, "uptime", UNIT, "dvc-portal", true, 123);
    }

    public static ReportAction report(String id, OffsetDateTime at) {
        return new ReportAction(id, EventType.REPORT_SUBMITTED, at, "dashboard", UNIT, "R-CCHC", "2026-M11",
                Map.of("dossiers", 12), "officer1", "số liệu tháng 11");
    }

    public static CatalogUnit unit(String id, OffsetDateTime at) {
        return new CatalogUnit(id, at, "catalog", "HN-CG", "HN-CG", "Phường Cầu Giấy", UnitLevel.COMMUNE, "HN",
                java.time.LocalDate.of(2025, 7, 1), null);
    }

    public static CatalogProcedure procedure(String id, OffsetDateTime at) {
        return new CatalogProcedure(id, at, "catalog", "HN-STP", "1.001234", "Cấp phiếu lý lịch tư pháp", "Tư pháp",
                "Sở", true, OnlineService.FULL, true, false, true, false, true, 10);
    }

    public static CatalogMerger merger(String id, OffsetDateTime at) {
        return new CatalogMerger(id, at, "catalog", "HN-CG", "HN-DV", "HN-CG", java.time.LocalDate.of(2025, 7, 1),
                MergeType.PART);
    }

    public static String json(Event e) {
        return EventCodec.lenient().toJson(e);
    }

    /** The envelope as ParseEvent would emit it, with Kafka timestamp = event time + 1 s. */
    public static EventEnvelope envelope(Event e) {
        return EventEnvelope.of(e, json(e), e.occurredAt().toInstant().toEpochMilli() + 1000);
    }

    public static RawEvent raw(Event e) {
        return RawEvent.of(json(e), e.occurredAt().toInstant().toEpochMilli() + 1000);
    }

    public static long millis(OffsetDateTime t) {
        return t.toInstant().toEpochMilli();
    }

    /**
     * A dead letter exactly as ingestion writes it (field order included), at {@code offset} of partition 0
     * of the dead-letter topic: {@code codes} are the error codes in order (the field is "f" + index); the
     * Kafka timestamp is receivedAt + 5 ms.
     */
    public static RawEvent deadLetter(long offset, String source, OffsetDateTime receivedAt, String payload,
                                      boolean truncated, String... codes) {
        ObjectNode d = JSON.createObjectNode();
        d.put("source", source);
        d.put("line", offset + 1);
        d.putNull("id");
        ArrayNode errors = d.putArray("errors");
        for (int i = 0; i < codes.length; i++) {
            errors.addObject().put("field", "f" + i).put("code", codes[i]).put("message", "problem " + i);
        }
        d.put("payload", payload);
        if (truncated) {
            d.put("payloadTruncated", true);
        }
        d.put("receivedAt", receivedAt.toInstant().toString());
        return new RawEvent(d.toString(), millis(receivedAt) + 5, REJECTED_TOPIC + "-0@" + offset);
    }
}
