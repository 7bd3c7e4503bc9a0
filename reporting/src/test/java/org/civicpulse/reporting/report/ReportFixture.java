package org.civicpulse.reporting.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.civicpulse.reporting.clickhouse.ClickHouseConnection;
import org.civicpulse.reporting.kpi.KpiFixture;
import org.civicpulse.reporting.kpi.KpiEngine;

/**
 * The hand-built city of the report tests. "Now" is {@link #NOW}, 27 Nov 2026 10:00 in Hanoi: 2026-M11
 * (15 Oct – 14 Nov 2026) is closed; DG-MONTHLY's deadline for it is Wed 18 Nov 2026 (14 Nov is a Saturday:
 * Mon 16, Tue 17, Wed 18).
 *
 * <pre>
 * 01 Thành phố Hà Nội (CITY)
 * ├── SO-TP   Sở Tư pháp (DEPARTMENT)
 * ├── SO-KHCN Sở Khoa học và Công nghệ (DEPARTMENT)
 * ├── SO-CU   Sở Cũ (DEPARTMENT, closed 31 Oct 2026: not in force on 14 Nov, owes no M11 report)
 * ├── 00004   Phường Ba Đình (COMMUNE)
 * ├── 00008   Phường Ngọc Hà (COMMUNE)
 * └── QX      Quận Thử (DISTRICT: districts do not report DG-MONTHLY)
 *     └── 00100 Phường Mới (COMMUNE, created 1 Nov 2026: in force on 14 Nov, owes the M11 report)
 * </pre>
 *
 * DG-MONTHLY 2026-M11 by hand: expected SO-KHCN, SO-TP, 00004, 00008, 00100 = 5.
 * <ul>
 *   <li>SO-TP submitted Tue 17 Nov 09:00 (on time), approved 18 Nov.</li>
 *   <li>00004 submitted Mon 16 Nov (on time), returned 17 Nov, submitted again 19 Nov, approved 20 Nov.</li>
 *   <li>00008 submitted Fri 20 Nov 09:00: late. Pending approval.</li>
 *   <li>SO-KHCN submitted Wed 18 Nov 23:30 local: on time (the deadline day ends at midnight).</li>
 *   <li>00100 nothing: overdue.</li>
 *   <li>SO-CU submitted anyway (not expected: ignored); SO-TP's 2026-M10 report (another period: ignored).</li>
 * </ul>
 * Completeness 4/5 = 80.00%, timeliness 3/5 = 60.00%.
 *
 * <p>Public so that the dashboard's tests (through reporting's test-jar) use the same city.
 */
public final class ReportFixture {

    public static final Instant NOW = Instant.parse("2026-11-27T03:00:00Z");
    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportFixture() {
    }

    public static KpiEngine engine(ClickHouseConnection ch, Clock clock) {
        return KpiEngine.builder(ch).clock(clock).threads(2).build();
    }

    public static Clock fixed(Instant at) {
        return Clock.fixed(at, ZoneOffset.UTC);
    }

    public static void load(ClickHouseConnection ch) {
        ch.insertJsonEachRow("org_units", List.of(
                KpiFixture.unit("01", "Thành phố Hà Nội", "CITY", null, "1970-01-01", null),
                KpiFixture.unit("SO-TP", "Sở Tư pháp", "DEPARTMENT", "01", "2025-03-01", null),
                KpiFixture.unit("SO-KHCN", "Sở Khoa học và Công nghệ", "DEPARTMENT", "01", "2025-03-01", null),
                KpiFixture.unit("SO-CU", "Sở Cũ", "DEPARTMENT", "01", "2025-03-01", "2026-10-31"),
                KpiFixture.unit("00004", "Phường Ba Đình", "COMMUNE", "01", "2025-07-01", null),
                KpiFixture.unit("00008", "Phường Ngọc Hà", "COMMUNE", "01", "2025-07-01", null),
                KpiFixture.unit("QX", "Quận Thử", "DISTRICT", "01", "2025-07-01", null),
                KpiFixture.unit("00100", "Phường Mới", "COMMUNE", "QX", "2026-11-01", null)));
        ch.insertJsonEachRow("procedures", List.of(
                KpiFixture.procedure("PA", "SO-TP", "DEPARTMENT", 1, "FULL", 1, 1, 1, 1, 0),
                KpiFixture.procedure("PB", "SO-TP", "DEPARTMENT", 0, "PARTIAL", 0, 0, 0, 0, 0),
                KpiFixture.procedure("PC", "01", "COMMUNE", 1, "NONE", 0, 0, 1, 0, 0)));
        List<String> d = new ArrayList<>();
        d.add(dossier("d1", "SO-TP", "PA", "ONLINE", 1, 1, "2026-10-20 09:00:00", "2026-10-27 23:59:59", "2026-10-26 10:00:00"));
        d.add(dossier("d2", "SO-TP", "PB", "DIRECT", 0, 0, "2026-10-22 09:00:00", "2026-10-25 23:59:59", "2026-10-29 10:00:00"));
        d.add(dossier("d3", "SO-TP", "PA", "ONLINE", 1, 0, "2026-11-02 09:00:00", "2026-11-20 23:59:59", null));
        d.add(dossier("d4", "00004", "PC", "ONLINE", 0, 1, "2026-10-25 09:00:00", "2026-11-05 23:59:59", "2026-11-01 10:00:00"));
        d.add(dossier("d5", "00004", "PC", "DIRECT", 0, 0, "2026-11-03 09:00:00", "2026-11-30 23:59:59", null));
        d.add(dossier("d6", "00100", "PC", "ONLINE", 1, 1, "2026-11-05 09:00:00", "2026-11-12 23:59:59", "2026-11-10 10:00:00"));
        ch.insertJsonEachRow("dossier_facts", d);
        ch.insertJsonEachRow("report_actions", List.of(
                action("a01", "SO-TP", "2026-M11", "SUBMITTED", "2026-11-17 09:00:00",
                        "{\"P9.numerator\": 40, \"P9.denominator\": 50, \"P10.numerator\": 1, \"P10.denominator\": 1}", "officer.tp", ""),
                action("a02", "SO-TP", "2026-M11", "APPROVED", "2026-11-18 10:00:00", "{\"submission\": \"a01\"}", "approver.city", "Đồng ý"),
                action("a03", "00004", "2026-M11", "SUBMITTED", "2026-11-16 09:00:00",
                        "{\"P9.numerator\": 18, \"P9.denominator\": 20, \"P10.numerator\": 0, \"P10.denominator\": 1}", "officer.bd", ""),
                action("a04", "00004", "2026-M11", "RETURNED", "2026-11-17 09:00:00", "{\"submission\": \"a03\"}", "approver.city", "Sai mẫu số"),
                action("a05", "00004", "2026-M11", "SUBMITTED", "2026-11-19 09:00:00",
                        "{\"P9.numerator\": 19, \"P9.denominator\": 20, \"P10.numerator\": 0, \"P10.denominator\": 1}", "officer.bd", ""),
                action("a06", "00004", "2026-M11", "APPROVED", "2026-11-20 09:00:00", "{\"submission\": \"a05\"}", "approver.city", ""),
                action("a07", "00008", "2026-M11", "SUBMITTED", "2026-11-20 09:00:00",
                        "{\"P9.numerator\": 10, \"P9.denominator\": 10, \"P10.numerator\": 1, \"P10.denominator\": 2}", "officer.nh", ""),
                action("a08", "SO-KHCN", "2026-M11", "SUBMITTED", "2026-11-18 23:30:00",
                        "{\"P9.numerator\": 30, \"P9.denominator\": 31, \"P10.numerator\": 1, \"P10.denominator\": 1}", "officer.kh", ""),
                action("a09", "SO-CU", "2026-M11", "SUBMITTED", "2026-11-16 09:00:00", "{}", "officer.cu", ""),
                action("a10", "SO-TP", "2026-M10", "SUBMITTED", "2026-10-16 09:00:00",
                        "{\"P9.numerator\": 35, \"P9.denominator\": 50}", "officer.tp", "")));
    }

    static String dossier(String id, String unit, String procedure, String channel, int fullProcess, int vneid,
                          String received, String due, String completed) {
        ObjectNode n = JSON.createObjectNode();
        n.put("dossier_id", id);
        n.put("unit", unit);
        n.put("procedure", procedure);
        n.put("channel", channel);
        n.put("applicant", "CITIZEN");
        n.put("vneid", vneid);
        n.put("full_process", fullProcess);
        n.put("status", completed == null ? "IN_PROGRESS" : "COMPLETED");
        n.put("outcome", completed == null ? "NONE" : "APPROVED");
        n.put("returned_via", "NONE");
        n.put("source", "dvc");
        n.put("received_at", received);
        n.put("due_at", due);
        if (completed != null) {
            n.put("completed_at", completed);
            n.put("e_result", 1);
            n.put("digitized", 1);
        }
        n.put("last_event_at", "2026-11-20 00:00:00");
        n.put("event_count", 1);
        n.put("version", 1);
        return n.toString();
    }

    public static String action(String id, String unit, String period, String action, String local, String values, String by,
                         String comment) {
        ObjectNode n = JSON.createObjectNode();
        n.put("event_id", id);
        n.put("unit", unit);
        n.put("regime", "DG-MONTHLY");
        n.put("period", period);
        n.put("action", action);
        n.put("values_json", values);
        n.put("by_user", by);
        n.put("comment", comment);
        n.put("occurred_at", local);
        return n.toString();
    }

    /** A prepared event as the pipeline would store it. */
    public static String stored(org.civicpulse.domain.event.ReportAction a) {
        ActionRow r = SubmissionWorkflow.row(a);
        ObjectNode n = JSON.createObjectNode();
        n.put("event_id", r.eventId());
        n.put("unit", r.unit());
        n.put("regime", r.regime());
        n.put("period", r.period());
        n.put("action", r.action().name());
        n.put("values_json", r.valuesJson());
        n.put("by_user", r.by());
        n.put("comment", r.comment());
        n.put("occurred_at", ClickHouseConnection.jsonDateTime(r.occurredAt()));
        return n.toString();
    }
}
