package org.civicpulse.dashboard.support;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.civicpulse.reporting.clickhouse.ClickHouseConnection;
import org.civicpulse.reporting.clickhouse.ClickHouseSettings;
import org.civicpulse.reporting.testing.ClickHouseTestServer;

/**
 * One small city in a fresh ClickHouse database (reporting's test server), shared by every dashboard
 * test in the JVM so that Spring's context cache starts the app once:
 *
 * <pre>
 * HN  Thành phố Hà Nội (CITY)
 * ├── SXD   Sở Xây dựng (DEPARTMENT)
 * ├── BD    Quận Ba Đình (DISTRICT)      ── BD01 Phường Phúc Xá (COMMUNE)
 * └── HK    Quận Hoàn Kiếm (DISTRICT)    ── HK01 Phường Hàng Bạc (COMMUNE)
 * </pre>
 *
 * plus OLD (Phường Cũ, COMMUNE under HN) in force until 2025-06-30. Dossiers received in {@value #PERIOD} (15 Oct – 14 Nov 2026): BD 4 (3 online, 2 with VNeID),
 * BD01 2 (online, 1 VNeID), HK01 3 (direct, none), SXD 1 (online, VNeID). Users (random passwords,
 * made here): analyst (ANALYST), leader (LEADER), officer (UNIT_OFFICER of BD), approver (APPROVER of
 * HK01), admin (ADMIN).
 *
 * <p>Also, for trends and the live view, without touching {@value #PERIOD}: three catalogue procedures
 * ({@link #PROCEDURES}); dossiers received and completed within each of 2026-M6 … 2026-M10 (the online share
 * rising month by month); and in the current month 2026-M12 (from 15 Nov) dossiers of which some are still in
 * progress, due in the coming days.
 */
public final class TestCity {

    public static final String PERIOD = "2026-M11";
    public static final String CITY = "HN";
    /** "Now" for the app under test: 10:00 in Hanoi on 27 Nov 2026, in period 2026-M12 and the open year 2026-Y. */
    public static final java.time.Instant NOW = java.time.Instant.parse("2026-11-27T03:00:00Z");
    /** The Decree 09 month {@link #NOW} falls in. */
    public static final String CURRENT_MONTH = "2026-M12";

    public static final Map<String, String> PASSWORDS = new LinkedHashMap<>();

    private static ClickHouseSettings settings;
    private static int fixtureDossiers;

    /** Dossier fact rows the fixture inserted (tests may add rows of their own, with ids starting {@code LIVE-}). */
    public static synchronized int fixtureDossiers() {
        database();
        return fixtureDossiers;
    }

    private TestCity() {
    }

    /** The database, created and filled on the first call. */
    public static synchronized ClickHouseSettings database() {
        if (settings == null) {
            ClickHouseSettings s = ClickHouseTestServer.freshDatabase("dashboard");
            try (ClickHouseConnection c = ClickHouseConnection.connect(s)) {
                c.insertJsonEachRow("org_units", units());
                List<String> dossiers = new ArrayList<>(dossiers());
                dossiers.addAll(history());
                c.insertJsonEachRow("dossier_facts", dossiers);
                c.insertJsonEachRow("procedures", procedures());
                fixtureDossiers = dossiers.size();
            }
            settings = s;
        }
        return settings;
    }

    /** Spring properties: the database and the test users. */
    public static synchronized Map<String, String> properties() {
        ClickHouseSettings s = database();
        Map<String, String> p = new LinkedHashMap<>();
        p.put("civicpulse.clickhouse.url", s.url());
        p.put("civicpulse.clickhouse.database", s.database());
        p.put("civicpulse.clickhouse.user", s.user());
        p.put("civicpulse.clickhouse.password", s.password());
        user(p, "analyst", "ANALYST", null);
        user(p, "leader", "LEADER", null);
        user(p, "officer", "UNIT_OFFICER", "BD");
        user(p, "approver", "APPROVER", "HK01");
        user(p, "admin", "ADMIN", null);
        // no period-close report generation in the background of the shared test app (report tests start their own)
        p.put("civicpulse.reports.scheduler.enabled", "false");
        p.put("civicpulse.reports.archive-dir", "target/report-archive-testcity");
        return p;
    }

    public static String password(String user) {
        return PASSWORDS.get(user);
    }

    private static void user(Map<String, String> p, String name, String roles, String unit) {
        String password = PASSWORDS.computeIfAbsent(name, n -> UUID.randomUUID().toString());
        // one with a bcrypt hash, the others plain text: both forms must work
        p.put("civicpulse.users." + name + ".password", name.equals("leader")
                ? new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder(4).encode(password)
                        .replaceFirst("^", "{bcrypt}")
                : password);
        p.put("civicpulse.users." + name + ".roles", roles);
        if (unit != null) {
            p.put("civicpulse.users." + name + ".unit", unit);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<String> units() {
        List<String> rows = new ArrayList<>();
        rows.add(unit("HN", "Thành phố Hà Nội", "CITY", null));
        rows.add(unit("SXD", "Sở Xây dựng", "DEPARTMENT", "HN"));
        rows.add(unit("BD", "Quận Ba Đình", "DISTRICT", "HN"));
        rows.add(unit("BD01", "Phường Phúc Xá", "COMMUNE", "BD"));
        rows.add(unit("HK", "Quận Hoàn Kiếm", "DISTRICT", "HN"));
        rows.add(unit("HK01", "Phường Hàng Bạc", "COMMUNE", "HK"));
        // merged away on 1 July 2025: in force for 2025-M6, not for 2026-M11
        Map<String, Object> old = new LinkedHashMap<>(Map.of("code", "OLD", "name", "Phường Cũ", "level", "COMMUNE",
                "parent", "HN", "valid_from", "2020-01-01", "valid_to", "2025-06-30", "version", 1));
        rows.add(json(old));
        return rows;
    }

    private static String unit(String code, String name, String level, String parent) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", code);
        m.put("name", name);
        m.put("level", level);
        m.put("parent", parent);
        m.put("valid_from", "2020-01-01");
        m.put("valid_to", null);
        m.put("version", 1);
        return json(m);
    }

    private static List<String> dossiers() {
        List<String> rows = new ArrayList<>();
        // unit, n, channel, vneid, completed, onTime
        rows.add(dossier("BD-1", "BD", "ONLINE", 1, true, true));
        rows.add(dossier("BD-2", "BD", "ONLINE", 1, true, true));
        rows.add(dossier("BD-3", "BD", "ONLINE", 0, true, false));
        rows.add(dossier("BD-4", "BD", "DIRECT", 0, false, false));
        rows.add(dossier("BD01-1", "BD01", "ONLINE", 1, true, true));
        rows.add(dossier("BD01-2", "BD01", "ONLINE", 0, false, false));
        rows.add(dossier("HK01-1", "HK01", "DIRECT", 0, true, false));
        rows.add(dossier("HK01-2", "HK01", "DIRECT", 0, true, true));
        rows.add(dossier("HK01-3", "HK01", "DIRECT", 0, false, false));
        rows.add(dossier("SXD-1", "SXD", "ONLINE", 1, true, true));
        return rows;
    }

    /** Procedure code → field, as {@link #procedures()} files them. */
    public static final Map<String, String> PROCEDURES = Map.of("1.001", "Xây dựng", "2.002", "Hộ tịch",
            "3.003", "Thành lập và hoạt động của hộ kinh doanh");

    private static List<String> procedures() {
        List<String> rows = new ArrayList<>();
        rows.add(procedure("1.001", "Cấp giấy phép xây dựng nhà ở riêng lẻ", "Xây dựng", "SXD", "DEPARTMENT", "FULL", 1, 1, 15));
        rows.add(procedure("2.002", "Đăng ký kết hôn", "Hộ tịch", "HN", "COMMUNE", "FULL", 0, 1, 5));
        rows.add(procedure("3.003", "Đăng ký thành lập hộ kinh doanh", "Thành lập và hoạt động của hộ kinh doanh", "HN",
                "DISTRICT", "PARTIAL", 1, 0, 3));
        return rows;
    }

    private static String procedure(String code, String name, String field, String unit, String level, String online,
                                    int fee, int ux, int days) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", code);
        m.put("name", name);
        m.put("field", field);
        m.put("authority_level", level);
        m.put("unit", unit);
        m.put("full_process_eligible", 1);
        m.put("online_service", online);
        m.put("national_portal", "FULL".equals(online) ? 1 : 0);
        m.put("ux_redesigned", ux);
        m.put("has_fee", fee);
        m.put("paper_result", 1);
        m.put("simplified", ux);
        m.put("legal_days", days);
        m.put("version", 1);
        return json(m);
    }

    /**
     * Dossiers outside {@value #PERIOD}: received and completed within each of 2026-M6 … M10 (online share
     * rising), and in the current month 2026-M12 (received 16–26 Nov), some still in progress and due after
     * {@link #NOW}.
     */
    private static List<String> history() {
        List<String> rows = new ArrayList<>();
        String[] units = {"BD", "BD01", "HK", "HK01", "SXD"};
        String[] procedures = {"1.001", "2.002", "3.003"};
        int n = 0;
        for (int month = 6; month <= 10; month++) {
            for (int u = 0; u < units.length; u++) {
                for (int i = 0; i < 4 + (u + month) % 3; i++) {
                    n++;
                    LocalDateTime received = LocalDateTime.of(2026, month - 1, 16, 8, 0).plusDays((i * 3 + u) % 15)
                            .plusHours(i % 8);
                    boolean online = (i + u + month) % 10 < month - 3;
                    boolean onTime = (i + u) % 5 != 0;
                    rows.add(dossier("H" + month + "-" + units[u] + "-" + i, units[u], procedures[(i + u) % 3],
                            online ? "ONLINE" : "DIRECT", online && i % 2 == 0 ? 1 : 0, true, onTime, received,
                            received.plusDays(7)));
                }
            }
        }
        for (int u = 0; u < units.length; u++) {
            for (int i = 0; i < 3 + u % 2; i++) {
                LocalDateTime received = LocalDateTime.of(2026, 11, 16, 8, 30).plusDays((i * 4 + u) % 9).plusHours(i);
                boolean open = i % 2 == 0;
                rows.add(dossier("C-" + units[u] + "-" + i, units[u], procedures[(i + u) % 3], i % 3 == 2 ? "DIRECT" : "ONLINE",
                        i % 2, !open, true, received, LocalDateTime.of(2026, 11, 27, 17, 0).plusDays(i + u % 3)));
            }
        }
        return rows;
    }

    private static String dossier(String id, String unit, String channel, int vneid, boolean completed, boolean onTime) {
        LocalDateTime received = LocalDateTime.of(2026, 10, 20, 9, 0).plusHours(Math.abs(id.hashCode() % 48));
        return dossier(id, unit, "1.001", channel, vneid, completed, onTime, received, received.plusDays(5));
    }

    private static String dossier(String id, String unit, String procedure, String channel, int vneid, boolean completed,
                                  boolean onTime, LocalDateTime received, LocalDateTime due) {
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        LocalDateTime done = onTime ? received.plusDays(2) : due.plusDays(3);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dossier_id", id);
        m.put("unit", unit);
        m.put("procedure", procedure);
        m.put("channel", channel);
        m.put("applicant", "CITIZEN");
        m.put("vneid", vneid);
        m.put("full_process", "ONLINE".equals(channel) ? 1 : 0);
        m.put("received_at", f.format(received));
        m.put("due_at", f.format(due));
        m.put("supplement_requests", 0);
        m.put("supplement_wait_seconds", 0);
        m.put("supplement_open_since", null);
        m.put("paid", 0);
        m.put("paid_online", 0);
        m.put("amount_vnd", 0);
        m.put("completed_at", completed ? f.format(done) : null);
        m.put("outcome", completed ? "APPROVED" : "NONE");
        m.put("e_result", completed && "ONLINE".equals(channel) ? 1 : 0);
        m.put("digitized", 1);
        m.put("reused_data", 0);
        m.put("returned_via", "NONE");
        m.put("returned_at", null);
        m.put("rating", null);
        m.put("rated_at", null);
        m.put("withdrawn_at", null);
        m.put("status", completed ? "COMPLETED" : "IN_PROGRESS");
        m.put("on_time", completed ? (onTime ? 1 : 0) : null);
        m.put("overdue_now", 0);
        m.put("source", "one-stop");
        m.put("last_event_at", f.format(completed ? done : received));
        m.put("event_count", completed ? 2 : 1);
        m.put("version", 1);
        return json(m);
    }

    private static String json(Map<String, Object> m) {
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
