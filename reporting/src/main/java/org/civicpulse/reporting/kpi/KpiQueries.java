package org.civicpulse.reporting.kpi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.civicpulse.reporting.clickhouse.Sql;

/**
 * THE definition of every KPI formula that runs in SQL: one inner query per fact table that computes
 * the row flags (which period a row counts in, on time, online, …) and, per KPI, the denominator and
 * numerator conditions over those flags. Aggregates ({@link #aggregate}) and drill-through
 * ({@link #drill}) are both generated from the same inner query and the same conditions, so a figure
 * and the rows behind it cannot drift apart.
 *
 * <p>All values reach SQL through {@link Sql} placeholders; the only text assembled here is fixed
 * code (column names, flag names, generated placeholder names).
 *
 * <h2>Query plan</h2>
 * One aggregate query per fact table and unit scope: {@code GROUP BY unit, seg} over the inner query,
 * where {@code seg} is the span of the timeline the row's anchor time falls in ({@link UnitScope}).
 * Every KPI of a table comes out of that single pass as {@code countIf}/{@code sumIf} columns; the
 * engine maps (unit, seg) rows to the unit or its children in Java, so {@code compute} and
 * {@code breakdown} run the same SQL. Every outer aggregate is a sum, so the dossier pass can add up
 * per-month parts: {@link DossierRollup} serves quiet months from rollups built by this same SQL.
 */
final class KpiQueries {

    private KpiQueries() {
    }

    /** The fact tables, each read by one pass. */
    enum Pass {
        DOSSIERS, FEEDBACK, LOGINS, DOCUMENTS, PROBES, CATALOGUE, REPORTS, FRESHNESS
    }

    /**
     * One KPI's SQL definition: {@code den} selects the denominator rows, {@code den AND num} the
     * numerator rows; {@code sum} (optional) is summed over the numerator rows instead of counting them.
     */
    record Measure(String id, Pass pass, String den, String num, String sum) {
    }

    /** The formula versions this engine implements, per registry id (checked against the registry). */
    static final Map<String, Integer> IMPLEMENTED = implemented();

    private static Map<String, Integer> implemented() {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (String id : List.of("P1", "P2", "P2b", "P3", "P4", "P5", "P5b", "P6", "P6f", "P6r", "P7", "P8", "P9",
                "P10", "P11", "P12", "P12b", "P12c", "Q2.1", "Q2.2", "Q3.1", "Q3.3", "Q3.4", "Q3.6", "Q4.1", "Q4.2",
                "Q4.3", "Q4.5", "Q5.2", "Q5.4", "Q-TRANSPARENCY", "Q-PROGRESS", "Q-ONLINE", "Q-PAYMENT",
                "Q-DIGITISATION", "Q-SATISFACTION", "Q-TOTAL", "O1", "O2", "O3", "O3o", "O3d", "O4", "O5", "O5r")) {
            m.put(id, 1);
        }
        return Map.copyOf(m);
    }

    // ------------------------------------------------------------------------------------------ dossiers

    /**
     * One row per dossier that matters to the period: received before the evaluation instant and not
     * completed before the period starts (so: received in it, carried over into it, or completed in it).
     *
     * <p>Read as two FINAL branches so that FINAL (single-stream on 18.16) never merges the whole
     * history: (A) the partitions of the period, pruned by {@code received_at}; (B) dossiers received
     * earlier, pre-selected by a cheap non-FINAL scan for rows not completed or withdrawn before the
     * period (every dossier whose latest version qualifies has such a row), through the set of their
     * {@code received_at} values: a numeric column that never changes between versions, so the
     * {@code PREWHERE} is safe before FINAL's replacement and reads 4 bytes a row instead of the ids
     * (40 % faster at 10 M rows). Another dossier received in the same second may slip through the
     * pre-filter; the exact condition is applied after FINAL, so it changes nothing.
     *
     * <p>Times are compared as epoch seconds ({@code :s} period start, {@code :ev} evaluation instant)
     * so that no Date is ever compared with a DateTime (18.16 compares their raw numbers).
     */
    static final String DOSSIER_COLUMNS = """
            dossier_id, unit, procedure, channel, received_at, due_at, completed_at, withdrawn_at, status,
                supplement_requests, supplement_wait_seconds, supplement_open_since, rating, returned_via, e_result,
                digitized, reused_data, vneid, full_process, paid, paid_online, amount_vnd""";

    private static final String DOSSIER_INNER_TEMPLATE = """
            SELECT
                dossier_id, unit, procedure, channel, received_at, due_at, completed_at, withdrawn_at, status,
                supplement_requests, supplement_wait_seconds, rating, returned_via, e_result, digitized,
                reused_data, vneid, full_process, paid, paid_online, amount_vnd,
                :seg AS seg,
                toInt64(received_at) AS r_ts,
                ifNull(toInt64(completed_at), toInt64(0)) AS c_ts,
                ifNull(toInt64(withdrawn_at), toInt64(0)) AS w_ts,
                ifNull(toInt64(supplement_open_since), toInt64(0)) AS o_ts,
                toInt64(due_at) AS due_ts,
                procedure IN (SELECT code FROM procedures FINAL WHERE paper_result = 1) AS f_paper,
                procedure IN (SELECT code FROM procedures FINAL WHERE full_process_eligible = 1) AS f_eligible,
                procedure IN (SELECT code FROM procedures FINAL WHERE has_fee = 1) AS f_fee,
                /*FEEDBACK*/ AS f_feedback,
                w_ts != 0 AND w_ts < :ev AS f_gone,
                NOT f_gone AS f_alive,
                f_alive AND r_ts >= :s AS f_received,
                c_ts != 0 AND c_ts < :ev AS f_done,
                f_alive AND f_done AND c_ts >= :s AS f_completed,
                f_alive AND NOT f_done AS f_open,
                toInt64(supplement_wait_seconds) + if(o_ts != 0 AND o_ts < c_ts, c_ts - o_ts, toInt64(0)) AS t_pause_done,
                toInt64(supplement_wait_seconds) + if(o_ts != 0 AND o_ts < :ev, :ev - o_ts, toInt64(0)) AS t_pause_open,
                due_ts + t_pause_open AS t_deadline_open,
                f_done AND supplement_requests <= 1 AND c_ts <= due_ts + t_pause_done AS f_on_time_done,
                f_open AND supplement_requests <= 1 AND :ev - 1 <= t_deadline_open AS f_on_time_open,
                f_open AND :ev - 1 > t_deadline_open AS f_overdue,
                f_open AND NOT f_overdue AND t_deadline_open < :soon AS f_almost_late,
                greatest(c_ts - r_ts - t_pause_done, toInt64(0)) AS t_proc_seconds,
                channel = 'ONLINE' AS f_online,
                e_result = 1 OR NOT f_paper AS f_e_result_ok,
                isNotNull(rating) AS f_rated,
                ifNull(rating, toUInt8(0)) AS t_score,
                (toDayOfWeek(received_at) >= 6 AND toUInt32(toDate(received_at)) NOT IN :work_days)
                    OR toUInt32(toDate(received_at)) IN :off_days
                    OR toHour(received_at) < :open_hour OR toHour(received_at) >= :close_hour AS f_off_hours,
                f_received OR f_completed OR (w_ts >= :s AND w_ts < :ev) AS f_activity
            FROM (
            /*ROWS*/)
            """;

    /** Whether a dossier has a feedback linked to it (P6f): a set lookup in feedback_facts. */
    static final String FEEDBACK_LINK = """
            dossier_id IN (SELECT assumeNotNull(dossier_id) FROM feedback_facts FINAL
                               WHERE isNotNull(dossier_id))""";

    /**
     * The dossier rows of a period: branches (A) and (B) described above. With {@code months}, only
     * the partitions {@code :parts} (YYYYMM) are read; with {@code settledOnly}, only dossiers
     * completed or withdrawn before {@code :built} (epoch seconds): see {@link DossierRollup}.
     */
    static String dossierRows(boolean months, boolean settledOnly) {
        return dossierRows(months, settledOnly, false);
    }

    /** As above; with {@code listedParts}, only the parts {@code :build_parts} (by name) are read, before FINAL merges. */
    static String dossierRows(boolean months, boolean settledOnly, boolean listedParts) {
        String part = months ? " AND toYYYYMM(received_at) IN :parts" : "";
        String settled = (settledOnly ? " AND " + SETTLED : "") + (listedParts ? " AND _part IN :build_parts" : "");
        return """
                SELECT :columns FROM dossier_facts FINAL
                PREWHERE received_at >= :start_dt AND received_at < :eval_dt:part
                WHERE unit IN :units:settled
                UNION ALL
                SELECT :columns FROM dossier_facts FINAL
                PREWHERE received_at < :start_dt:part AND received_at IN (
                    SELECT received_at FROM dossier_facts
                    WHERE received_at < :start_dt:part AND unit IN :units
                      AND (isNull(completed_at) OR completed_at >= :start_dt)
                      AND (isNull(withdrawn_at) OR withdrawn_at >= :start_dt))
                WHERE unit IN :units AND (isNull(completed_at) OR completed_at >= :start_dt):settled
                """.replace(":columns", DOSSIER_COLUMNS).replace(":part", part).replace(":settled", settled);
    }

    /**
     * The period's rows among plain dossier rows (one per dossier): what branches (A) and (B) of
     * {@link #dossierRows} select, but for rows read without them. (B)'s pre-filter may let in a dossier
     * withdrawn before the period; such a row counts in no measure, so the two agree on every figure.
     */
    static final String PERIOD_ROWS = """
            unit IN :units AND received_at < :eval_dt
              AND (received_at >= :start_dt OR isNull(completed_at) OR completed_at >= :start_dt)
              AND (isNull(withdrawn_at) OR withdrawn_at >= :start_dt OR received_at >= :start_dt)""";

    /** Completed or withdrawn before {@code :built}: nothing about such a dossier depends on "now" any more. */
    static final String SETTLED = "(isNotNull(completed_at) OR isNotNull(withdrawn_at))"
            + " AND ifNull(toInt64(completed_at), toInt64(0)) < :built AND ifNull(toInt64(withdrawn_at), toInt64(0)) < :built";

    /** The in-progress dossiers a rollup build copied ({@code :builds}), under the same period conditions as {@link #dossierRows}. */
    static final String OPEN_COPY_ROWS = """
            SELECT :columns FROM dossier_rollup_open
            WHERE build_id IN :builds AND :period_rows
            """.replace(":columns", DOSSIER_COLUMNS).replace(":period_rows", PERIOD_ROWS);

    /** Dossiers received in the period that have a feedback linked (what the P6f correction reads). */
    static final String FEEDBACK_LINKED_ROWS = """
            SELECT :columns FROM dossier_facts FINAL
            PREWHERE received_at >= :start_dt AND received_at < :eval_dt AND :feedback_link
            WHERE unit IN :units
            """.replace(":columns", DOSSIER_COLUMNS).replace(":feedback_link", FEEDBACK_LINK);

    /** The dossier inner query over a row source, with the feedback link as given (FEEDBACK_LINK or a constant). */
    static String dossierInner(String rows, String feedbackFlag) {
        return DOSSIER_INNER_TEMPLATE.replace("/*ROWS*/", rows).replace("/*FEEDBACK*/", feedbackFlag);
    }

    /** Every dossier of the period, feedback links looked up: the drill-through's rows. */
    static final String DOSSIER_INNER = dossierInner(dossierRows(false, false), FEEDBACK_LINK);

    static final List<Measure> DOSSIER_MEASURES = List.of(
            new Measure("q21", Pass.DOSSIERS, "f_alive", "f_on_time_done OR f_on_time_open", null),
            new Measure("q22", Pass.DOSSIERS, "f_completed", "1", "t_proc_seconds"),
            new Measure("q33", Pass.DOSSIERS, "f_received", "f_online AND f_e_result_ok", null),
            new Measure("q34", Pass.DOSSIERS, "f_received AND f_eligible", "f_online AND full_process = 1", null),
            new Measure("q36", Pass.DOSSIERS, "f_received AND f_fee AND NOT (paid = 1 AND amount_vnd = 0)",
                    "paid_online = 1", null),
            new Measure("q41", Pass.DOSSIERS, "f_completed AND f_paper", "e_result = 1", null),
            new Measure("q42", Pass.DOSSIERS, "f_completed", "digitized = 1 AND f_e_result_ok", null),
            new Measure("q43", Pass.DOSSIERS, "f_received", "reused_data = 1", null),
            new Measure("q45", Pass.DOSSIERS, "f_received", "vneid = 1", null),
            new Measure("p2b", Pass.DOSSIERS, "f_received AND f_online", "vneid = 1", null),
            new Measure("p5", Pass.DOSSIERS, "f_received", "f_online AND full_process = 1 AND f_e_result_ok", null),
            new Measure("p5b", Pass.DOSSIERS, "f_received AND f_eligible",
                    "f_online AND full_process = 1 AND f_e_result_ok", null),
            new Measure("p6f", Pass.DOSSIERS, "f_received", "f_feedback OR (f_rated AND t_score <= 2)", null),
            new Measure("p6r", Pass.DOSSIERS, "f_received AND f_rated", "t_score >= 4", null),
            new Measure("o1", Pass.DOSSIERS, "f_completed", "returned_via = 'ONLINE'", null),
            new Measure("o2", Pass.DOSSIERS, "f_completed", "returned_via = 'POSTAL'", null),
            new Measure("o3", Pass.DOSSIERS, "f_open", "1", null),
            new Measure("o3o", Pass.DOSSIERS, "f_open", "f_overdue", null),
            new Measure("o3d", Pass.DOSSIERS, "f_open", "f_almost_late", null),
            new Measure("o4", Pass.DOSSIERS, "f_completed", "f_rated", null),
            new Measure("p8off", Pass.DOSSIERS, "f_received", "f_off_hours", null));

    static final List<String> DOSSIER_DRILL_COLUMNS = List.of("dossier_id", "unit", "procedure", "channel",
            "received_at", "due_at", "completed_at", "withdrawn_at", "status", "supplement_requests",
            "supplement_wait_seconds", "t_pause_open", "rating", "returned_via", "vneid", "full_process", "e_result",
            "digitized", "reused_data", "paid_online", "amount_vnd", "f_on_time_done", "f_on_time_open", "f_overdue");

    // ------------------------------------------------------------------------------------------ feedback

    /**
     * Feedback received in the period. The answer deadline of each received day is computed in Java
     * from the working-day calendar and passed as two arrays ({@code :dl_from} day numbers →
     * {@code :dl_to} deadline day numbers).
     */
    static final String FEEDBACK_INNER = """
            SELECT
                feedback_id, unit, dossier_id, received_at, answered_at,
                :seg AS seg,
                toInt64(assumeNotNull(received_at)) AS r_ts,
                toUInt32(toDate(assumeNotNull(received_at))) AS t_received_day,
                transform(t_received_day, :dl_from, :dl_to, toUInt32(0)) AS t_deadline_day,
                isNotNull(answered_at) AND toUInt32(toDate(assumeNotNull(answered_at))) <= t_deadline_day AS f_on_time
            FROM feedback_facts FINAL
            WHERE unit IN :units AND received_at >= :start_dt AND received_at < :eval_dt
            """;

    static final List<Measure> FEEDBACK_MEASURES = List.of(
            new Measure("q52", Pass.FEEDBACK, "1", "f_on_time", null));

    static final List<String> FEEDBACK_EXTRA = List.of("count() AS activity", "max(r_ts) AS received_max");

    static final List<String> FEEDBACK_DRILL_COLUMNS = List.of("feedback_id", "unit", "dossier_id", "received_at",
            "answered_at", "t_deadline_day", "f_on_time");

    // ------------------------------------------------------------------------------------------ logins

    /** One row per (unit, seg, user) signed in during the period: distinct users per unit. No FINAL: uniq is duplicate-proof. */
    static final String LOGIN_INNER = """
            SELECT
                unit, :seg AS seg, user_hash,
                max(method IN ('VNEID', 'CITY_SSO')) AS f_uniform,
                count() AS logins,
                min(occurred_at) AS first_at,
                max(occurred_at) AS last_at,
                max(toInt64(occurred_at)) AS r_ts
            FROM login_facts
            WHERE unit IN :units AND occurred_at >= :start_dt AND occurred_at < :eval_dt
            GROUP BY unit, seg, user_hash
            """;

    static final List<Measure> LOGIN_MEASURES = List.of(
            new Measure("p2", Pass.LOGINS, "1", "f_uniform", null));

    static final List<String> LOGIN_EXTRA = List.of("count() AS activity", "max(r_ts) AS received_max");

    static final List<String> LOGIN_DRILL_COLUMNS = List.of("user_hash", "unit", "first_at", "last_at", "logins",
            "f_uniform");

    // ------------------------------------------------------------------------------------------ documents

    static final String DOCUMENT_INNER = """
            SELECT event_id, unit, document_id, electronic, signed, occurred_at,
                :seg AS seg, toInt64(occurred_at) AS r_ts
            FROM document_facts FINAL
            WHERE unit IN :units AND occurred_at >= :start_dt AND occurred_at < :eval_dt
            """;

    static final List<Measure> DOCUMENT_MEASURES = List.of(
            new Measure("p11", Pass.DOCUMENTS, "1", "electronic = 1", null));

    static final List<String> DOCUMENT_EXTRA = List.of("count() AS activity", "max(r_ts) AS received_max");

    static final List<String> DOCUMENT_DRILL_COLUMNS = List.of("event_id", "unit", "document_id", "occurred_at",
            "electronic", "signed");

    // ------------------------------------------------------------------------------------------ probes

    static final String PROBE_INNER = """
            SELECT event_id, unit, service, up, latency_ms, occurred_at,
                :seg AS seg, toInt64(occurred_at) AS r_ts
            FROM probe_facts FINAL
            WHERE unit IN :units AND occurred_at >= :start_dt AND occurred_at < :eval_dt
            """;

    static final List<Measure> PROBE_MEASURES = List.of(
            new Measure("probe", Pass.PROBES, "1", "up = 1", null));

    static final List<String> PROBE_EXTRA = List.of("count() AS activity", "max(r_ts) AS received_max");

    // ------------------------------------------------------------------------------------------ catalogue

    /** The procedures of a scope: authority unit in the subtree, or a local level (COMMUNE, DISTRICT) the scope holds. */
    static final String CATALOGUE_INNER = """
            SELECT code, name, unit, authority_level, online_service, full_process_eligible, national_portal,
                ux_redesigned, simplified, has_fee, paper_result
            FROM procedures FINAL
            WHERE unit IN :units OR authority_level IN :levels
            """;

    static final List<Measure> CATALOGUE_MEASURES = List.of(
            new Measure("p1", Pass.CATALOGUE, "online_service != 'NONE'", "ux_redesigned = 1", null),
            new Measure("p3", Pass.CATALOGUE, "full_process_eligible = 1", "online_service = 'FULL'", null),
            new Measure("p4", Pass.CATALOGUE, "online_service = 'FULL'", "national_portal = 1", null),
            new Measure("q31", Pass.CATALOGUE, "1", "online_service != 'NONE'", null),
            new Measure("p7", Pass.CATALOGUE, "1", "simplified = 1", null));

    static final List<String> CATALOGUE_DRILL_COLUMNS = List.of("code", "name", "unit", "authority_level",
            "online_service", "full_process_eligible", "national_portal", "ux_redesigned", "simplified");

    // Reports have no SQL here: their state is the workflow's fold of report_actions
    // (org.civicpulse.reporting.report.ReportState), so the engine and the workflow always agree.

    // ------------------------------------------------------------------------------------------ freshness

    /** Newest event per (source, unit, seg) within the lookback, and the events in the period. No FINAL: max is duplicate-proof. */
    static final String FRESHNESS = """
            SELECT source, unit, :seg AS seg,
                max(toInt64(occurred_at)) AS last_ts,
                countIf(occurred_at >= :start_dt) AS in_period
            FROM events
            WHERE unit IN :units AND occurred_at >= :lookback_dt AND occurred_at < :eval_dt
            GROUP BY source, unit, seg
            """;

    /**
     * Lines ingestion rejected in the period (dead letters, V016), per source and unit: the unit their
     * payload named, or '' when it named none. No FINAL: uniqExact over the dead letters' Kafka
     * coordinates is duplicate-proof.
     */
    static final String REJECTED = """
            SELECT source, unit, :seg AS seg, toInt64(uniqExact(dead_letter_id)) AS rejected
            FROM rejected_events
            WHERE (unit IN :units OR unit = '') AND received_at >= :start_dt AND received_at < :eval_dt
            GROUP BY source, unit, seg
            """;

    /** The rejected lines behind {@link #REJECTED}, newest first (the payload cut to 500 characters). */
    static final String REJECTED_ROWS = """
            SELECT dead_letter_id, source, unit, :seg AS seg, received_at, first_error,
                substringUTF8(payload, 1, 500) AS payload
            FROM rejected_events FINAL
            WHERE (unit IN :units OR unit = '') AND received_at >= :start_dt AND received_at < :eval_dt
            ORDER BY received_at DESC, dead_letter_id
            LIMIT 10000
            """;

    // ------------------------------------------------------------------------------------------ building

    static String inner(Pass pass) {
        return switch (pass) {
            case DOSSIERS -> DOSSIER_INNER;
            case FEEDBACK -> FEEDBACK_INNER;
            case LOGINS -> LOGIN_INNER;
            case DOCUMENTS -> DOCUMENT_INNER;
            case PROBES -> PROBE_INNER;
            case CATALOGUE -> CATALOGUE_INNER;
            case REPORTS, FRESHNESS -> throw new IllegalArgumentException(pass + " has no row query");
        };
    }

    static List<Measure> measures(Pass pass) {
        return switch (pass) {
            case DOSSIERS -> DOSSIER_MEASURES;
            case FEEDBACK -> FEEDBACK_MEASURES;
            case LOGINS -> LOGIN_MEASURES;
            case DOCUMENTS -> DOCUMENT_MEASURES;
            case PROBES -> PROBE_MEASURES;
            case CATALOGUE -> CATALOGUE_MEASURES;
            case REPORTS, FRESHNESS -> List.of();
        };
    }

    static List<String> extras(Pass pass) {
        return switch (pass) {
            case FEEDBACK -> FEEDBACK_EXTRA;
            case LOGINS -> LOGIN_EXTRA;
            case DOCUMENTS -> DOCUMENT_EXTRA;
            case PROBES -> PROBE_EXTRA;
            default -> List.of();
        };
    }

    static Measure measure(String id) {
        for (Pass p : Pass.values()) {
            for (Measure m : measures(p)) {
                if (m.id().equals(id)) {
                    return m;
                }
            }
        }
        throw new IllegalArgumentException("no measure " + id);
    }

    /** The columns a pass's aggregate groups by. */
    static List<String> groupColumns(Pass pass) {
        return pass == Pass.CATALOGUE ? List.of("unit", "authority_level") : List.of("unit", "seg");
    }

    /** {@code SELECT <group columns>, <measures…> FROM (<inner>) GROUP BY <group columns>}, still to be bound. */
    static String aggregateText(Pass pass) {
        return aggregateText(pass, null);
    }

    /** As {@link #aggregateText(Pass)} with only the measures in {@code only} (null: all of the pass). */
    static String aggregateText(Pass pass, Set<String> only) {
        if (pass == Pass.DOSSIERS) {
            return dossierAggregate(dossierRows(false, false), only) + settings(pass);
        }
        List<String> cols = new ArrayList<>(groupColumns(pass));
        for (String[] a : measureAggregates(measures(pass), only)) {
            cols.add(a[0] + " AS " + a[1]);
        }
        cols.addAll(extras(pass));
        String group = String.join(", ", groupColumns(pass));
        return "SELECT " + String.join(",\n    ", cols) + "\nFROM (\n" + inner(pass) + ")\nGROUP BY " + group
                + settings(pass);
    }

    /**
     * Query settings a pass needs, as a trailing {@code SETTINGS} clause. FINAL on 18.16 opens every
     * part it merges at once, each column with a read buffer ({@code max_read_buffer_size}, 1 MB) and a
     * block: over 85 freshly inserted parts × 22 columns that exceeds a 2 GB query limit. Small buffers
     * and blocks keep it bounded at no measurable cost (1 M rows: same time; 10 M rows: fits).
     */
    static String settings(Pass pass) {
        return pass == Pass.DOSSIERS ? "\nSETTINGS max_block_size = 8192, max_read_buffer_size = 65536" : "";
    }

    // ------------------------------------------------------------------------------------------ dossier aggregates

    /** The measure columns of a dossier aggregate, in order: {@code <id>_d, <id>_n} per measure, then the extras. */
    static List<String> dossierColumnNames(Set<String> only) {
        List<String> names = new ArrayList<>();
        for (String[] a : measureAggregates(DOSSIER_MEASURES, only)) {
            names.add(a[1]);
        }
        names.add("activity");
        return names;
    }

    /** The extras of a dossier aggregate that are maxima, not sums. */
    static final List<String> DOSSIER_MAX_COLUMNS = List.of("received_max", "completed_max");

    /**
     * {@code SELECT unit, seg, <every column as Int64> FROM (<inner over rows>) GROUP BY unit, seg}: the
     * dossier pass over a row source with feedback links switched off (they are added by
     * {@link #feedbackCorrection}), so that its figures depend on dossier_facts alone. Int64 throughout
     * so that it can be UNION ALL-ed with rollup rows.
     */
    static String dossierAggregate(String rows, Set<String> only) {
        List<String> cols = new ArrayList<>(List.of("unit", "seg"));
        for (String[] a : measureAggregates(DOSSIER_MEASURES, only)) {
            cols.add("toInt64(" + a[0] + ") AS " + a[1]);
        }
        cols.add("toInt64(countIf(f_activity)) AS activity");
        cols.add("toInt64(maxIf(r_ts, f_received)) AS received_max");
        cols.add("toInt64(maxIf(c_ts, f_completed)) AS completed_max");
        return "SELECT " + String.join(",\n    ", cols) + "\nFROM (\n" + dossierInner(rows, "toUInt8(0)")
                + ")\nGROUP BY unit, seg";
    }

    /** The measures whose conditions read feedback links. */
    static boolean readsFeedback(Measure m) {
        return m.den().contains("f_feedback") || m.num().contains("f_feedback");
    }

    /**
     * What feedback links add to {@link #dossierAggregate}'s figures: over the dossiers received in the
     * period that have a feedback, each numerator with links minus the same numerator without. Same
     * columns as {@link #dossierAggregate}. Exact because every measure that reads links counts only
     * dossiers received in the period (checked by {@link #checkFeedbackMeasures}).
     */
    static String feedbackCorrection(Set<String> only) {
        List<String> cols = new ArrayList<>(List.of("unit", "seg"));
        for (Measure m : DOSSIER_MEASURES) {
            if (only == null || only.contains(m.id())) {
                cols.add("toInt64(0) AS " + m.id() + "_d");
                if (readsFeedback(m)) {
                    String without = m.num().replace("f_feedback", "toUInt8(0)");
                    cols.add("toInt64(countIf((" + m.den() + ") AND (" + m.num() + "))) - toInt64(countIf(("
                            + m.den() + ") AND (" + without + "))) AS " + m.id() + "_n");
                } else {
                    cols.add("toInt64(0) AS " + m.id() + "_n");
                }
            }
        }
        cols.add("toInt64(0) AS activity");
        cols.add("toInt64(0) AS received_max");
        cols.add("toInt64(0) AS completed_max");
        return "SELECT " + String.join(",\n    ", cols) + "\nFROM (\n" + dossierInner(FEEDBACK_LINKED_ROWS, FEEDBACK_LINK)
                + ")\nGROUP BY unit, seg";
    }

    /** The correction above is exact only if feedback-reading measures count dossiers received in the period. */
    static void checkFeedbackMeasures() {
        for (Measure m : DOSSIER_MEASURES) {
            if (readsFeedback(m) && (!m.den().startsWith("f_received") || m.den().contains("f_feedback"))) {
                throw new IllegalStateException(m.id() + " reads feedback links outside 'f_received AND …'");
            }
        }
    }

    /** {@code GROUP BY unit, seg} over branches with the columns above: sums, and maxima for the times. */
    static String sumOfBranches(List<String> branches, Set<String> only) {
        List<String> cols = new ArrayList<>(List.of("unit", "seg"));
        for (String c : dossierColumnNames(only)) {
            cols.add("sum(" + c + ") AS " + c);
        }
        for (String c : DOSSIER_MAX_COLUMNS) {
            cols.add("max(" + c + ") AS " + c);
        }
        return "SELECT " + String.join(", ", cols) + "\nFROM (\n" + String.join("\nUNION ALL\n", branches)
                + ")\nGROUP BY unit, seg" + settings(Pass.DOSSIERS);
    }

    /**
     * The aggregates of the measures in {@code only} (null: all), as {expression, column name}: per
     * measure its denominator count and its numerator count (or sum).
     */
    private static List<String[]> measureAggregates(List<Measure> measures, Set<String> only) {
        List<String[]> out = new ArrayList<>();
        for (Measure m : measures) {
            if (only == null || only.contains(m.id())) {
                String numerator = "(" + m.den() + ") AND (" + m.num() + ")";
                out.add(new String[]{"countIf(" + m.den() + ")", m.id() + "_d"});
                out.add(new String[]{m.sum() == null ? "countIf(" + numerator + ")"
                        : "sumIf(" + m.sum() + ", " + numerator + ")", m.id() + "_n"});
            }
        }
        return out;
    }

    /** The condition selecting a measure's rows on one side. */
    static String condition(Measure m, Part part) {
        return part == Part.DENOMINATOR ? "(" + m.den() + ")" : "(" + m.den() + ") AND (" + m.num() + ")";
    }

    /**
     * A fragment {@code ((seg = 1 AND unit IN :u1) OR …)} selecting the rows whose (unit, seg) belongs
     * to a key (codes per segment as {@link UnitScope#codesBySegment} gives them).
     */
    static Sql scopePredicate(List<Set<String>> codesBySegment) {
        StringBuilder text = new StringBuilder("(0");
        List<Object[]> binds = new ArrayList<>();
        for (int s = 0; s < codesBySegment.size(); s++) {
            Set<String> codes = codesBySegment.get(s);
            if (codes.isEmpty()) {
                continue;
            }
            text.append(" OR (seg = :seg").append(s).append(" AND unit IN :codes").append(s).append(")");
            binds.add(new Object[]{"seg" + s, s});
            binds.add(new Object[]{"codes" + s, codes});
        }
        Sql sql = Sql.of(text.append(")").toString());
        for (Object[] b : binds) {
            sql = sql.bind((String) b[0], b[1]);
        }
        return sql;
    }

    /** {@code (anchor >= :b0) + (anchor >= :b1) + …}: the segment of a row (see {@link UnitScope}). */
    static Sql segmentExpression(String anchorColumn, Instant periodStart, List<Instant> boundaries) {
        StringBuilder text = new StringBuilder("toUInt8((" + anchorColumn + " >= :p0)");
        for (int i = 0; i < boundaries.size(); i++) {
            text.append(" + (").append(anchorColumn).append(" >= :b").append(i).append(")");
        }
        Sql sql = Sql.of(text.append(")").toString()).bind("p0", periodStart);
        for (int i = 0; i < boundaries.size(); i++) {
            sql = sql.bind("b" + i, boundaries.get(i));
        }
        return sql;
    }

    /** An array literal {@code [:a0, :a1, …]} of numbers (an empty array is not typed on 18.16: a 0 is added). */
    static Sql numberArray(Collection<? extends Number> values) {
        List<Number> list = new ArrayList<>(values);
        if (list.isEmpty()) {
            list.add(0L);
        }
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < list.size(); i++) {
            text.append(i == 0 ? "" : ", ").append("toUInt32(:a").append(i).append(")");
        }
        Sql sql = Sql.of(text.append("]").toString());
        for (int i = 0; i < list.size(); i++) {
            sql = sql.bind("a" + i, list.get(i));
        }
        return sql;
    }
}
