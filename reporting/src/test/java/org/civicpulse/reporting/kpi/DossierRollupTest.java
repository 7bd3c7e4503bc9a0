package org.civicpulse.reporting.kpi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.civicpulse.reporting.clickhouse.ClickHouseConnection;
import org.civicpulse.reporting.clickhouse.Sql;
import org.civicpulse.reporting.testing.ClickHouseTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rollups change what a KPI query costs, never what it answers: on a generated city (20,000 dossiers
 * over 19 months with several versions each, supplements open and closed, withdrawals, ratings,
 * stragglers never completed, feedback links, the 2025 reform) every figure the engine computes from
 * rollups equals the figure it computes from the dossiers alone — for closed and open periods, whole
 * city, a department and a commune, compute and breakdown — and stays equal when a rolled-up month is
 * written to again, when feedback arrives, when the catalogue changes, and when "now" moves.
 */
class DossierRollupTest {

    static final Instant NOW = Instant.parse("2026-11-27T03:00:00Z");
    static final List<String> PERIODS = List.of("2026-M11", "2026-M12", "2026-Q4", "2025-M08", "2026-Y", "2025-M07",
            "2026-11", "2025-06-20..2025-07-10");
    static final List<String> SOME_PERIODS = List.of("2026-M12", "2026-M11", "2025-M07");
    static final List<String> UNITS = List.of("01", "SO-TP", "00004");

    static ClickHouseConnection ch;

    @BeforeAll
    static void load() {
        ch = ClickHouseConnection.connect(ClickHouseTestServer.freshDatabase("dossier_rollup"));
        KpiFixture.load(ch);
        generate(1, 20_000, 1);
        // a second version of every tenth dossier: completed or rated later, a withdrawal
        generate(1, 20_000, 2);
        ch.execute(Sql.of("""
                INSERT INTO feedback_facts (feedback_id, unit, dossier_id, received_at, answered_at, version)
                SELECT concat('fb', toString(number)), 'SO-TP', concat('g', toString(cityHash64(number, 7) % 20000)),
                    toDateTime('2025-06-01 08:00:00') + (cityHash64(number, 8) % 46000000), NULL, 1
                FROM numbers(400)
                """));
    }

    /**
     * Dossiers {@code g<from>…g<from+n-1>}; version 2 rows rewrite every tenth of them with a later
     * outcome. Features come from hashes of the number, so both versions agree on what never changes.
     */
    static void generate(long from, long n, int version) {
        ch.execute(Sql.of("""
                INSERT INTO dossier_facts (dossier_id, unit, procedure, channel, applicant, vneid, full_process,
                    received_at, due_at, supplement_requests, supplement_wait_seconds, supplement_open_since, paid,
                    paid_online, amount_vnd, completed_at, outcome, e_result, digitized, reused_data, returned_via,
                    rating, withdrawn_at, status, source, last_event_at, event_count, version)
                SELECT dossier_id, unit, procedure, channel, applicant, vneid, full_process,
                    received_at, due_at, supplement_requests, supplement_wait_seconds, supplement_open_since, paid,
                    paid_online, amount_vnd, completed_at, outcome, e_result, digitized, reused_data, returned_via,
                    rating, withdrawn_at, status, source, last_event_at, event_count, version
                FROM (SELECT
                    concat('g', toString(number)) AS dossier_id,
                    if(received_at < toDateTime('2025-07-01 00:00:00'), ['00004', '00013'][h % 2 + 1],
                       ['SO-TP', 'SO-YT', '00004', '00008'][h % 4 + 1]) AS unit,
                    ['PA', 'PB', 'PC', 'PD'][intDiv(h, 3) % 4 + 1] AS procedure,
                    ['ONLINE', 'DIRECT', 'POSTAL'][intDiv(h, 7) % 3 + 1] AS channel,
                    'CITIZEN' AS applicant,
                    intDiv(h, 11) % 2 AS vneid,
                    intDiv(h, 13) % 2 AS full_process,
                    toDateTime('2025-05-01 00:00:00') + intDiv(h, 17) % 49000000 AS received_at,
                    received_at + 86400 * (3 + intDiv(h, 19) % 10) AS due_at,
                    toUInt16(intDiv(h, 23) % 3) AS supplement_requests,
                    toUInt32(if(supplement_requests > 0, 3600 * (intDiv(h, 29) % 100), 0)) AS supplement_wait_seconds,
                    if(straggler AND intDiv(h, 31) % 3 = 0, received_at + 86400, NULL) AS supplement_open_since,
                    intDiv(h, 37) % 2 AS paid, intDiv(h, 41) % 2 AS paid_online,
                    toUInt64(if(intDiv(h, 43) % 5 = 0, 0, 50000)) AS amount_vnd,
                    (intDiv(h, 47) % 40 = 0) OR (:version = 1 AND number % 10 = 0) AS straggler,
                    received_at + intDiv(h, 53) % 1800000 + if(:version = 2, 86400 * 3, 0) AS done_at,
                    if(straggler OR withdrawn OR done_at > :now, NULL, done_at) AS completed_at,
                    if(isNull(completed_at), 'NONE', 'APPROVED') AS outcome,
                    intDiv(h, 59) % 2 AS e_result, intDiv(h, 61) % 2 AS digitized, intDiv(h, 67) % 2 AS reused_data,
                    if(isNull(completed_at), 'NONE', ['ONLINE', 'POSTAL', 'DIRECT'][intDiv(h, 71) % 3 + 1]) AS returned_via,
                    if(isNotNull(completed_at) AND intDiv(h, 73) % 3 != 0, toUInt8(1 + intDiv(h, 79) % 5), NULL) AS rating,
                    intDiv(h, 83) % 50 = 0 AS withdrawn,
                    if(withdrawn AND received_at + 3 * 86400 < :now, received_at + 3 * 86400, NULL) AS withdrawn_at,
                    multiIf(isNotNull(withdrawn_at), 'WITHDRAWN', isNotNull(completed_at), 'COMPLETED', 'IN_PROGRESS') AS status,
                    'one-stop' AS source, received_at AS last_event_at, toUInt32(:version) AS event_count,
                    toUInt64(:version) AS version
                FROM (SELECT number, cityHash64(number) AS h FROM numbers(:from, :n)
                      WHERE :version = 1 OR number % 10 = 0))
                """).bind("from", from).bind("n", n).bind("version", version).bind("now", NOW));
    }

    @AfterAll
    static void close() {
        if (ch != null) {
            ch.close();
        }
    }

    static KpiEngine engine(Instant now, Duration quiet) {
        return KpiEngine.builder(ch).clock(Clock.fixed(now, ZoneOffset.UTC)).mergers(() -> KpiEngineTest.MERGERS)
                .rollupQuietPeriod(quiet).projectionTtl(Duration.ZERO).threads(2).build();
    }

    /** Every figure of every unit and period, rolled up and live, side by side. */
    static long assertSameFigures(Instant now) {
        return assertSameFigures(now, PERIODS, UNITS);
    }

    /** Returns how many months the rolled-up answers took from a build plus the dossiers written since. */
    static long assertSameFigures(Instant now, List<String> periods, List<String> units) {
        try (KpiEngine rolled = engine(now, Duration.ZERO); KpiEngine live = engine(now, null)) {
            for (String period : periods) {
                for (String unit : units) {
                    List<KpiValue> expected = live.compute(unit, period);
                    List<KpiValue> actual = rolled.compute(unit, period);
                    for (int i = 0; i < expected.size(); i++) {
                        assertThat(actual.get(i)).as("%s %s at %s", unit, period, now).isEqualTo(expected.get(i));
                    }
                }
                for (String kpi : List.of("Q2.1", "P6f", "O3o")) {
                    assertThat(rolled.breakdown(kpi, "01", period)).as("%s by unit, %s at %s", kpi, period, now)
                            .isEqualTo(live.breakdown(kpi, "01", period));
                }
            }
            return rolled.rollup().monthsCorrected.get();
        }
    }

    static long builds() {
        return ch.queryLong(Sql.of("SELECT count() FROM dossier_rollup_builds"));
    }

    @Test
    void rolledUpFiguresEqualTheLiveOnesAndSurviveChanges() {
        assertSameFigures(NOW);
        long first = builds();
        assertThat(first).as("months rolled up").isGreaterThan(PERIODS.size() * 10L);

        // Answered again from the builds: nothing new is built.
        assertSameFigures(NOW, SOME_PERIODS, List.of("01"));
        assertThat(builds()).isEqualTo(first);

        // Rolled-up months are written to again (stragglers of June 2025 completed; dossiers of Oct 2026
        // rated) and feedback arrives: each month keeps its build, corrected by the dossiers written since.
        ch.execute("SYSTEM STOP MERGES dossier_facts");
        KpiValue before;
        try (KpiEngine rolled = engine(NOW, Duration.ZERO)) {
            before = rolled.compute("01", "2025-M07").stream().filter(v -> v.kpi().equals("Q2.1")).findFirst().orElseThrow();
        }
        ch.execute(Sql.of("""
                INSERT INTO dossier_facts (dossier_id, unit, procedure, channel, applicant, vneid, full_process,
                    received_at, due_at, supplement_requests, supplement_wait_seconds, paid, paid_online, amount_vnd,
                    completed_at, outcome, e_result, digitized, reused_data, returned_via, rating, status, source,
                    last_event_at, event_count, version)
                SELECT dossier_id, unit, procedure, channel, applicant, vneid, full_process, received_at, due_at,
                    supplement_requests, supplement_wait_seconds, paid, paid_online, amount_vnd,
                    received_at + 86400, 'APPROVED', e_result, digitized, reused_data, 'ONLINE', toUInt8(1),
                    'COMPLETED', source, received_at + 86400, event_count + 1, version + 10
                FROM dossier_facts FINAL
                WHERE toYYYYMM(received_at) = 202506 AND isNull(completed_at) AND isNull(withdrawn_at)
                """));
        ch.execute(Sql.of("""
                INSERT INTO dossier_facts (dossier_id, unit, procedure, channel, applicant, vneid, full_process,
                    received_at, due_at, supplement_requests, supplement_wait_seconds, supplement_open_since, paid,
                    paid_online, amount_vnd, completed_at, outcome, e_result, digitized, reused_data, returned_via,
                    rating, withdrawn_at, status, source, last_event_at, event_count, version)
                SELECT dossier_id, unit, procedure, channel, applicant, vneid, full_process, received_at, due_at,
                    supplement_requests, supplement_wait_seconds, supplement_open_since, paid, paid_online,
                    amount_vnd, completed_at, outcome, e_result, digitized, reused_data, returned_via,
                    toUInt8(if(isNull(rating), 2, 5)), withdrawn_at, status, source, last_event_at, event_count + 1,
                    version + 10
                FROM dossier_facts FINAL
                WHERE toYYYYMM(received_at) IN (202610, 202611) AND (isNotNull(completed_at) OR cityHash64(dossier_id) % 3 = 0)
                """));
        ch.execute(Sql.of("""
                INSERT INTO feedback_facts (feedback_id, unit, dossier_id, received_at, answered_at, version)
                SELECT concat('late', dossier_id), unit, dossier_id, received_at + 86400, NULL, 1
                FROM dossier_facts FINAL WHERE toYYYYMM(received_at) = 202610 LIMIT 50
                """));
        assertThat(assertSameFigures(NOW, SOME_PERIODS, List.of("01", "00004")))
                .as("months answered from a build plus the dossiers written since").isPositive();
        try (KpiEngine rolled = engine(NOW, Duration.ZERO)) {
            KpiValue after = rolled.compute("01", "2025-M07").stream().filter(v -> v.kpi().equals("Q2.1")).findFirst().orElseThrow();
            assertThat(after.numerator()).as("stragglers completed in a day are now on time").isGreaterThan(before.numerator());
        }

        // Merges mix old and new parts: those months are built again.
        ch.execute("SYSTEM START MERGES dossier_facts");
        ch.execute("OPTIMIZE TABLE dossier_facts PARTITION 202610 FINAL");
        ch.execute("OPTIMIZE TABLE dossier_facts PARTITION 202506 FINAL");
        assertSameFigures(NOW, SOME_PERIODS, List.of("01", "00004"));

        // A month written to within the quiet period is read live, never from an old build.
        try (KpiEngine quietHour = engine(NOW, Duration.ofHours(1)); KpiEngine live = engine(NOW, null)) {
            assertThat(quietHour.compute("01", "2025-M07")).isEqualTo(live.compute("01", "2025-M07"));
        }

        // The catalogue changes: procedure flags are part of every build's key.
        ch.insertJsonEachRow("procedures", List.of(KpiFixture.procedure("PB", "SO-TP", "DEPARTMENT", 1, "FULL", 1, 1, 1, 1, 1)));
        assertSameFigures(NOW, SOME_PERIODS, List.of("01", "00004"));

        // "Now" moves on, and back: open-period builds made at NOW hold only what was settled by then.
        assertSameFigures(NOW.plus(Duration.ofDays(3)), SOME_PERIODS, List.of("01"));
        assertSameFigures(NOW.minus(Duration.ofDays(6)), SOME_PERIODS, List.of("01"));
    }
}
