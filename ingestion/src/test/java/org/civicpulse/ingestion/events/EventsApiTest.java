package org.civicpulse.ingestion.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.civicpulse.ingestion.support.Http;
import org.civicpulse.ingestion.support.Http.Response;
import org.civicpulse.ingestion.support.IngestionTestBase;
import org.civicpulse.ingestion.support.TestKafka;
import org.junit.jupiter.api.Test;

/** {@code POST /api/v1/events} against a real broker: validation, Kafka records, dead letters, HTTP errors. */
class EventsApiTest extends IngestionTestBase {

    private static final String EVENTS = "/api/v1/events";
    private static final String NDJSON = "application/x-ndjson";

    @Test
    void mixedNdjsonBatchAcceptsTheGoodLinesAndReportsEveryBadOne() {
        String p = uniq("mix");
        String d1 = p + "-D1";
        String l1 = dossierReceived(p + "-1", "sim", d1);
        String l3 = "{\"id\":\"" + p + "-3\", broken";
        String l4 = dossierReceived(p + "-4", "sim", "x").replace(",\"dossierId\":\"x\"", "");
        String l5 = dossierPaid(p + "-5", "sim", d1);
        String l6 = dossierReceived(p + "-6", "portal", p + "-D2");
        String l7 = dossierReceived(p + "-1", "sim", p + "-D3");
        String l8 = "{\"id\":\"" + p + "-8\",\"type\":\"catalog.unit\",\"occurredAt\":\"2025-11-01T10:00:00+07:00\","
                + "\"source\":\"sim\",\"unit\":\"00004\",\"code\":\"00004\",\"name\":\"Phường Ba Đình\","
                + "\"level\":\"COMMUNE\",\"parent\":\"01\",\"validFrom\":\"2025-07-01\"}";
        String l10 = "{ \"id\" : \"" + p + "-10\", \"type\":\"service.probe\", \"occurredAt\":\"2025-11-01T10:00:00.123+07:00\","
                + " \"source\":\"sim\", \"unit\":\"01\", \"service\":\"" + p + "-svc\", \"up\":true, \"latencyMs\":12,"
                + " \"futureField\":{\"kept\":[1,2,3]} }";
        String l11 = dossierPaid(p + "-11", "sim", d1).replace("2025-11-01T11:00:00Z", "2025-11-01T11:00:00");
        String l12 = "[\"" + p + "\", 2]";
        String body = l1 + "\n" + "\n" + l3 + "\n" + l4 + "\n" + l5 + "\n" + l6 + "\n" + l7 + "\n" + l8 + "\n"
                + "   \t\n" + l10 + "\r\n" + l11 + "\n" + l12 + "\n";

        Response r = http.post(EVENTS, SIM_TOKEN, NDJSON, body);

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("accepted").asInt()).isEqualTo(3);
        assertThat(r.json().get("rejected").asInt()).isEqualTo(7);
        List<JsonNode> errors = list(r.json().get("errors"));
        assertThat(errors).extracting(e -> e.get("line").asInt(), e -> text(e, "code"), e -> text(e, "field"),
                        e -> text(e, "id"))
                .containsExactly(
                        tuple(3, "MALFORMED_JSON", null, null),
                        tuple(4, "MISSING_FIELD", "dossierId", p + "-4"),
                        tuple(6, "SOURCE_MISMATCH", "source", p + "-6"),
                        tuple(7, "DUPLICATE_ID", "id", p + "-1"),
                        tuple(8, "FORBIDDEN_TYPE", "type", p + "-8"),
                        tuple(11, "TIME_WITHOUT_OFFSET", "occurredAt", p + "-11"),
                        tuple(12, "NOT_AN_OBJECT", null, null));
        assertThat(errors).allSatisfy(e -> assertThat(text(e, "message")).isNotBlank());

        // accepted: keyed by aggregate id, value exactly as sent, headers type and source, one dossier in order
        List<ConsumerRecord<String, String>> events = TestKafka.consume(EVENTS_TOPIC,
                rec -> rec.value().contains(p), 3, Duration.ofSeconds(30));
        assertThat(events).extracting(ConsumerRecord::key, ConsumerRecord::value)
                .containsExactlyInAnyOrder(tuple(d1, l1), tuple(d1, l5), tuple(p + "-svc", l10));
        Map<String, ConsumerRecord<String, String>> byValue = events.stream()
                .collect(Collectors.toMap(ConsumerRecord::value, Function.identity()));
        assertThat(header(byValue.get(l1), "type")).isEqualTo("dossier.received");
        assertThat(header(byValue.get(l5), "type")).isEqualTo("dossier.paid");
        assertThat(header(byValue.get(l10), "type")).isEqualTo("service.probe");
        assertThat(events).allSatisfy(rec -> assertThat(header(rec, "source")).isEqualTo("sim"));
        assertThat(byValue.get(l1).partition()).isEqualTo(byValue.get(l5).partition());
        assertThat(byValue.get(l1).offset()).isLessThan(byValue.get(l5).offset());

        // rejected: on the dead-letter topic with reason and original text
        List<ConsumerRecord<String, String>> dead = TestKafka.consume(REJECTED_TOPIC,
                rec -> rec.value().contains(p), 7, Duration.ofSeconds(30));
        assertThat(dead).hasSize(7);
        Map<Integer, JsonNode> deadByLine = new TreeMap<>();
        for (ConsumerRecord<String, String> rec : dead) {
            JsonNode v = Http.parse(rec.value());
            deadByLine.put(v.get("line").asInt(), v);
            assertThat(rec.key()).isEqualTo(text(v, "id"));
            assertThat(header(rec, "source")).isEqualTo("sim");
        }
        assertThat(deadByLine.keySet()).containsExactly(3, 4, 6, 7, 8, 11, 12);
        assertThat(deadByLine.get(3).get("payload").asText()).isEqualTo(l3);
        assertThat(deadByLine.get(4).get("payload").asText()).isEqualTo(l4);
        assertThat(deadByLine.get(6).get("payload").asText()).isEqualTo(l6);
        assertThat(deadByLine.get(12).get("payload").asText()).isEqualTo(l12);
        JsonNode d6 = deadByLine.get(6);
        assertThat(text(d6, "source")).isEqualTo("sim");
        assertThat(text(d6, "id")).isEqualTo(p + "-6");
        assertThat(text(d6, "receivedAt")).isNotBlank();
        assertThat(text(d6.get("errors").get(0), "code")).isEqualTo("SOURCE_MISMATCH");
        assertThat(text(d6.get("errors").get(0), "field")).isEqualTo("source");
        assertThat(text(deadByLine.get(4).get("errors").get(0), "code")).isEqualTo("MISSING_FIELD");
        assertThat(text(deadByLine.get(7).get("errors").get(0), "code")).isEqualTo("DUPLICATE_ID");
        assertThat(deadByLine.get(3).get("id").isNull()).isTrue();
    }

    @Test
    void jsonArrayBodyNumbersElementsAndKeepsTheirTextAsSent() {
        String p = uniq("arr");
        String e1 = dossierReceived(p + "-1", "sim", p + "-D1");
        String e2 = "{\n    \"id\": \"" + p + "-2\",\n    \"type\": \"dossier.withdrawn\",\n"
                + "    \"occurredAt\": \"2025-11-02T08:00:00+07:00\",\n    \"source\": \"sim\",\n"
                + "    \"unit\": \"00004\",\n    \"dossierId\": \"" + p + "-D1\"\n  }";
        String e3 = dossierPaid(p + "-3", "sim", p + "-D1").replace(",\"unit\":\"00004\"", "");
        String e4 = "\"" + p + "-just a string\"";
        String body = "[\n  " + e1 + ",\n  " + e2 + " ,\n  " + e3 + ",\n  " + e4 + "\n]\n";

        Response r = http.post(EVENTS, SIM_TOKEN, "application/json", body);

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("accepted").asInt()).isEqualTo(2);
        assertThat(r.json().get("rejected").asInt()).isEqualTo(2);
        assertThat(list(r.json().get("errors"))).extracting(e -> e.get("line").asInt(), e -> text(e, "code"),
                e -> text(e, "field")).containsExactly(tuple(3, "MISSING_FIELD", "unit"), tuple(4, "NOT_AN_OBJECT", null));
        List<ConsumerRecord<String, String>> events = TestKafka.consume(EVENTS_TOPIC,
                rec -> rec.value().contains(p), 2, Duration.ofSeconds(30));
        assertThat(events).extracting(ConsumerRecord::key, ConsumerRecord::value)
                .containsExactly(tuple(p + "-D1", e1), tuple(p + "-D1", e2));
        List<ConsumerRecord<String, String>> dead = TestKafka.consume(REJECTED_TOPIC,
                rec -> rec.value().contains(p), 2, Duration.ofSeconds(30));
        assertThat(dead).extracting(rec -> Http.parse(rec.value()).get("payload").asText())
                .containsExactlyInAnyOrder(e3, e4);
    }

    @Test
    void aSingleJsonObjectBodyIsOneEvent() {
        String p = uniq("one");
        Response r = http.post(EVENTS, SIM_TOKEN, "application/json; charset=UTF-8", dossierPaid(p, "sim", p + "-D"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("accepted").asInt()).isEqualTo(1);
    }

    @Test
    void brokenJsonArrayIs400AndNothingIsAccepted() {
        Response r = http.post(EVENTS, SIM_TOKEN, "application/json", "[" + dossierPaid(uniq("bad"), "sim", "D") + ", {\"id\":");
        assertThat(r.status()).isEqualTo(400);
        assertThat(text(r.json(), "error")).isEqualTo("bad_request");
        assertThat(text(r.json(), "message")).contains("element 2");
    }

    @Test
    void missingOrUnknownTokenIs401() {
        String line = dossierPaid(uniq("auth"), "sim", "D");
        Response none = http.post(EVENTS, null, NDJSON, line);
        assertThat(none.status()).isEqualTo(401);
        assertThat(text(none.json(), "error")).isEqualTo("unauthorized");
        assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
        Response bad = http.post(EVENTS, SIM_TOKEN + "x", NDJSON, line);
        assertThat(bad.status()).isEqualTo(401);
        assertThat(text(bad.json(), "message")).isEqualTo("invalid source token");
    }

    @Test
    void aSourceThatMayNotSendAnythingIs403() {
        Response r = http.post(EVENTS, MUTED_TOKEN, NDJSON, dossierPaid(uniq("muted"), "muted", "D"));
        assertThat(r.status()).isEqualTo(403);
        assertThat(text(r.json(), "error")).isEqualTo("forbidden");
    }

    @Test
    void tokenFromTheTokensFileWorksAndIsBoundToItsSource() {
        String p = uniq("portal");
        String body = dossierPaid(p + "-1", "portal", p + "-D") + "\n" + dossierPaid(p + "-2", "sim", p + "-D") + "\n";
        Response r = http.post(EVENTS, PORTAL_TOKEN, NDJSON, body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("accepted").asInt()).isEqualTo(1);
        assertThat(list(r.json().get("errors"))).extracting(e -> e.get("line").asInt(), e -> text(e, "code"))
                .containsExactly(tuple(2, "SOURCE_MISMATCH"));
    }

    @Test
    void onlyTheCatalogSourceMaySendCatalogEvents() {
        String p = uniq("cat");
        String unit = "{\"id\":\"" + p + "\",\"type\":\"catalog.unit\",\"occurredAt\":\"2025-11-01T10:00:00+07:00\","
                + "\"source\":\"%s\",\"unit\":\"" + p + "\",\"code\":\"" + p + "\",\"name\":\"Xã Sóc Sơn\","
                + "\"level\":\"COMMUNE\",\"parent\":\"01\",\"validFrom\":\"2025-07-01\"}";
        Response sim = http.post(EVENTS, SIM_TOKEN, NDJSON, unit.formatted("sim"));
        assertThat(list(sim.json().get("errors"))).extracting(e -> text(e, "code"), e -> text(e, "field"))
                .containsExactly(tuple("FORBIDDEN_TYPE", "type"));
        Response catalog = http.post(EVENTS, CATALOG_TOKEN, NDJSON, unit.formatted("catalog"));
        assertThat(catalog.json().get("accepted").asInt()).as(catalog.body()).isEqualTo(1);
        // and the catalogue source sends catalogue events only
        Response catalogDossier = http.post(EVENTS, CATALOG_TOKEN, NDJSON, dossierPaid(p + "-x", "catalog", "D"));
        assertThat(list(catalogDossier.json().get("errors"))).extracting(e -> text(e, "code"))
                .containsExactly("FORBIDDEN_TYPE");
    }

    @Test
    void oversizedBodyIs413WithContentLengthAndWhenChunked() {
        StringBuilder sb = new StringBuilder();
        String p = uniq("big");
        for (int i = 0; sb.length() < 300 * 1024; i++) {
            sb.append(dossierPaid(p + "-" + i, "sim", p + "-D")).append('\n');
        }
        byte[] body = sb.toString().getBytes(StandardCharsets.UTF_8);
        Response withLength = http.post(EVENTS, SIM_TOKEN, NDJSON, body, false);
        assertThat(withLength.status()).isEqualTo(413);
        assertThat(text(withLength.json(), "error")).isEqualTo("payload_too_large");
        assertThat(withLength.json().get("limitBytes").asLong()).isEqualTo(256 * 1024);
        Response chunked = http.post(EVENTS, SIM_TOKEN, NDJSON, body, true);
        assertThat(chunked.status()).isEqualTo(413);
        // the same body in two halves is fine
        int half = sb.indexOf("\n", sb.length() / 2) + 1;
        Response first = http.post(EVENTS, SIM_TOKEN, NDJSON, sb.substring(0, half).getBytes(StandardCharsets.UTF_8), true);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("rejected").asInt()).isZero();
    }

    @Test
    void wrongContentTypeIs415AndNamesTheAcceptedTypes() {
        Response plain = http.post(EVENTS, SIM_TOKEN, "text/plain", dossierPaid(uniq("ct"), "sim", "D"));
        assertThat(plain.status()).isEqualTo(415);
        assertThat(list(plain.json().get("accepted"))).extracting(JsonNode::asText)
                .contains("application/x-ndjson", "application/json");
        assertThat(plain.header("Accept-Post")).contains("application/x-ndjson");
        assertThat(http.post(EVENTS, SIM_TOKEN, null, "x").status()).isEqualTo(415);
        assertThat(http.post(EVENTS, SIM_TOKEN, "application/x-ndjson; charset=ISO-8859-1", "x").status()).isEqualTo(415);
    }

    @Test
    void tooLongLinesAndInvalidUtf8AreRejectedPerLine() {
        String p = uniq("long");
        String longLine = dossierPaid(p + "-1", "sim", "D").replace("\"online\"", "\"pad\":\"" + "x".repeat(20_000) + "\",\"online\"");
        byte[] bad = dossierPaid(p + "-2", "sim", "D").getBytes(StandardCharsets.UTF_8);
        byte[] invalid = new byte[bad.length];
        System.arraycopy(bad, 0, invalid, 0, bad.length);
        invalid[invalid.length - 3] = (byte) 0xC3; // a lead byte followed by ASCII
        String ok = dossierPaid(p + "-3", "sim", "D");
        byte[] body = concat(longLine.getBytes(StandardCharsets.UTF_8), "\n".getBytes(), invalid, "\n".getBytes(),
                ok.getBytes(StandardCharsets.UTF_8));
        Response r = http.post(EVENTS, SIM_TOKEN, NDJSON, body, false);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("accepted").asInt()).isEqualTo(1);
        assertThat(list(r.json().get("errors"))).extracting(e -> e.get("line").asInt(), e -> text(e, "code"))
                .containsExactly(tuple(1, "TOO_LONG"), tuple(2, "MALFORMED_JSON"));
        List<ConsumerRecord<String, String>> dead = TestKafka.consume(REJECTED_TOPIC,
                rec -> rec.value().contains(p + "-1"), 1, Duration.ofSeconds(30));
        assertThat(dead).hasSize(1);
        JsonNode v = Http.parse(dead.get(0).value());
        assertThat(v.get("payloadTruncated").asBoolean()).isTrue();
        assertThat(v.get("payload").asText()).hasSize(16 * 1024);
    }

    @Test
    void healthReportsKafka() {
        Response h = http.get("/actuator/health");
        assertThat(h.status()).isEqualTo(200);
        assertThat(text(h.json(), "status")).isEqualTo("UP");
        JsonNode kafka = h.json().get("components").get("kafka");
        assertThat(text(kafka, "status")).isEqualTo("UP");
        assertThat(kafka.get("details").get("topicsReady").asBoolean()).isTrue();
        assertThat(http.get("/actuator/health/readiness").status()).isEqualTo(200);
    }

    // ------------------------------------------------------------------ helpers

    static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    static String header(ConsumerRecord<String, String> rec, String name) {
        Header h = rec.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int off = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, off, p.length);
            off += p.length;
        }
        return out;
    }
}
