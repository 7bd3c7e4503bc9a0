package org.civicpulse.domain.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One valid wire JSON and the matching record for every event type, and helpers to break them. */
final class EventSamples {

    static final ObjectMapper MAPPER = new ObjectMapper();
    /** "Now" for tests: 2026-11-01 10:00 in Hanoi. */
    static final Instant NOW = Instant.parse("2026-11-01T03:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final EventCodec CODEC = new EventCodec(CLOCK, Duration.ofMinutes(5));

    static final ZoneOffset HANOI = ZoneOffset.ofHours(7);
    static final OffsetDateTime AT = OffsetDateTime.of(2026, 11, 1, 9, 30, 0, 0, HANOI);

    static final Map<EventType, String> JSON = new EnumMap<>(EventType.class);
    static final Map<EventType, Event> EVENTS = new EnumMap<>(EventType.class);

    private static void add(EventType t, String json, Event e) {
        JSON.put(t, json);
        EVENTS.put(t, e);
    }

    private static String common(String id, EventType t, String unit) {
        return "\"id\":\"" + id + "\",\"type\":\"" + t.wire() + "\",\"occurredAt\":\"2026-11-01T09:30:00+07:00\","
                + "\"source\":\"one-stop\",\"unit\":\"" + unit + "\",";
    }

    static {
        add(EventType.DOSSIER_RECEIVED, "{" + common("e1", EventType.DOSSIER_RECEIVED, "SO-TP")
                        + "\"dossierId\":\"D-1\",\"procedure\":\"1.001234\",\"channel\":\"ONLINE\",\"applicant\":\"CITIZEN\","
                        + "\"dueAt\":\"2026-11-10T17:00:00+07:00\",\"vneid\":true,\"fullProcess\":false}",
                new DossierReceived("e1", AT, "one-stop", "SO-TP", "D-1", "1.001234", Channel.ONLINE, Applicant.CITIZEN,
                        OffsetDateTime.of(2026, 11, 10, 17, 0, 0, 0, HANOI), true, false));
        add(EventType.DOSSIER_SUPPLEMENT_REQUESTED, "{" + common("e2", EventType.DOSSIER_SUPPLEMENT_REQUESTED, "SO-TP")
                        + "\"dossierId\":\"D-1\"}",
                new DossierSupplementRequested("e2", AT, "one-stop", "SO-TP", "D-1"));
        add(EventType.DOSSIER_SUPPLEMENT_RECEIVED, "{" + common("e3", EventType.DOSSIER_SUPPLEMENT_RECEIVED, "SO-TP")
                        + "\"dossierId\":\"D-1\"}",
                new DossierSupplementReceived("e3", AT, "one-stop", "SO-TP", "D-1"));
        add(EventType.DOSSIER_PAID, "{" + common("e4", EventType.DOSSIER_PAID, "SO-TP")
                        + "\"dossierId\":\"D-1\",\"online\":true,\"amountVnd\":150000}",
                new DossierPaid("e4", AT, "one-stop", "SO-TP", "D-1", true, 150_000L));
        add(EventType.DOSSIER_COMPLETED, "{" + common("e5", EventType.DOSSIER_COMPLETED, "SO-TP")
                        + "\"dossierId\":\"D-1\",\"outcome\":\"APPROVED\",\"eResult\":true,\"digitized\":true,\"reusedData\":false}",
                new DossierCompleted("e5", AT, "one-stop", "SO-TP", "D-1", Outcome.APPROVED, true, true, false));
        add(EventType.DOSSIER_RETURNED, "{" + common("e6", EventType.DOSSIER_RETURNED, "SO-TP")
                        + "\"dossierId\":\"D-1\",\"delivery\":\"POSTAL\"}",
                new DossierReturned("e6", AT, "one-stop", "SO-TP", "D-1", Delivery.POSTAL));
        add(EventType.DOSSIER_RATED, "{" + common("e7", EventType.DOSSIER_RATED, "SO-TP")
                        + "\"dossierId\":\"D-1\",\"score\":4}",
                new DossierRated("e7", AT, "one-stop", "SO-TP", "D-1", 4));
        add(EventType.DOSSIER_WITHDRAWN, "{" + common("e8", EventType.DOSSIER_WITHDRAWN, "SO-TP")
                        + "\"dossierId\":\"D-2\"}",
                new DossierWithdrawn("e8", AT, "one-stop", "SO-TP", "D-2"));
        add(EventType.FEEDBACK_RECEIVED, "{" + common("e9", EventType.FEEDBACK_RECEIVED, "UB-HK")
                        + "\"feedbackId\":\"F-1\",\"dossierId\":\"D-1\"}",
                new FeedbackReceived("e9", AT, "one-stop", "UB-HK", "F-1", "D-1"));
        add(EventType.FEEDBACK_ANSWERED, "{" + common("e10", EventType.FEEDBACK_ANSWERED, "UB-HK")
                        + "\"feedbackId\":\"F-1\"}",
                new FeedbackAnswered("e10", AT, "one-stop", "UB-HK", "F-1", null));
        add(EventType.PORTAL_LOGIN, "{" + common("e11", EventType.PORTAL_LOGIN, "TP")
                        + "\"userHash\":\"u-9f86d081\",\"method\":\"VNEID\"}",
                new PortalLogin("e11", AT, "one-stop", "TP", "u-9f86d081", LoginMethod.VNEID));
        add(EventType.DOCUMENT_PROCESSED, "{" + common("e12", EventType.DOCUMENT_PROCESSED, "SO-NV")
                        + "\"documentId\":\"DOC-7\",\"electronic\":true,\"signed\":false}",
                new DocumentProcessed("e12", AT, "one-stop", "SO-NV", "DOC-7", true, false));
        add(EventType.SERVICE_PROBE, "{" + common("e13", EventType.SERVICE_PROBE, "TP")
                        + "\"service\":\"dichvucong\",\"up\":true,\"latencyMs\":182}",
                new ServiceProbe("e13", AT, "one-stop", "TP", "dichvucong", true, 182L));
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("P12.submitted", 41L);
        values.put("rate", 0.875);
        values.put("note", "ok");
        values.put("nested", Map.of("a", List.of(1L, 2L)));
        values.put("empty", null);
        for (EventType t : List.of(EventType.REPORT_SUBMITTED, EventType.REPORT_APPROVED, EventType.REPORT_RETURNED)) {
            String id = "r-" + t.wire();
            boolean returned = t == EventType.REPORT_RETURNED;
            add(t, "{" + common(id, t, "UB-HK")
                            + "\"regime\":\"KH-CDS\",\"period\":\"2026-M11\",\"values\":{\"P12.submitted\":41,\"rate\":0.875,"
                            + "\"note\":\"ok\",\"nested\":{\"a\":[1,2]},\"empty\":null},\"by\":\"officer-1\","
                            + "\"comment\":" + (returned ? "\"fix row 3\"" : "null") + "}",
                    new ReportAction(id, t, AT, "one-stop", "UB-HK", "KH-CDS", "2026-M11", values, "officer-1",
                            returned ? "fix row 3" : null));
        }
        add(EventType.CATALOG_UNIT, "{" + common("c1", EventType.CATALOG_UNIT, "00004")
                        + "\"code\":\"00004\",\"name\":\"Phường Ba Đình\",\"level\":\"COMMUNE\",\"parent\":\"01\","
                        + "\"validFrom\":\"2025-07-01\"}",
                new CatalogUnit("c1", AT, "one-stop", "00004", "00004", "Phường Ba Đình", UnitLevel.COMMUNE, "01",
                        LocalDate.of(2025, 7, 1), null));
        add(EventType.CATALOG_PROCEDURE, "{" + common("c2", EventType.CATALOG_PROCEDURE, "SO-TP")
                        + "\"code\":\"1.001234\",\"name\":\"Cấp bản sao trích lục hộ tịch\",\"field\":\"Hộ tịch\","
                        + "\"authorityLevel\":\"COMMUNE\",\"fullProcessEligible\":true,\"onlineService\":\"FULL\","
                        + "\"nationalPortal\":true,\"uxRedesigned\":false,\"hasFee\":true,\"paperResult\":false,"
                        + "\"simplified\":false,\"legalDays\":3}",
                new CatalogProcedure("c2", AT, "one-stop", "SO-TP", "1.001234", "Cấp bản sao trích lục hộ tịch",
                        "Hộ tịch", "COMMUNE", true, OnlineService.FULL, true, false, true, false, false, 3));
        add(EventType.CATALOG_MERGER, "{" + common("c3", EventType.CATALOG_MERGER, "00004")
                        + "\"oldCode\":\"00013\",\"newCode\":\"00004\",\"effective\":\"2025-07-01\",\"mergeType\":\"WHOLE\"}",
                new CatalogMerger("c3", AT, "one-stop", "00004", "00013", "00004", LocalDate.of(2025, 7, 1),
                        MergeType.WHOLE));
    }

    private EventSamples() {
    }

    static ObjectNode tree(EventType t) {
        try {
            return (ObjectNode) MAPPER.readTree(JSON.get(t));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String str(JsonNode n) {
        return n.toString();
    }

    /** The sample of {@code t} with {@code field} set to the JSON value {@code jsonValue}. */
    static String with(EventType t, String field, String jsonValue) {
        ObjectNode o = tree(t);
        try {
            o.set(field, MAPPER.readTree(jsonValue));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return o.toString();
    }

    /** The sample of {@code t} without {@code field}. */
    static String without(EventType t, String field) {
        ObjectNode o = tree(t);
        o.remove(field);
        return o.toString();
    }

    /** JSON string literal. */
    static String q(String s) {
        return MAPPER.getNodeFactory().textNode(s).toString();
    }
}
