package org.civicpulse.ingestion.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.civicpulse.ingestion.support.Http;
import org.civicpulse.ingestion.support.Http.Response;
import org.civicpulse.ingestion.support.IngestionTestBase;
import org.civicpulse.ingestion.support.TestKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalogue import: CSV/JSON → catalog.* events on the same Kafka path, deterministic ids, CLI. */
class CatalogImportTest extends IngestionTestBase {

    private static final String HEADER_UNITS = "code,name,level,parent,valid_from,valid_to";
    private static final String HEADER_PROCEDURES = "code,name,field,authority_level,unit,full_process_eligible,"
            + "online_service,national_portal,ux_redesigned,has_fee,paper_result,simplified,legal_days";
    private static final String HEADER_MERGERS = "old_code,new_code,effective,merge_type";

    @Test
    void unitsCsvBecomesCatalogUnitEventsWithLineAndColumnInErrors() {
        String p = uniq("U");
        String ngocHaDecomposed = Normalizer.normalize("Phường Ngọc Hà, Hà Nội", Normalizer.Form.NFD);
        String csv = "\uFEFF" + HEADER_UNITS + "\r\n"
                + p + "-01,Thành phố Hà Nội,CITY,,2025-07-01,\r\n"
                + p + "-00004,\"Phường Ba Đình\",WARD," + p + "-01,2025-07-01,\r\n"
                + p + "-00008,\"" + ngocHaDecomposed + "\",commune," + p + "-01,2025-07-01,2026-12-31\r\n"
                + p + "-99999,Xã Sai,PLANET," + p + "-01,2025-07-01,\r\n"
                + "\r\n"
                + p + "-99998,Xã Sai Ngày,COMMUNE," + p + "-01,01/07/2025,\r\n";

        Response r = http.post("/api/v1/catalog/units", CATALOG_TOKEN, "text/csv", csv);

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("accepted").asInt()).isEqualTo(3);
        assertThat(r.json().get("rejected").asInt()).isEqualTo(2);
        assertThat(list(r.json().get("errors"))).extracting(e -> e.get("line").asInt(), e -> text(e, "code"),
                e -> text(e, "field")).containsExactly(
                tuple(5, "INVALID_VALUE", "level"),
                tuple(7, "INVALID_VALUE", "valid_from"));

        List<ConsumerRecord<String, String>> recs = TestKafka.consume(EVENTS_TOPIC,
                rec -> rec.key() != null && rec.key().startsWith(p), 3, Duration.ofSeconds(30));
        Map<String, JsonNode> byCode = new TreeMap<>();
        for (ConsumerRecord<String, String> rec : recs) {
            JsonNode v = Http.parse(rec.value());
            byCode.put(rec.key(), v);
            assertThat(text(v, "type")).isEqualTo("catalog.unit");
            assertThat(text(v, "source")).isEqualTo("catalog");
            assertThat(text(v, "unit")).isEqualTo(rec.key());
            assertThat(text(v, "id")).matches("catalog\\.unit:" + p + "-\\d+:2025-07-01:[0-9a-f]{16}");
            assertThat(new String(rec.headers().lastHeader("type").value(), StandardCharsets.UTF_8)).isEqualTo("catalog.unit");
        }
        assertThat(byCode).containsOnlyKeys(p + "-01", p + "-00004", p + "-00008");
        assertThat(text(byCode.get(p + "-00004"), "level")).isEqualTo("COMMUNE");
        assertThat(text(byCode.get(p + "-00004"), "parent")).isEqualTo(p + "-01");
        assertThat(byCode.get(p + "-01").get("parent").isNull()).isTrue();
        assertThat(text(byCode.get(p + "-00008"), "name")).isEqualTo("Phường Ngọc Hà, Hà Nội")
                .isEqualTo(Normalizer.normalize(ngocHaDecomposed, Normalizer.Form.NFC));
        assertThat(text(byCode.get(p + "-00008"), "validTo")).isEqualTo("2026-12-31");

        List<ConsumerRecord<String, String>> dead = TestKafka.consume(REJECTED_TOPIC,
                rec -> rec.value().contains(p + "-9999"), 2, Duration.ofSeconds(30));
        assertThat(dead).extracting(rec -> Http.parse(rec.value()).get("payload").asText())
                .containsExactlyInAnyOrder(p + "-99999,Xã Sai,PLANET," + p + "-01,2025-07-01,",
                        p + "-99998,Xã Sai Ngày,COMMUNE," + p + "-01,01/07/2025,");
    }

    @Test
    void reimportSendsTheSameIdsAndAChangedRowGetsANewOne() {
        String p = uniq("R");
        String csv = HEADER_UNITS + "\n"
                + p + "-01,Thành phố Hà Nội,CITY,,2025-07-01,\n"
                + p + "-00025,Phường Giảng Võ,WARD," + p + "-01,2025-07-01,\n";
        Response first = http.post("/api/v1/catalog/units", CATALOG_TOKEN, "text/csv; charset=utf-8", csv);
        Response again = http.post("/api/v1/catalog/units", CATALOG_TOKEN, "text/csv", csv);
        Response changed = http.post("/api/v1/catalog/units", CATALOG_TOKEN, "text/csv",
                csv.replace("Phường Giảng Võ", "Phường Giảng Võ mới"));
        assertThat(List.of(first, again, changed)).allSatisfy(r -> {
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().get("accepted").asInt()).isEqualTo(2);
        });
        List<ConsumerRecord<String, String>> recs = TestKafka.consume(EVENTS_TOPIC,
                rec -> rec.key() != null && rec.key().startsWith(p), 6, Duration.ofSeconds(30));
        assertThat(recs).hasSize(6);
        List<String> cityIds = new ArrayList<>();
        List<String> wardIds = new ArrayList<>();
        for (ConsumerRecord<String, String> rec : recs) {
            (rec.key().endsWith("-01") ? cityIds : wardIds).add(text(Http.parse(rec.value()), "id"));
        }
        assertThat(cityIds).hasSize(3).containsOnly(cityIds.get(0));
        assertThat(wardIds).hasSize(3);
        assertThat(wardIds.get(1)).isEqualTo(wardIds.get(0));
        assertThat(wardIds.get(2)).isNotEqualTo(wardIds.get(0)).startsWith("catalog.unit:" + p + "-00025:2025-07-01:");
    }

    @Test
    void proceduresCsvWithQuotingAndBooleanSpellings() {
        String p = uniq("P");
        String csv = HEADER_PROCEDURES + "\n"
                + p + "-1.000656,Thủ tục đăng ký khai tử,Hộ tịch,COMMUNE,00004,true,FULL,true,false,false,true,false,3\n"
                + p + "-2.002625,\"Công bố khu vực, địa điểm tiếp nhận chất nạo vét \"\"trên bờ\"\"\","
                + "Hàng hải và đường thủy nội địa,CITY,01,yes,partial,1,0,no,n,y,15\n"
                + p + "-bad,\"Thủ tục\nnhiều dòng\",Hộ tịch,COMMUNE,00004,maybe,FULL,true,false,false,true,false,abc\n"
                + p + "-after,Thủ tục sau,Hộ tịch,COMMUNE,00004,false,NONE,false,false,false,false,false,0\n";
        Response r = http.post("/api/v1/catalog/procedures", CATALOG_TOKEN, "text/csv", csv);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("accepted").asInt()).isEqualTo(3);
        assertThat(list(r.json().get("errors"))).extracting(e -> e.get("line").asInt(), e -> text(e, "field"),
                e -> text(e, "code")).containsExactly(
                tuple(4, "full_process_eligible", "INVALID_VALUE"),
                tuple(4, "legal_days", "INVALID_VALUE"));
        List<ConsumerRecord<String, String>> recs = TestKafka.consume(EVENTS_TOPIC,
                rec -> rec.key() != null && rec.key().startsWith(p), 3, Duration.ofSeconds(30));
        Map<String, JsonNode> byCode = new TreeMap<>();
        recs.forEach(rec -> byCode.put(rec.key(), Http.parse(rec.value())));
        JsonNode quoted = byCode.get(p + "-2.002625");
        assertThat(text(quoted, "type")).isEqualTo("catalog.procedure");
        assertThat(text(quoted, "name")).isEqualTo("Công bố khu vực, địa điểm tiếp nhận chất nạo vét \"trên bờ\"");
        assertThat(text(quoted, "unit")).isEqualTo("01");
        assertThat(text(quoted, "onlineService")).isEqualTo("PARTIAL");
        assertThat(quoted.get("fullProcessEligible").asBoolean()).isTrue();
        assertThat(quoted.get("uxRedesigned").asBoolean()).isFalse();
        assertThat(quoted.get("simplified").asBoolean()).isTrue();
        assertThat(quoted.get("legalDays").asInt()).isEqualTo(15);
        assertThat(text(quoted, "id")).matches("catalog\\.procedure:" + p + "-2\\.002625:[0-9a-f]{16}");
        assertThat(byCode).containsKey(p + "-after"); // the line after a multi-line record is numbered right
    }

    @Test
    void jsonCatalogImport() {
        String p = uniq("J");
        String body = "[{\"code\":\"" + p + "-1\",\"name\":\"Thủ tục cấp phép\",\"field\":\"Xây dựng\","
                + "\"authorityLevel\":\"DEPARTMENT\",\"unit\":\"SXD\",\"fullProcessEligible\":true,"
                + "\"onlineService\":\"FULL\",\"nationalPortal\":true,\"uxRedesigned\":true,\"hasFee\":true,"
                + "\"paperResult\":false,\"simplified\":false,\"legalDays\":20},"
                + "{\"code\":\"" + p + "-2\",\"name\":\"Thiếu trường\"}]";
        Response r = http.post("/api/v1/catalog/procedures", CATALOG_TOKEN, "application/json", body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("accepted").asInt()).isEqualTo(1);
        assertThat(list(r.json().get("errors"))).allSatisfy(e -> assertThat(e.get("line").asInt()).isEqualTo(2))
                .extracting(e -> text(e, "field")).contains("field", "unit", "legalDays");
    }

    @Test
    void mergersCsvBecomesCatalogMergerEventsOfTheNewUnitWithLineAndColumnInErrors() {
        String p = uniq("M");
        String csv = HEADER_MERGERS + "\n"
                + p + "-00013," + p + "-00004,2025-07-01,WHOLE\n"
                + p + "-00016," + p + "-00004,2025-07-01,part\n"
                + p + "-00316," + p + "-00004,2025-07-01,PART_AREA_WHOLE_POPULATION\n"
                + p + "-00019," + p + "-00008,2025-07-01,\n"
                + p + "-00022," + p + "-00008,01/07/2025,WHOLE\n"
                + p + "-00025," + p + "-00008,2025-07-01,SPLIT\n"
                + "," + p + "-00008,2025-07-01,WHOLE\n";

        Response r = http.post("/api/v1/catalog/mergers", CATALOG_TOKEN, "text/csv", csv);

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("accepted").asInt()).isEqualTo(4);
        assertThat(r.json().get("rejected").asInt()).isEqualTo(3);
        assertThat(list(r.json().get("errors"))).extracting(e -> e.get("line").asInt(), e -> text(e, "code"),
                e -> text(e, "field")).containsExactly(
                tuple(6, "INVALID_VALUE", "effective"),
                tuple(7, "INVALID_VALUE", "merge_type"),
                tuple(8, "MISSING_FIELD", "old_code"));
        assertThat(text(list(r.json().get("errors")).get(1), "message"))
                .isEqualTo("mergeType must be one of WHOLE, PART, got \"SPLIT\"");

        List<ConsumerRecord<String, String>> recs = TestKafka.consume(EVENTS_TOPIC,
                rec -> rec.key() != null && rec.key().startsWith(p), 4, Duration.ofSeconds(30));
        Map<String, JsonNode> byKey = new TreeMap<>();
        for (ConsumerRecord<String, String> rec : recs) {
            JsonNode v = Http.parse(rec.value());
            byKey.put(rec.key(), v);
            assertThat(text(v, "type")).isEqualTo("catalog.merger");
            assertThat(text(v, "source")).isEqualTo("catalog");
            assertThat(rec.key()).isEqualTo(text(v, "oldCode") + "/" + text(v, "newCode"));
            assertThat(text(v, "unit")).isEqualTo(text(v, "newCode"));
            assertThat(text(v, "effective")).isEqualTo("2025-07-01");
            assertThat(text(v, "id")).matches("catalog\\.merger:" + p + "-\\d+:" + p + "-\\d+:2025-07-01:[0-9a-f]{16}");
        }
        assertThat(byKey).extractingFromEntries(e -> e.getKey().substring(p.length() + 1), e -> text(e.getValue(), "mergeType"))
                .containsExactly(
                        tuple("00013/" + p + "-00004", "WHOLE"),
                        tuple("00016/" + p + "-00004", "PART"),
                        tuple("00019/" + p + "-00008", null),
                        tuple("00316/" + p + "-00004", "PART"));
    }

    @Test
    void mergersJsonImportAndAMissingNewCodeNamesItsFields() {
        String p = uniq("MJ");
        String body = "[{\"oldCode\":\"" + p + "-1\",\"newCode\":\"" + p + "-2\",\"effective\":\"2025-07-01\","
                + "\"mergeType\":\"whole\"},"
                + "{\"oldCode\":\"" + p + "-3\",\"effective\":\"2025-07-01\"}]";
        Response r = http.post("/api/v1/catalog/mergers", CATALOG_TOKEN, "application/json", body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("accepted").asInt()).isEqualTo(1);
        assertThat(list(r.json().get("errors"))).allSatisfy(e -> assertThat(e.get("line").asInt()).isEqualTo(2))
                .extracting(e -> text(e, "field")).containsExactlyInAnyOrder("unit", "newCode");
        JsonNode v = Http.parse(TestKafka.consume(EVENTS_TOPIC, rec -> rec.key() != null && rec.key().startsWith(p), 1,
                Duration.ofSeconds(30)).get(0).value());
        assertThat(text(v, "mergeType")).isEqualTo("WHOLE");
        assertThat(text(v, "unit")).isEqualTo(p + "-2");

        Response missingColumn = http.post("/api/v1/catalog/mergers", CATALOG_TOKEN, "text/csv", "old_code,effective\nX,2025-07-01\n");
        assertThat(missingColumn.status()).isEqualTo(400);
        assertThat(text(missingColumn.json(), "message")).contains("lacks the column(s) new_code;"); // merge_type is optional
    }

    @Test
    void theHanoiMergerMapImportsWithoutRejections() throws Exception {
        Path file = referenceFile("mergers.csv");
        Response r = http.post("/api/v1/catalog/mergers", CATALOG_TOKEN, "text/csv", Files.readString(file));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("rejected").asInt()).as(r.body()).isZero();
        assertThat(r.json().get("accepted").asInt()).isEqualTo(795);

        List<ConsumerRecord<String, String>> recs = TestKafka.consume(EVENTS_TOPIC,
                rec -> rec.key() != null && rec.key().matches("\\d{5}/\\d{5}"), 795, Duration.ofSeconds(60));
        Map<String, Integer> types = new TreeMap<>();
        Map<String, JsonNode> byKey = new TreeMap<>();
        for (ConsumerRecord<String, String> rec : recs) {
            JsonNode v = Http.parse(rec.value());
            types.merge(text(v, "mergeType"), 1, Integer::sum);
            byKey.put(rec.key(), v);
        }
        assertThat(byKey).hasSize(795); // one event per (old, new) pair of the map
        assertThat(types).containsExactly(Map.entry("PART", 468), Map.entry("WHOLE", 327));
        assertThat(text(byKey.get("00013/00004"), "unit")).isEqualTo("00004");
        assertThat(text(byKey.get("00013/00004"), "mergeType")).isEqualTo("WHOLE");
    }

    @Test
    void catalogImportNeedsTheCatalogToken() {
        String csv = HEADER_UNITS + "\nX,Y,CITY,,2025-07-01,\n";
        assertThat(http.post("/api/v1/catalog/units", SIM_TOKEN, "text/csv", csv).status()).isEqualTo(403);
        assertThat(http.post("/api/v1/catalog/units", null, "text/csv", csv).status()).isEqualTo(401);
        Response missingColumn = http.post("/api/v1/catalog/units", CATALOG_TOKEN, "text/csv", "code,name\nX,Y\n");
        assertThat(missingColumn.status()).isEqualTo(400);
        assertThat(text(missingColumn.json(), "message")).contains("level", "valid_from");
        assertThat(http.post("/api/v1/catalog/units", CATALOG_TOKEN, "application/x-ndjson", "{}").status())
                .isEqualTo(415);
    }

    @Test
    void commandLineClientPostsAFileAndPrintsTheResult(@TempDir Path dir) throws Exception {
        String p = uniq("CLI");
        Path csv = dir.resolve("units.csv");
        Files.writeString(csv, HEADER_UNITS + "\n" + p + "-01,Thành phố Hà Nội,CITY,,2025-07-01,\n");
        Path tokens = dir.resolve("tokens");
        Files.writeString(tokens, "# generated\nsim=" + SIM_TOKEN + "\ncatalog=" + CATALOG_TOKEN + "\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = CatalogImportMain.run(new String[] {"units", csv.toString(), "--url", "http://127.0.0.1:" + port,
                "--token-file", tokens.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(Http.parse(out.toString(StandardCharsets.UTF_8)).get("accepted").asInt()).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("1 accepted, 0 rejected");

        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, HEADER_UNITS + "\n" + p + "-02,Xã,NOWHERE,,2025-07-01,\n");
        assertThat(CatalogImportMain.run(new String[] {"units", bad.toString(), "--url", "http://127.0.0.1:" + port,
                "--token-file", tokens.toString()}, new PrintStream(out), new PrintStream(err))).isEqualTo(2);

        Path mergers = dir.resolve("mergers.csv");
        Files.writeString(mergers, HEADER_MERGERS + "\n" + p + "-03," + p + "-01,2025-07-01,WHOLE\n");
        ByteArrayOutputStream mergersErr = new ByteArrayOutputStream();
        assertThat(CatalogImportMain.run(new String[] {"mergers", mergers.toString(), "--url", "http://127.0.0.1:" + port,
                "--token-file", tokens.toString()}, new PrintStream(out), new PrintStream(mergersErr, true,
                StandardCharsets.UTF_8))).as(mergersErr.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(mergersErr.toString(StandardCharsets.UTF_8)).contains("imported mergers from", "1 accepted, 0 rejected");

        ByteArrayOutputStream usage = new ByteArrayOutputStream();
        assertThat(CatalogImportMain.run(new String[] {"wards", mergers.toString(), "--token-file", tokens.toString()},
                new PrintStream(out), new PrintStream(usage, true, StandardCharsets.UTF_8))).isEqualTo(1);
        assertThat(usage.toString(StandardCharsets.UTF_8)).contains("must be units, procedures or mergers, got wards");
    }

    /** A file of reference-data/hanoi, found from the working directory (the module or the repository root). */
    private static Path referenceFile(String name) {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path candidate = d.resolve("reference-data").resolve("hanoi").resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("reference-data/hanoi/" + name + " not found above " + Path.of("").toAbsolutePath());
    }

    static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
