package org.civicpulse.streaming.rows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civicpulse.streaming.TestEvents.days;
import static org.civicpulse.streaming.TestEvents.millis;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.civicpulse.domain.event.CatalogMerger;
import org.civicpulse.streaming.TestEvents;
import org.civicpulse.streaming.model.DossierFact;
import org.civicpulse.streaming.model.EventEnvelope;
import org.civicpulse.streaming.model.FeedbackFact;
import org.civicpulse.streaming.model.RejectedEvent;
import org.civicpulse.streaming.model.TableRow;
import org.junit.jupiter.api.Test;

class FactRowsTest {

    @Test
    void timesAreLocalHanoiTimeWithoutFractions() {
        assertThat(FactRows.formatTime(Instant.parse("2026-10-14T17:30:00.999Z").toEpochMilli()))
                .isEqualTo("2026-10-15 00:30:00");
        assertThat(FactRows.formatTime(0)).isEqualTo("1970-01-01 08:00:00"); // tzdb: +08:00 in 1970
    }

    @Test
    void timesOutsideDateTimeRangeAreClamped() {
        assertThat(FactRows.formatTime(-5_000_000_000L)).isEqualTo("1970-01-01 08:00:00"); // tzdb: +08:00 in 1970
        assertThat(FactRows.formatTime(Instant.parse("2300-01-01T00:00:00Z").toEpochMilli()))
                .isEqualTo("2105-12-31 07:00:00");
    }

    @Test
    void dossierFactRow() {
        DossierFact f = new DossierFact("D-1", "HN-CG", "1.001234", "ONLINE", "BUSINESS", true, false,
                millis(days(0)), millis(days(5)), 1, 172_800, null, true, false, 50_000,
                millis(days(6)), "APPROVED", true, false, true, "POSTAL", millis(days(7)), 5, millis(days(8)),
                null, "COMPLETED", Boolean.TRUE, false, "one-stop-shop", millis(days(8)), 7, 14);

        TableRow row = FactRows.dossier(f);

        assertThat(row.table).isEqualTo("dossier_facts");
        assertThat(row.json).isEqualTo("{\"dossier_id\":\"D-1\",\"unit\":\"HN-CG\",\"procedure\":\"1.001234\","
                + "\"channel\":\"ONLINE\",\"applicant\":\"BUSINESS\",\"vneid\":1,\"full_process\":0,"
                + "\"received_at\":\"2026-11-02 08:00:00\",\"due_at\":\"2026-11-07 08:00:00\","
                + "\"supplement_requests\":1,\"supplement_wait_seconds\":172800,\"supplement_open_since\":null,"
                + "\"paid\":1,\"paid_online\":0,\"amount_vnd\":50000,\"completed_at\":\"2026-11-08 08:00:00\","
                + "\"outcome\":\"APPROVED\",\"e_result\":1,\"digitized\":0,\"reused_data\":1,"
                + "\"returned_via\":\"POSTAL\",\"returned_at\":\"2026-11-09 08:00:00\",\"rating\":5,"
                + "\"rated_at\":\"2026-11-10 08:00:00\",\"withdrawn_at\":null,\"status\":\"COMPLETED\","
                + "\"on_time\":1,\"overdue_now\":0,\"source\":\"one-stop-shop\","
                + "\"last_event_at\":\"2026-11-10 08:00:00\",\"event_count\":7,\"version\":14}");
    }

    @Test
    void inProgressDossierHasNullOnTimeAndRating() {
        DossierFact f = new DossierFact("D-2", "U", "P", "DIRECT", "CITIZEN", false, false,
                millis(days(0)), millis(days(5)), 0, 0, millis(days(1)), false, false, 0,
                null, "NONE", false, false, false, "NONE", null, null, null,
                null, "IN_PROGRESS", null, true, "s", millis(days(1)), 2, 5);

        String json = FactRows.dossier(f).json;
        assertThat(json).contains("\"on_time\":null", "\"rating\":null", "\"completed_at\":null",
                "\"supplement_open_since\":\"2026-11-03 08:00:00\"", "\"overdue_now\":1", "\"outcome\":\"NONE\"");
    }

    @Test
    void feedbackRow() {
        assertThat(FactRows.feedback(new FeedbackFact("FB-1", "U", null, millis(days(0)), null, 1)).json)
                .isEqualTo("{\"feedback_id\":\"FB-1\",\"unit\":\"U\",\"dossier_id\":null,"
                        + "\"received_at\":\"2026-11-02 08:00:00\",\"answered_at\":null,\"version\":1}");
    }

    @Test
    void eventsRowKeepsTheRawPayloadAndKafkaTime() {
        EventEnvelope e = TestEvents.envelope(TestEvents.login("l-1", days(0)));
        String json = FactRows.event(e).json;
        assertThat(json).startsWith("{\"id\":\"l-1\",\"type\":\"portal.login\",\"source\":\"portal\",\"unit\":\""
                + TestEvents.UNIT + "\",\"aggregate_id\":\"u-7f3a\",\"occurred_at\":\"2026-11-02 08:00:00\","
                + "\"ingested_at\":\"2026-11-02 08:00:01\",\"payload\":");
        assertThat(json).contains("\"payload\":" + quote(e.json));
    }

    @Test
    void perEventRows() {
        OffsetDateTime at = OffsetDateTime.parse("2026-11-02T01:00:00Z");
        assertThat(FactRows.login(TestEvents.login("l-1", at)).json).isEqualTo(
                "{\"event_id\":\"l-1\",\"unit\":\"" + TestEvents.UNIT + "\",\"user_hash\":\"u-7f3a\",\"method\":\"VNEID\","
                        + "\"occurred_at\":\"2026-11-02 08:00:00\"}");
        assertThat(FactRows.document(TestEvents.document("d-1", at)).json).isEqualTo(
                "{\"event_id\":\"d-1\",\"unit\":\"" + TestEvents.UNIT + "\",\"document_id\":\"doc-1\",\"electronic\":1,"
                        + "\"signed\":0,\"occurred_at\":\"2026-11-02 08:00:00\"}");
        assertThat(FactRows.probe(TestEvents.probe("p-1", at)).json).isEqualTo(
                "{\"event_id\":\"p-1\",\"unit\":\"" + TestEvents.UNIT + "\",\"service\":\"dvc-portal\",\"up\":1,"
                        + "\"latency_ms\":123,\"occurred_at\":\"2026-11-02 08:00:00\"}");
        assertThat(FactRows.reportAction(TestEvents.report("r-1", at)).json).isEqualTo(
                "{\"event_id\":\"r-1\",\"unit\":\"" + TestEvents.UNIT + "\",\"regime\":\"R-CCHC\",\"period\":\"2026-M11\","
                        + "\"action\":\"SUBMITTED\",\"values_json\":\"{\\\"dossiers\\\":12}\",\"by_user\":\"officer1\","
                        + "\"comment\":\"số liệu tháng 11\",\"occurred_at\":\"2026-11-02 08:00:00\"}");
        assertThat(FactRows.orgUnit(TestEvents.unit("u-1", at)).json).isEqualTo(
                "{\"code\":\"HN-CG\",\"name\":\"Phường Cầu Giấy\",\"level\":\"COMMUNE\",\"parent\":\"HN\","
                        + "\"valid_from\":\"2025-07-01\",\"valid_to\":null,\"version\":" + millis(at) + "}");
        assertThat(FactRows.procedure(TestEvents.procedure("c-1", at)).json).isEqualTo(
                "{\"code\":\"1.001234\",\"name\":\"Cấp phiếu lý lịch tư pháp\",\"field\":\"Tư pháp\","
                        + "\"authority_level\":\"Sở\",\"unit\":\"HN-STP\",\"full_process_eligible\":1,"
                        + "\"online_service\":\"FULL\",\"national_portal\":1,\"ux_redesigned\":0,\"has_fee\":1,"
                        + "\"paper_result\":0,\"simplified\":1,\"legal_days\":10,\"version\":" + millis(at) + "}");
        assertThat(FactRows.orgMerger(TestEvents.merger("m-1", at)).json).isEqualTo(
                "{\"old_code\":\"HN-DV\",\"new_code\":\"HN-CG\",\"effective\":\"2025-07-01\",\"merge_type\":\"PART\","
                        + "\"version\":" + millis(at) + "}");
    }

    @Test
    void mergerWithoutATypeHasAnEmptyMergeType() {
        OffsetDateTime at = OffsetDateTime.parse("2026-11-02T01:00:00Z");
        CatalogMerger m = new CatalogMerger("m-2", at, "catalog", "HN-CG", "HN-CG", "HN-CG", LocalDate.of(2025, 7, 1), null);
        TableRow row = FactRows.orgMerger(m);
        assertThat(row.table).isEqualTo(Tables.ORG_MERGERS);
        assertThat(row.json).contains("\"merge_type\":\"\"", "\"version\":" + millis(at));
    }

    @Test
    void reportActionNames() {
        assertThat(FactRows.reportAction("report.submitted")).isEqualTo("SUBMITTED");
        assertThat(FactRows.reportAction("report.approved")).isEqualTo("APPROVED");
        assertThat(FactRows.reportAction("report.returned")).isEqualTo("RETURNED");
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Test
    void rejectedEventRow() {
        RejectedEvent r = new RejectedEvent("civicpulse.rejected.v1-0@7", "portal", "HN-CG",
                Instant.parse("2026-10-14T17:30:00.5Z").toEpochMilli(), java.util.List.of("MISSING_FIELD", "TOO_LONG"),
                "{\"id\":\"x\",\"unit\":\"HN-CG\"}");

        TableRow row = FactRows.rejectedEvent(r);

        assertThat(row.table).isEqualTo("rejected_events");
        assertThat(row.json).isEqualTo("{\"dead_letter_id\":\"civicpulse.rejected.v1-0@7\",\"source\":\"portal\","
                + "\"unit\":\"HN-CG\",\"received_at\":\"2026-10-15 00:30:00\","
                + "\"error_codes\":[\"MISSING_FIELD\",\"TOO_LONG\"],\"first_error\":\"MISSING_FIELD\","
                + "\"payload\":\"{\\\"id\\\":\\\"x\\\",\\\"unit\\\":\\\"HN-CG\\\"}\"}");

        TableRow empty = FactRows.rejectedEvent(new RejectedEvent("t-0@1", "", "", 0, java.util.List.of(), ""));
        assertThat(empty.json).contains("\"error_codes\":[],\"first_error\":\"\"");
    }
}
