package org.civicpulse.reporting.kpi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.civicpulse.reporting.clickhouse.ClickHouseConnection;

/**
 * The hand-built city of the KPI engine tests. Every number asserted in {@link KpiEngineTest} is
 * worked out by hand from the rows below (see the comments there). Local times (Asia/Ho_Chi_Minh,
 * UTC+7) are written as the schema's DateTime strings; instants in UTC are converted.
 *
 * <pre>
 * 01 Hà Nội (CITY, since ever)
 * ├── SO-TP Sở Tư pháp (DEPARTMENT, from 2025-03-01)
 * ├── SO-YT Sở Y tế (DEPARTMENT, from 2025-03-01)       — never sends anything
 * ├── 001 Quận Ba Đình (DISTRICT, until 2025-06-30)
 * │   ├── 00004 Phường Trúc Bạch (COMMUNE, until 2025-06-30)
 * │   └── 00013 Phường Quán Thánh (COMMUNE, until 2025-06-30)
 * ├── 00004 Phường Ba Đình (COMMUNE, from 2025-07-01; reuses Trúc Bạch's code)
 * └── 00008 Phường Ngọc Hà (COMMUNE, from 2025-07-01)
 * merger map: 00013 → 00004 and 00004 → 00004 on 2025-07-01 ("Nhập toàn bộ")
 *
 * procedures: PA paper result, eligible, fee, FULL, national portal, redesigned (SO-TP, DEPARTMENT)
 *             PB no paper, not eligible, no fee, PARTIAL, simplified            (SO-TP, DEPARTMENT)
 *             PC no paper, eligible, fee, NONE                                  (01, COMMUNE)
 *             PD no paper, eligible, no fee, FULL, redesigned                   (SO-TP, DEPARTMENT)
 * </pre>
 */
public final class KpiFixture {

    private static final ObjectMapper JSON = new ObjectMapper();

    private KpiFixture() {
    }

    static void load(ClickHouseConnection ch) {
        ch.insertJsonEachRow("org_units", List.of(
                unit("01", "Thành phố Hà Nội", "CITY", null, "1970-01-01", null),
                unit("SO-TP", "Sở Tư pháp", "DEPARTMENT", "01", "2025-03-01", null),
                unit("SO-YT", "Sở Y tế", "DEPARTMENT", "01", "2025-03-01", null),
                unit("001", "Quận Ba Đình", "DISTRICT", "01", "1970-01-01", "2025-06-30"),
                unit("00004", "Phường Trúc Bạch", "COMMUNE", "001", "1970-01-01", "2025-06-30"),
                unit("00013", "Phường Quán Thánh", "COMMUNE", "001", "1970-01-01", "2025-06-30"),
                unit("00004", "Phường Ba Đình", "COMMUNE", "01", "2025-07-01", null),
                unit("00008", "Phường Ngọc Hà", "COMMUNE", "01", "2025-07-01", null)));

        ch.insertJsonEachRow("procedures", List.of(
                procedure("PA", "SO-TP", "DEPARTMENT", 1, "FULL", 1, 1, 1, 1, 0),
                procedure("PB", "SO-TP", "DEPARTMENT", 0, "PARTIAL", 0, 0, 0, 0, 1),
                procedure("PC", "01", "COMMUNE", 1, "NONE", 0, 0, 1, 0, 0),
                procedure("PD", "SO-TP", "DEPARTMENT", 1, "FULL", 0, 1, 0, 0, 0)));

        List<String> d = new ArrayList<>();
        // ---- 2026-M11 (15 Oct – 14 Nov 2026) --------------------------------------------------
        // d01 on time, everything electronic, paid online, rated 5
        d.add(dossier("d01", "00004", "PA", "ONLINE", 1, 1).received("2026-10-20 09:00:00").due("2026-10-27 23:59:59")
                .completed("2026-10-26 10:00:00").results(1, 1, 1).paid(1, 1, 50000).returned("ONLINE").rating(5).json());
        // d02 completed after its due date but within due + the 3-day supplement pause: on time; rated 2
        d.add(dossier("d02", "00004", "PB", "DIRECT", 0, 0).received("2026-10-16 08:00:00").due("2026-10-20 23:59:59")
                .supplements(1, 259200, null).completed("2026-10-22 10:00:00").results(0, 1, 0).returned("POSTAL")
                .rating(2).json());
        // d03 two supplement requests ⇒ late, although completed long before its due date
        d.add(dossier("d03", "00004", "PB", "ONLINE", 0, 1).received("2026-10-18 10:00:00").due("2026-11-10 23:59:59")
                .supplements(2, 86400, null).completed("2026-10-25 10:00:00").results(0, 0, 0).returned("ONLINE").json());
        // d04 in progress at the period end and not late then (due 20 Nov); overdue by 27 Nov
        d.add(dossier("d04", "00008", "PA", "ONLINE", 1, 0).received("2026-11-10 09:00:00").due("2026-11-20 23:59:59").json());
        // d05 in progress and late at the period end (due 5 Nov)
        d.add(dossier("d05", "00008", "PC", "DIRECT", 0, 1).received("2026-10-25 09:00:00").due("2026-11-05 23:59:59").json());
        // d06 completed after the period end (16 Nov): judged in progress at the end, late (due 12 Nov)
        d.add(dossier("d06", "00008", "PB", "DIRECT", 0, 0).received("2026-11-01 09:00:00").due("2026-11-12 23:59:59")
                .completed("2026-11-16 10:00:00").results(0, 1, 0).json());
        // d07 in progress with an open supplement pause since 5 Nov: due 7 Nov + pause ⇒ not late at the end
        d.add(dossier("d07", "00008", "PB", "DIRECT", 0, 0).received("2026-10-28 09:00:00").due("2026-11-07 23:59:59")
                .supplements(1, 0, "2026-11-05 09:00:00").json());
        // d08 carried over from 2026-M10, completed in M11 on time
        d.add(dossier("d08", "SO-TP", "PD", "ONLINE", 1, 1).received("2026-10-10 09:00:00").due("2026-10-20 23:59:59")
                .completed("2026-10-19 15:00:00").results(0, 1, 0).returned("ONLINE").rating(4).json());
        // d09 carried over from 2026-M10, still in progress, not late
        d.add(dossier("d09", "SO-TP", "PB", "DIRECT", 0, 0).received("2026-09-20 09:00:00").due("2026-12-31 23:59:59").json());
        // d10 completed before the period: not in M11 at all
        d.add(dossier("d10", "SO-TP", "PB", "DIRECT", 0, 0).received("2026-09-16 09:00:00").due("2026-10-20 23:59:59")
                .completed("2026-10-10 10:00:00").results(0, 1, 0).json());
        // d11 received 14 Oct 23:59 local (M10), completed in M11: carried over, not "received in M11"
        d.add(dossier("d11", "00004", "PB", "DIRECT", 0, 0).receivedUtc("2026-10-14T16:59:00Z").due("2026-10-20 23:59:59")
                .completed("2026-10-16 10:00:00").results(0, 0, 0).returned("DIRECT").json());
        // d12 received 15 Oct 00:00 local (= 2026-10-14T17:00Z): in M11
        d.add(dossier("d12", "00004", "PB", "DIRECT", 0, 0).receivedUtc("2026-10-14T17:00:00Z").due("2026-11-30 23:59:59").json());
        // d13 received at 2026-10-14T17:30Z = 15 Oct 00:30 local: in M11
        d.add(dossier("d13", "00004", "PB", "ONLINE", 0, 0).receivedUtc("2026-10-14T17:30:00Z").due("2026-10-31 23:59:59")
                .completed("2026-10-30 10:00:00").results(0, 1, 0).json());
        // d14 withdrawn in M11: out of every denominator
        d.add(dossier("d14", "00008", "PA", "ONLINE", 1, 1).received("2026-10-20 09:00:00").due("2026-10-30 23:59:59")
                .withdrawn("2026-10-25 10:00:00").json());
        // d15 withdrawn on 20 Nov, after M11: counts in M11 (in progress, not late), not in M12
        d.add(dossier("d15", "00008", "PB", "DIRECT", 0, 0).received("2026-11-03 09:00:00").due("2026-11-25 23:59:59")
                .withdrawn("2026-11-20 10:00:00").json());
        // d16 fee-bearing procedure, paid 0 VND (exempted): leaves Q3.6's denominator
        d.add(dossier("d16", "00004", "PC", "DIRECT", 0, 0).received("2026-11-05 09:00:00").due("2026-11-20 23:59:59")
                .paid(1, 0, 0).json());
        // d17 fee-bearing procedure, not paid yet
        d.add(dossier("d17", "00004", "PC", "ONLINE", 0, 0).received("2026-11-06 09:00:00").due("2026-11-25 23:59:59").json());
        // d18 a feedback (fb1) is linked to it; rated 4
        d.add(dossier("d18", "SO-TP", "PD", "ONLINE", 1, 1).received("2026-11-02 09:00:00").due("2026-11-09 23:59:59")
                .completed("2026-11-08 10:00:00").results(0, 1, 1).returned("ONLINE").rating(4).json());
        // dX a unit code the catalogue does not know: counts nowhere
        d.add(dossier("dX", "ZZZ", "PB", "ONLINE", 1, 1).received("2026-10-20 09:00:00").due("2026-10-27 23:59:59").json());
        // ---- 2026-M12 (15 Nov – 14 Dec 2026), the current period on 27 Nov ----------------------
        d.add(dossier("d19", "00004", "PB", "ONLINE", 0, 1).received("2026-11-20 09:00:00").due("2026-12-05 23:59:59").json());
        d.add(dossier("d20", "00004", "PB", "DIRECT", 0, 0).received("2026-11-21 09:00:00").due("2026-11-26 23:59:59").json());
        // ---- the July 2025 reform ---------------------------------------------------------------
        // r1 old ward 00013 (under district 001), 2025-M6
        d.add(dossier("r1", "00013", "PB", "DIRECT", 0, 0).received("2025-05-20 09:00:00").due("2025-05-30 23:59:59")
                .completed("2025-05-25 10:00:00").results(0, 0, 0).json());
        // r2 old 00004 (Trúc Bạch, under 001), 2025-M6
        d.add(dossier("r2", "00004", "PB", "DIRECT", 0, 0).received("2025-06-01 09:00:00").due("2025-06-10 23:59:59")
                .completed("2025-06-05 10:00:00").results(0, 0, 0).json());
        // r3 code 00004 on 20 Jun 2025: still Trúc Bạch under 001 (2025-M7, before the reform)
        d.add(dossier("r3", "00004", "PB", "DIRECT", 0, 0).received("2025-06-20 09:00:00").due("2025-06-30 23:59:59")
                .completed("2025-06-25 10:00:00").results(0, 0, 0).json());
        // r4 code 00004 on 5 Jul 2025: the new Phường Ba Đình under the city (2025-M7, after the reform)
        d.add(dossier("r4", "00004", "PB", "DIRECT", 0, 0).received("2025-07-05 09:00:00").due("2025-07-15 23:59:59")
                .completed("2025-07-08 10:00:00").results(0, 0, 0).json());
        // r5 old ward 00013 received in 2025-M6, completed late on 1 Aug 2025 (2025-M8): carried over
        // across the reform; 00013 no longer exists in M8, its successor is 00004
        d.add(dossier("r5", "00013", "PB", "DIRECT", 0, 0).received("2025-06-10 09:00:00").due("2025-06-30 23:59:59")
                .completed("2025-08-01 10:00:00").results(0, 0, 0).json());
        ch.insertJsonEachRow("dossier_facts", d);

        ch.insertJsonEachRow("feedback_facts", List.of(
                feedback("fb1", "SO-TP", "d18", "2026-11-03 10:00:00", "2026-11-10 10:00:00"), // deadline 24 Nov: on time
                feedback("fb2", "00004", null, "2026-10-20 10:00:00", "2026-11-12 10:00:00"), // deadline 10 Nov: late
                feedback("fb3", "00008", null, "2026-11-12 10:00:00", "2026-11-26 10:00:00"), // deadline 3 Dec: on time
                feedback("fb4", "00008", null, "2026-11-13 10:00:00", null),                   // unanswered
                feedback("fb5", "00008", null, "2026-10-10 10:00:00", "2026-10-11 10:00:00"))); // M10

        ch.insertJsonEachRow("login_facts", List.of(
                login("l1", "00004", "u1", "VNEID", "2026-10-20 08:00:00"),
                login("l2", "00004", "u1", "LOCAL", "2026-10-21 08:00:00"),
                login("l3", "00004", "u2", "LOCAL", "2026-10-22 08:00:00"),
                login("l3", "00004", "u2", "LOCAL", "2026-10-22 08:00:00"), // replayed duplicate
                login("l4", "00004", "u3", "CITY_SSO", "2026-11-01 08:00:00"),
                login("l5", "00008", "u1", "LOCAL", "2026-11-02 08:00:00"),
                loginUtc("l6", "00008", "u4", "LOCAL", "2026-10-14T16:59:00Z"), // 14 Oct 23:59 local: M10
                loginUtc("l7", "00008", "u5", "VNEID", "2026-10-14T17:30:00Z"), // 15 Oct 00:30 local: M11
                login("l8", "00004", "u6", "LOCAL", "2026-11-20 08:00:00"),      // M12
                login("l9", "00004", "u7", "LOCAL", "2026-11-21 08:00:00"),
                login("l10", "00004", "u8", "VNEID", "2026-11-22 08:00:00")));

        List<String> docs = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            docs.add(document("tp" + i, "SO-TP", i <= 3 ? 1 : 0, "2026-11-0" + i + " 09:00:00"));
        }
        docs.add(document("tp1", "SO-TP", 1, "2026-11-01 09:00:00")); // replayed duplicate: FINAL folds it
        for (int i = 1; i <= 5; i++) {
            docs.add(document("bd" + i, "00004", i <= 4 ? 1 : 0, "2026-10-2" + i + " 09:00:00"));
        }
        docs.add(document("nh1", "00008", 0, "2026-11-03 09:00:00"));
        ch.insertJsonEachRow("document_facts", docs);

        ch.insertJsonEachRow("probe_facts", List.of(
                probe("p1", "00004", 1, "2026-10-20 00:00:00"), probe("p2", "00004", 1, "2026-11-01 00:00:00"),
                probe("p3", "00004", 1, "2026-11-10 00:00:00"),
                probe("p4", "00008", 1, "2026-10-20 00:00:00"), probe("p5", "00008", 1, "2026-11-01 00:00:00"),
                probe("p6", "00008", 0, "2026-11-05 00:00:00"), probe("p7", "00008", 1, "2026-11-10 00:00:00"),
                probe("p8", "SO-TP", 1, "2026-10-20 00:00:00"), probe("p9", "SO-TP", 1, "2026-11-10 00:00:00")));

        ch.insertJsonEachRow("report_actions", List.of(
                report("a1", "SO-TP", "SUBMITTED", "2026-11-17 09:00:00",
                        "{\"P9.numerator\": 40, \"P9.denominator\": 50, \"P10.numerator\": 1, \"P10.denominator\": 1}"),
                report("a2", "SO-TP", "APPROVED", "2026-11-18 10:00:00", "{}"),
                report("a3", "00004", "SUBMITTED", "2026-11-16 09:00:00",
                        "{\"P9.numerator\": 18, \"P9.denominator\": 20, \"P10.numerator\": 0, \"P10.denominator\": 1}"),
                report("a4", "00004", "RETURNED", "2026-11-17 09:00:00", "{}"),
                report("a5", "00004", "SUBMITTED", "2026-11-19 09:00:00",
                        "{\"P9\": {\"numerator\": 19, \"denominator\": 20}, \"P10.numerator\": 0, \"P10.denominator\": 1}"),
                report("a6", "00004", "APPROVED", "2026-11-20 09:00:00", "{}"),
                report("a7", "00008", "SUBMITTED", "2026-11-20 09:00:00",
                        "{\"P9.numerator\": 10, \"P9.denominator\": 10}")));

        ch.insertJsonEachRow("events", List.of(
                event("e1", "dvc", "00004", "2026-11-14 20:00:00"),
                event("e2", "dvc", "00008", "2026-11-10 20:00:00"),
                event("e3", "eoffice", "SO-TP", "2026-11-01 10:00:00"),
                event("e4", "probe", "00008", "2026-11-14 23:00:00"),
                event("e5", "eoffice", "ZZZ", "2026-11-14 23:30:00"))); // unknown unit: not in the city's view

        // Lines ingestion rejected (dead letters): rj1 at 00004, stored twice (a replayed job); rj2 named no
        // unit (broken JSON): the whole city's only; rj3 after M11; rj4 at a unit the catalogue does not know:
        // nobody's, like e5.
        ch.insertJsonEachRow("rejected_events", List.of(
                rejected("civicpulse.rejected.v1-0@1", "dvc", "00004", "2026-11-10 09:00:00"),
                rejected("civicpulse.rejected.v1-0@1", "dvc", "00004", "2026-11-10 09:00:00"),
                rejected("civicpulse.rejected.v1-0@2", "dvc", "", "2026-11-12 09:00:00"),
                rejected("civicpulse.rejected.v1-0@3", "eoffice", "00008", "2026-11-20 09:00:00"),
                rejected("civicpulse.rejected.v1-0@4", "eoffice", "ZZZ", "2026-11-13 09:00:00")));
    }

    // ------------------------------------------------------------------------------------------ rows

    static final class Dossier {
        private final ObjectNode n = JSON.createObjectNode();

        Dossier received(String local) {
            n.put("received_at", local);
            return this;
        }

        Dossier receivedUtc(String instant) {
            n.put("received_at", ClickHouseConnection.jsonDateTime(Instant.parse(instant)));
            return this;
        }

        Dossier due(String local) {
            n.put("due_at", local);
            return this;
        }

        Dossier completed(String local) {
            n.put("completed_at", local);
            n.put("status", "COMPLETED");
            n.put("outcome", "APPROVED");
            return this;
        }

        Dossier withdrawn(String local) {
            n.put("withdrawn_at", local);
            n.put("status", "WITHDRAWN");
            return this;
        }

        Dossier supplements(int requests, long waitSeconds, String openSince) {
            n.put("supplement_requests", requests);
            n.put("supplement_wait_seconds", waitSeconds);
            if (openSince != null) {
                n.put("supplement_open_since", openSince);
            }
            return this;
        }

        Dossier results(int eResult, int digitized, int reused) {
            n.put("e_result", eResult);
            n.put("digitized", digitized);
            n.put("reused_data", reused);
            return this;
        }

        Dossier paid(int paid, int online, long amount) {
            n.put("paid", paid);
            n.put("paid_online", online);
            n.put("amount_vnd", amount);
            return this;
        }

        Dossier returned(String via) {
            n.put("returned_via", via);
            return this;
        }

        Dossier rating(int score) {
            n.put("rating", score);
            return this;
        }

        String json() {
            return n.toString();
        }
    }

    static Dossier dossier(String id, String unit, String procedure, String channel, int fullProcess, int vneid) {
        Dossier d = new Dossier();
        d.n.put("dossier_id", id);
        d.n.put("unit", unit);
        d.n.put("procedure", procedure);
        d.n.put("channel", channel);
        d.n.put("applicant", "CITIZEN");
        d.n.put("vneid", vneid);
        d.n.put("full_process", fullProcess);
        d.n.put("status", "IN_PROGRESS");
        d.n.put("outcome", "NONE");
        d.n.put("returned_via", "NONE");
        d.n.put("source", "dvc");
        d.n.put("last_event_at", "2026-11-20 00:00:00");
        d.n.put("event_count", 1);
        d.n.put("version", 1);
        return d;
    }

    public static String unit(String code, String name, String level, String parent, String from, String to) {
        ObjectNode n = JSON.createObjectNode();
        n.put("code", code);
        n.put("name", name);
        n.put("level", level);
        n.put("parent", parent);
        n.put("valid_from", from);
        n.put("valid_to", to);
        n.put("version", 1);
        return n.toString();
    }

    public static String procedure(String code, String unit, String level, int eligible, String online, int portal,
                                   int ux, int fee, int paper, int simplified) {
        ObjectNode n = JSON.createObjectNode();
        n.put("code", code);
        n.put("name", "Thủ tục " + code);
        n.put("field", "Hộ tịch");
        n.put("authority_level", level);
        n.put("unit", unit);
        n.put("full_process_eligible", eligible);
        n.put("online_service", online);
        n.put("national_portal", portal);
        n.put("ux_redesigned", ux);
        n.put("has_fee", fee);
        n.put("paper_result", paper);
        n.put("simplified", simplified);
        n.put("legal_days", 5);
        n.put("version", 1);
        return n.toString();
    }

    static String feedback(String id, String unit, String dossier, String received, String answered) {
        ObjectNode n = JSON.createObjectNode();
        n.put("feedback_id", id);
        n.put("unit", unit);
        n.put("dossier_id", dossier);
        n.put("received_at", received);
        n.put("answered_at", answered);
        n.put("version", 1);
        return n.toString();
    }

    static String login(String id, String unit, String user, String method, String local) {
        ObjectNode n = JSON.createObjectNode();
        n.put("event_id", id);
        n.put("unit", unit);
        n.put("user_hash", user);
        n.put("method", method);
        n.put("occurred_at", local);
        return n.toString();
    }

    static String loginUtc(String id, String unit, String user, String method, String instant) {
        return login(id, unit, user, method, ClickHouseConnection.jsonDateTime(Instant.parse(instant)));
    }

    static String document(String id, String unit, int electronic, String local) {
        ObjectNode n = JSON.createObjectNode();
        n.put("event_id", id);
        n.put("unit", unit);
        n.put("document_id", "doc-" + id);
        n.put("electronic", electronic);
        n.put("signed", electronic);
        n.put("occurred_at", local);
        return n.toString();
    }

    static String probe(String id, String unit, int up, String local) {
        ObjectNode n = JSON.createObjectNode();
        n.put("event_id", id);
        n.put("unit", unit);
        n.put("service", "intake");
        n.put("up", up);
        n.put("latency_ms", 120);
        n.put("occurred_at", local);
        return n.toString();
    }

    static String report(String id, String unit, String action, String local, String values) {
        ObjectNode n = JSON.createObjectNode();
        n.put("event_id", id);
        n.put("unit", unit);
        n.put("regime", "DG-MONTHLY");
        n.put("period", "2026-M11");
        n.put("action", action);
        n.put("values_json", values);
        n.put("by_user", "officer");
        n.put("comment", "");
        n.put("occurred_at", local);
        return n.toString();
    }

    static String rejected(String id, String source, String unit, String local) {
        ObjectNode n = JSON.createObjectNode();
        n.put("dead_letter_id", id);
        n.put("source", source);
        n.put("unit", unit);
        n.put("received_at", local);
        n.putArray("error_codes").add("REQUIRED");
        n.put("first_error", "REQUIRED");
        n.put("payload", "{\"type\": \"dossier.received\"}");
        return n.toString();
    }

    static String event(String id, String source, String unit, String local) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", id);
        n.put("type", "dossier.received");
        n.put("source", source);
        n.put("unit", unit);
        n.put("aggregate_id", id);
        n.put("occurred_at", local);
        n.put("ingested_at", local);
        n.put("payload", "{}");
        return n.toString();
    }
}
