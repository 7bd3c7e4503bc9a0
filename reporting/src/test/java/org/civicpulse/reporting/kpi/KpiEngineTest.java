package org.civicpulse.reporting.kpi;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.civicpulse.domain.kpi.KpiStatus;
import org.civicpulse.domain.org.Merger;
import org.civicpulse.reporting.clickhouse.ClickHouseConnection;
import org.civicpulse.reporting.testing.ClickHouseTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The KPI engine against a real ClickHouse and the hand-built city of {@link KpiFixture}. "Now" is
 * 2026-11-27 10:00 local, so 2026-M11 (15 Oct – 14 Nov) is closed and 2026-M12 is the current period.
 *
 * <p>Every expected number is worked out by hand in the comments from the fixture rows.
 */
class KpiEngineTest {

    static final Instant NOW = Instant.parse("2026-11-27T03:00:00Z");
    static final List<Merger> MERGERS = List.of(
            new Merger("00013", "00004", LocalDate.of(2025, 7, 1), "Nhập toàn bộ"),
            new Merger("00004", "00004", LocalDate.of(2025, 7, 1), "Nhập toàn bộ"));

    static ClickHouseConnection ch;
    static KpiEngine engine;
    static Map<String, KpiValue> m11;
    static Map<String, KpiValue> m12;

    @BeforeAll
    static void load() {
        ch = ClickHouseConnection.connect(ClickHouseTestServer.freshDatabase("kpi_engine"));
        KpiFixture.load(ch);
        engine = KpiEngine.builder(ch).clock(Clock.fixed(NOW, ZoneOffset.UTC)).mergers(() -> MERGERS)
                .rollupQuietPeriod(java.time.Duration.ZERO).build(); // every month rolled up: the hand-computed figures prove the rollup path
        m11 = byId(engine.compute("01", "2026-M11"));
        m12 = byId(engine.compute("01", "2026-M12"));
    }

    @AfterAll
    static void close() {
        if (engine != null) {
            engine.close();
        }
        if (ch != null) {
            ch.close();
        }
    }

    static Map<String, KpiValue> byId(List<KpiValue> values) {
        return values.stream().collect(Collectors.toMap(KpiValue::kpi, Function.identity()));
    }

    static void assertRate(KpiValue v, long numerator, long denominator, String value, KpiStatus status) {
        assertThat(v.numerator()).as(v.kpi() + " numerator").isEqualByComparingTo(BigDecimal.valueOf(numerator));
        assertThat(v.denominator()).as(v.kpi() + " denominator").isEqualByComparingTo(BigDecimal.valueOf(denominator));
        assertThat(v.value()).as(v.kpi() + " value").isEqualByComparingTo(value);
        assertThat(v.value().scale()).as(v.kpi() + " two decimals").isEqualTo(2);
        assertThat(v.status()).as(v.kpi() + " status").isEqualTo(status);
    }

    static void assertNoData(KpiValue v) {
        assertThat(v.value()).as(v.kpi() + " value").isNull();
        assertThat(v.status()).as(v.kpi() + " status").isEqualTo(KpiStatus.NO_DATA);
    }

    // ============================================================================================ 2026-M11

    /**
     * 2026-M11 for the city, evaluated at its end (15 Nov 00:00 local).
     *
     * <pre>
     * processed (Q2.1 denominator) = received in M11 and alive: d01 d02 d03 d04 d05 d06 d07 d12 d13 d15 d16 d17 d18 (13)
     *   + carried over: d08 (completed in M11), d09 (in progress), d11 (received 14 Oct 23:59 local) = 16
     *   not: d10 (completed before), d14 (withdrawn in M11), dX (unknown unit)
     * completed in M11 (alive): d01 d02 d03 d08 d11 d13 d18 = 7       (d06 completed 16 Nov: in progress at the end)
     * in progress at the end: d04 d05 d06 d07 d09 d12 d15 d16 d17 = 9
     * </pre>
     */
    @Nested
    class ClosedPeriod {

        @Test
        void q21OnTimeWithPausesSupplementsInProgressAndCarriedOver() {
            // on time completed: d01, d02 (late without its 3-day pause), d08, d11, d13, d18 = 6 — d03 had 2 requests
            // in progress and not late at the end: d04, d07 (open pause since 5 Nov), d09, d12, d15, d16, d17 = 7
            // late in progress: d05 (due 5 Nov), d06 (due 12 Nov, completed after the end)
            KpiValue q21 = m11.get("Q2.1");
            assertRate(q21, 13, 16, "81.25", KpiStatus.MISSED);
            assertThat(q21.target()).isEqualByComparingTo("100");
            assertThat(q21.points()).isEqualByComparingTo("16.25"); // 20 × 0.8125
            // newest received (d04, 10 Nov 09:00 local) vs newest completed (d18, 8 Nov): d04
            assertThat(q21.asOf()).isEqualTo(Instant.parse("2026-11-10T02:00:00Z"));
            // agencies SO-TP, SO-YT, 00004, 00008; SO-YT sent nothing
            assertThat(q21.sourcesReported()).isEqualByComparingTo("0.75");
            assertThat(q21.formulaVersion()).isEqualTo(1);
        }

        @Test
        void q22AverageHoursWithoutSupplementPauses() {
            // d01 145 h, d02 146 h − 72 h pause = 74 h, d03 168 h − 24 h = 144 h, d08 222 h,
            // d11 34 h 1 min (122460 s), d13 369.5 h, d18 145 h: Σ 4080660 s = 1133.52 h over 7
            KpiValue q22 = m11.get("Q2.2");
            assertThat(q22.numerator()).isEqualByComparingTo("1133.52");
            assertThat(q22.denominator()).isEqualByComparingTo("7");
            assertThat(q22.value()).isEqualByComparingTo("161.93");
            assertThat(q22.status()).isEqualTo(KpiStatus.NO_TARGET);
            assertThat(q22.target()).isNull();
        }

        @Test
        void receivedBasedRates() {
            // online received: d01 d03 d04 d13 d17 d18; d04 is a paper-result procedure without e-result yet
            assertRate(m11.get("Q3.3"), 5, 13, "38.46", KpiStatus.MISSED);
            // eligible (PA, PC, PD) received: d01 d04 d05 d16 d17 d18; online through full process: d01 d04 d18
            assertRate(m11.get("Q3.4"), 3, 6, "50.00", KpiStatus.MISSED);
            // fee-bearing (PA, PC) received: d01 d04 d05 d16 d17, d16 paid 0 VND (exempted); paid online: d01
            assertRate(m11.get("Q3.6"), 1, 4, "25.00", KpiStatus.MISSED);
            assertRate(m11.get("Q4.3"), 2, 13, "15.38", KpiStatus.MISSED); // d01 d18 reused data
            assertRate(m11.get("Q4.5"), 4, 13, "30.77", KpiStatus.MISSED); // vneid: d01 d03 d05 d18
            assertRate(m11.get("P2b"), 3, 6, "50.00", KpiStatus.MET);      // online with vneid: d01 d03 d18
            // fully online: d01 (paper, e-result), d18; d04 (paper, no e-result yet) does not count
            assertRate(m11.get("P5"), 2, 13, "15.38", KpiStatus.MISSED);
            assertRate(m11.get("P5b"), 2, 6, "33.33", KpiStatus.MISSED);
            // feedback or rating ≤ 2: d02 (rated 2), d18 (feedback fb1)
            assertRate(m11.get("P6f"), 2, 13, "15.38", KpiStatus.NO_TARGET);
            // rated: d01 (5), d02 (2), d18 (4); satisfied: d01, d18
            assertRate(m11.get("P6r"), 2, 3, "66.67", KpiStatus.MISSED);
        }

        @Test
        void completedBasedRates() {
            assertRate(m11.get("Q4.1"), 1, 1, "100.00", KpiStatus.MET);   // paper result: d01, with e-result
            // digitised (and e-result where paper): d01 d02 d08 d13 d18; not d03, d11
            assertRate(m11.get("Q4.2"), 5, 7, "71.43", KpiStatus.MISSED);
            assertRate(m11.get("O1"), 4, 7, "57.14", KpiStatus.NO_TARGET); // returned online: d01 d03 d08 d18
            assertRate(m11.get("O2"), 1, 7, "14.29", KpiStatus.NO_TARGET); // by post: d02
            assertRate(m11.get("O4"), 4, 7, "57.14", KpiStatus.NO_TARGET); // rated: d01 d02 d08 d18
        }

        @Test
        void compositeSatisfaction() {
            // 100 − ((100 − 81.25) + 15.3846…) = 65.8654 → 65.87
            KpiValue p6 = m11.get("P6");
            assertThat(p6.value()).isEqualByComparingTo("65.87");
            assertThat(p6.numerator()).isNull();
            assertThat(p6.status()).isEqualTo(KpiStatus.MISSED);
            KpiValue q54 = m11.get("Q5.4");
            assertThat(q54.value()).isEqualByComparingTo("65.87");
            assertThat(q54.points()).isEqualByComparingTo("4.39"); // 6 × 65.87 / 90
        }

        @Test
        void backlogAtThePeriodEnd() {
            assertThat(m11.get("O3").value()).isEqualByComparingTo("9");
            assertThat(m11.get("O3o").value()).isEqualByComparingTo("2"); // d05, d06
            // end day Sat 14 Nov + 2 working days = Tue 17 Nov: d07 (due 7 Nov + pause ⇒ 17 Nov 14:59:59)
            assertThat(m11.get("O3d").value()).isEqualByComparingTo("1");
        }

        @Test
        void catalogueKpis() {
            // online services PA PB PD, redesigned PA PD
            assertRate(m11.get("P1"), 2, 3, "66.67", KpiStatus.MISSED);
            // eligible PA PC PD, FULL: PA PD
            assertRate(m11.get("P3"), 2, 3, "66.67", KpiStatus.MISSED);
            // FULL: PA PD, on the national portal: PA
            assertRate(m11.get("P4"), 1, 2, "50.00", KpiStatus.MET);
            assertRate(m11.get("Q3.1"), 3, 4, "75.00", KpiStatus.MISSED);
            assertThat(m11.get("Q3.1").points()).isEqualByComparingTo("1.88"); // 2 × 75/80 = 1.875
            assertRate(m11.get("P7"), 1, 4, "25.00", KpiStatus.MET);           // simplified: PB
            assertThat(m11.get("P1").asOf()).isNull();
            assertThat(m11.get("P1").sourcesReported()).isNull();
        }

        @Test
        void logins() {
            // 00004: u1 (VNEID + LOCAL), u2 (twice, replayed), u3 (CITY_SSO) → 3 users, 2 uniform
            // 00008: u1 (LOCAL), u5 (VNEID at 2026-10-14T17:30Z = 15 Oct local); u4 at 16:59Z is in M10
            assertRate(m11.get("P2"), 3, 5, "60.00", KpiStatus.MET);
            assertThat(m11.get("P2").sourcesReported()).isEqualByComparingTo("0.5");
        }

        @Test
        void documentsWithPerLevelTargets() {
            // SO-TP 3/4 (a replayed duplicate folded by FINAL), 00004 4/5, 00008 0/1 → 7/10
            // city target = (100 × 4 + 80 × 5 + 80 × 1) / 10 = 88
            KpiValue p11 = m11.get("P11");
            assertRate(p11, 7, 10, "70.00", KpiStatus.MISSED);
            assertThat(p11.target()).isEqualByComparingTo("88");
            Map<String, KpiValue> byUnit = byUnit(engine.breakdown("P11", "01", "2026-M11"));
            assertThat(byUnit.get("SO-TP").target()).isEqualByComparingTo("100");
            assertRate(byUnit.get("SO-TP"), 3, 4, "75.00", KpiStatus.MISSED);
            assertThat(byUnit.get("00004").target()).isEqualByComparingTo("80");
            assertRate(byUnit.get("00004"), 4, 5, "80.00", KpiStatus.MET);
        }

        @Test
        void agencies24x7() {
            // 00004: probes 3/3 up, off-hours intake (d03 Sunday, d12 00:00, d13 00:30) ✓
            // 00008: uptime 3/4 = 75% < 99%; SO-TP: up but no off-hours dossier; SO-YT: nothing
            assertRate(m11.get("P8"), 1, 4, "25.00", KpiStatus.MISSED);
        }

        @Test
        void feedbackAnsweredWithin15WorkingDays() {
            // fb1 (deadline 24 Nov) ✓, fb2 (deadline 10 Nov, answered 12 Nov) ✗,
            // fb3 (received 12 Nov, deadline 3 Dec, answered 26 Nov, after the period end) ✓, fb4 unanswered ✗
            assertRate(m11.get("Q5.2"), 2, 4, "50.00", KpiStatus.MISSED);
            assertThat(m11.get("Q5.2").points()).isEqualByComparingTo("3.00");
        }

        @Test
        void submittedReports() {
            // approved: SO-TP 40/50, 00004 19/20 (its latest submission, nested form); 00008 not approved
            assertRate(m11.get("P9"), 59, 70, "84.29", KpiStatus.MISSED);
            assertRate(m11.get("P10"), 1, 2, "50.00", KpiStatus.MISSED);
            assertThat(m11.get("P9").sourcesReported()).isEqualByComparingTo("0.5"); // 2 of 4 expected units
            // expected: SO-TP, SO-YT, 00004, 00008; submitted: SO-TP, 00004 (16 Nov), 00008 (20 Nov)
            assertRate(m11.get("P12"), 1, 1, "100.00", KpiStatus.MET);
            assertRate(m11.get("P12b"), 3, 4, "75.00", KpiStatus.MISSED);
            // deadline 14 Nov + 3 working days = 18 Nov: SO-TP (17 Nov), 00004 (first on 16 Nov)
            assertRate(m11.get("P12c"), 2, 4, "50.00", KpiStatus.MISSED);
        }

        @Test
        void decision766ScoresTotalAndClass() {
            assertThat(m11.get("Q-PROGRESS").value()).isEqualByComparingTo("16.25");
            // Q3.1 1.88 + Q3.3 1.54 (2 × 38.46/50) + Q3.4 6.00 (12 × 0.5)
            assertThat(m11.get("Q-ONLINE").value()).isEqualByComparingTo("9.42");
            assertThat(m11.get("Q-ONLINE").denominator()).isEqualByComparingTo("12");
            assertThat(m11.get("Q-PAYMENT").value()).isEqualByComparingTo("1.50");
            // Q4.1 6.00 + Q4.2 7.14 (8 × 71.43/80) + Q4.3 1.15 (6 × 15.38/80) + Q4.5 0.62 (2 × 0.3077)
            assertThat(m11.get("Q-DIGITISATION").value()).isEqualByComparingTo("14.91");
            assertThat(m11.get("Q-SATISFACTION").value()).isEqualByComparingTo("7.39"); // 3.00 + 4.39
            assertNoData(m11.get("Q-TRANSPARENCY"));
            // 49.47 of the 72 measurable points → 68.71 / 100 → AVERAGE (50–70)
            KpiValue total = m11.get("Q-TOTAL");
            assertThat(total.numerator()).isEqualByComparingTo("49.47");
            assertThat(total.denominator()).isEqualByComparingTo("72");
            assertThat(total.value()).isEqualByComparingTo("68.71");
            assertThat(total.grade()).isEqualTo("AVERAGE");
            assertThat(total.status()).isEqualTo(KpiStatus.MISSED);
        }

        @Test
        void freshness() {
            // eval 15 Nov 00:00 local; stalest source eoffice (SO-TP, 1 Nov 10:00): 13 d 14 h = 1173600 s
            KpiValue o5 = m11.get("O5");
            assertThat(o5.value()).isEqualByComparingTo("1173600");
            assertThat(o5.sourcesReported()).isEqualByComparingTo("1");
            assertThat(engine.freshness("01", "2026-M11")).extracting(SourceFreshness::source)
                    .containsExactly("eoffice", "dvc", "probe");
        }

        @Test
        void rejectedShare() {
            // M11: accepted events of known units e1–e4 = 4; rejected rj1 (00004, stored twice: once) and rj2 (no
            // unit: the city's); rj3 is in M12; rj4 names a unit the catalogue does not know, like e5 → 2 / 6
            assertRate(m11.get("O5r"), 2, 6, "33.33", KpiStatus.NO_TARGET);
            // 00004: e1 accepted, rj1 rejected → 1 / 2; 00008: e2, e4, nothing rejected → 0 / 2
            Map<String, KpiValue> byUnit = byUnit(engine.breakdown("O5r", "01", "2026-M11"));
            assertRate(byUnit.get("00004"), 1, 2, "50.00", KpiStatus.NO_TARGET);
            assertRate(byUnit.get("00008"), 0, 2, "0.00", KpiStatus.NO_TARGET);
            // the lines behind the number, newest first
            assertThat(engine.drillThrough("O5r", "01", "2026-M11", Part.NUMERATOR, null, 0, 50).items())
                    .extracting(DrillRow::id).containsExactly("civicpulse.rejected.v1-0@2", "civicpulse.rejected.v1-0@1");
        }

        @Test
        void everyKpiIsComputedOnce() {
            assertThat(engine.compute("01", "2026-M11")).extracting(KpiValue::kpi)
                    .containsExactlyElementsOf(engine.registry().all().stream().map(k -> k.id()).toList());
        }
    }

    // ============================================================================================ 2026-M12

    /** The current period (15 Nov – 14 Dec), judged now: 27 Nov 10:00 local. */
    @Nested
    class OpenPeriod {

        @Test
        void onTimeNowWithdrawnDossierLeaves() {
            // processed: carried over d04 d05 d07 d09 d12 d16 d17 (open), d06 (completed 16 Nov, late),
            // received d19 d20; d15 withdrawn on 20 Nov and d14 earlier leave
            // on time now: d07 (pause still open), d09, d12, d19
            KpiValue q21 = m12.get("Q2.1");
            assertRate(q21, 4, 10, "40.00", KpiStatus.AT_RISK);
        }

        @Test
        void projectionAndRequiredRate() {
            // Q4.5 year to date (15 Dec 2025 – now): 18 dossiers received and alive, 6 with vneid;
            // elapsed 347 d 10 h of 365 d ⇒ projected year denominator 18 × 1.050611656 = 18.9110098;
            // period rate 1/2 ⇒ projection (6 + 0.5 × 0.9110098) / 18.9110098 = 34.14 %;
            // required (1.00 × 18.9110098 − 6) / 0.9110098 = 1417.22 % (unreachable)
            KpiValue q45 = m12.get("Q4.5");
            assertRate(q45, 1, 2, "50.00", KpiStatus.AT_RISK);
            assertThat(q45.projection()).isEqualByComparingTo("34.14");
            assertThat(q45.requiredRate()).isEqualByComparingTo("1417.22");
            // P2 this period: 00004 u6 u7 u8 → 1/3; year to date 4 of 9 users ⇒ projection
            // (4 + 1/3 × 0.4555049) / 9.4555049 = 43.91 % ≥ 40 ⇒ ON_TRACK; target already secured ⇒ 0
            KpiValue p2 = m12.get("P2");
            assertRate(p2, 1, 3, "33.33", KpiStatus.ON_TRACK);
            assertThat(p2.projection()).isEqualByComparingTo("43.91");
            assertThat(p2.requiredRate()).isEqualByComparingTo("0.00");
            // catalogue KPIs have no projection: within 5 points of the target ⇒ ON_TRACK, else AT_RISK
            assertThat(m12.get("P1").status()).isEqualTo(KpiStatus.ON_TRACK); // 66.67 vs 70
            assertThat(m12.get("P3").status()).isEqualTo(KpiStatus.AT_RISK);  // 66.67 vs 100
            assertThat(m12.get("P1").projection()).isNull();
        }

        @Test
        void liveBacklog() {
            assertThat(m12.get("O3").value()).isEqualByComparingTo("9"); // d04 d05 d07 d09 d12 d16 d17 d19 d20
            assertThat(m12.get("O3o").value()).isEqualByComparingTo("5"); // d04 d05 d16 d17 d20
            // Fri 27 Nov + 2 working days = Tue 1 Dec: d07 (30 Nov 00:59:59), d12 (30 Nov 23:59:59)
            assertThat(m12.get("O3d").value()).isEqualByComparingTo("2");
        }

        @Test
        void zeroDenominatorsAreNoData() {
            assertNoData(m12.get("P5b"));  // no eligible dossier received yet
            assertNoData(m12.get("Q3.6"));
            assertNoData(m12.get("P11"));
            assertNoData(m12.get("P12b")); // the M12 reports are not due before 14 Dec
            assertNoData(m12.get("Q-PAYMENT"));
            assertThat(m12.get("P5b").denominator()).isEqualByComparingTo("0");
            Map<String, KpiValue> soyt = byId(engine.compute("SO-YT", "2026-M11"));
            for (String id : List.of("Q2.1", "P5", "Q3.3", "P2", "P11", "Q5.2", "P6", "P1", "Q-TOTAL", "O1")) {
                assertNoData(soyt.get(id));
            }
            assertThat(soyt.get("O3").value()).isEqualByComparingTo("0");
        }
    }

    // ============================================================================================ cut-off

    @Test
    void cutOffDayBoundaryInLocalTime() {
        // d11 received 2026-10-14T16:59Z (14 Oct 23:59 local) is M10's; d12 (17:00Z) and d13 (17:30Z) are M11's
        Page<DrillRow> received = engine.drillThrough("Q4.5", "00004", "2026-M11", Part.DENOMINATOR, DrillFilters.NONE, 0, 50);
        assertThat(ids(received)).contains("d12", "d13").doesNotContain("d11");
        Page<DrillRow> m10 = engine.drillThrough("Q4.5", "00004", "2026-M10", Part.DENOMINATOR, DrillFilters.NONE, 0, 50);
        assertThat(ids(m10)).contains("d11").doesNotContain("d12", "d13");
        // d11 is processed (carried over) in M11 all the same
        Page<DrillRow> processed = engine.drillThrough("Q2.1", "00004", "2026-M11", Part.DENOMINATOR, DrillFilters.NONE, 0, 50);
        assertThat(ids(processed)).contains("d11", "d12", "d13");
    }

    // ============================================================================================ breakdown

    @Nested
    class Breakdown {

        @Test
        void childrenRankedAndSummingToTheParent() {
            // SO-TP d08 d09 d18: 3/3; 00004 d01 d02 d03✗ d11 d12 d13 d16 d17: 7/8; 00008 d04 d05✗ d06✗ d07 d15: 3/5
            List<KpiValue> rows = engine.breakdown("Q2.1", "01", "2026-M11");
            assertThat(rows).extracting(KpiValue::unit).containsExactly("SO-TP", "00004", "00008", "SO-YT");
            assertRate(rows.get(0), 3, 3, "100.00", KpiStatus.MET);
            assertRate(rows.get(1), 7, 8, "87.50", KpiStatus.MISSED);
            assertRate(rows.get(2), 3, 5, "60.00", KpiStatus.MISSED);
            assertNoData(rows.get(3));
        }

        @Test
        void sumsEqualTheParentForEveryAdditiveKpi() {
            for (String id : List.of("Q2.1", "P5", "Q3.6", "Q4.2", "P2", "P11", "Q5.2", "P12b", "P12c", "P9", "P8", "O3",
                    "Q2.2", "O3o")) {
                KpiValue parent = m11.get(id);
                List<KpiValue> rows = engine.breakdown(id, "01", "2026-M11");
                assertThat(sum(rows, KpiValue::numerator)).as(id + " numerators").isEqualByComparingTo(parent.numerator());
                if (parent.denominator() != null) {
                    assertThat(sum(rows, KpiValue::denominator)).as(id + " denominators")
                            .isEqualByComparingTo(parent.denominator());
                }
            }
        }

        @Test
        void lowerIsBetterRanksAscending() {
            // O3o overdue at the M11 end: 00008 has d05 and d06, the others none
            List<KpiValue> rows = engine.breakdown("O3o", "01", "2026-M11");
            assertThat(rows).extracting(KpiValue::unit).containsExactly("00004", "SO-TP", "SO-YT", "00008");
        }

        @Test
        void scoresBreakDownToo() {
            // the city itself is the authority of procedure PC: its own row comes last (catalogue only)
            List<KpiValue> rows = engine.breakdown("Q-TOTAL", "01", "2026-M11");
            assertThat(rows).extracting(KpiValue::unit).containsExactlyInAnyOrder("SO-TP", "00004", "00008", "SO-YT", "01");
            assertThat(rows.get(rows.size() - 1).unit()).isEqualTo("01");
            assertThat(rows.get(rows.size() - 2).unit()).isEqualTo("SO-YT");
            assertNoData(rows.get(rows.size() - 2));
            assertThat(rows.get(0).grade()).isNotNull();
            // Q3.1 of the city's own procedures: PC has no online service
            KpiValue own = byUnit(engine.breakdown("Q3.1", "01", "2026-M11")).get("01");
            assertRate(own, 0, 1, "0.00", KpiStatus.MISSED);
        }
    }

    // ============================================================================================ reform

    /** The July 2025 reform: code 00004 is Trúc Bạch (under district 001) until 30 Jun, then Ba Đình (under the city). */
    @Nested
    class Reform {

        @Test
        void historyOfAPreReformWardCountsWhereItBelonged() {
            // 2025-M6 (15 May – 14 Jun): r1 (00013), r2 (old 00004), r5 (00013, in progress at the end, due 30 Jun)
            Map<String, KpiValue> district = byId(engine.compute("001", "2025-M6"));
            assertRate(district.get("Q2.1"), 3, 3, "100.00", KpiStatus.MET);
            assertThat(district.get("Q4.5").denominator()).isEqualByComparingTo("3");
            Map<String, KpiValue> city = byId(engine.compute("01", "2025-M6"));
            assertThat(city.get("Q4.5").denominator()).isEqualByComparingTo("3");
            // code 00004 in M6 is Trúc Bạch: r2 only
            assertThat(byId(engine.compute("00004", "2025-M6")).get("Q4.5").denominator()).isEqualByComparingTo("1");
            assertThatThrownBy(() -> engine.compute("00008", "2025-M6"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not in force during period 2025-M6");
        }

        @Test
        void aPeriodAcrossTheReformSplitsByTheDayOfEachRecord() {
            // 2025-M7 (15 Jun – 14 Jul): r3 (00004 on 20 Jun → Trúc Bạch, district 001), r4 (00004 on 5 Jul → Ba Đình)
            List<KpiValue> rows = engine.breakdown("Q4.5", "01", "2025-M7");
            Map<String, KpiValue> byUnit = byUnit(rows);
            assertThat(byUnit.keySet()).containsExactlyInAnyOrder("SO-TP", "SO-YT", "001", "00004", "00008");
            assertThat(byUnit.get("001").denominator()).isEqualByComparingTo("1");
            assertThat(byUnit.get("00004").denominator()).isEqualByComparingTo("1");
            assertNoData(byUnit.get("00008"));
            // Q2.1: 001 has r3 (on time) and r5 carried over (late at the end) → 1/2; 00004 r4 → 1/1
            Map<String, KpiValue> q21 = byUnit(engine.breakdown("Q2.1", "01", "2025-M7"));
            assertRate(q21.get("001"), 1, 2, "50.00", KpiStatus.MISSED);
            assertRate(q21.get("00004"), 1, 1, "100.00", KpiStatus.MET);
            assertRate(byId(engine.compute("01", "2025-M7")).get("Q2.1"), 2, 3, "66.67", KpiStatus.MISSED);
            // asked about by its code, 00004 in M7 is the code's history: both units that held it (r3 and r4)
            assertThat(byId(engine.compute("00004", "2025-M7")).get("Q4.5").denominator()).isEqualByComparingTo("2");
        }

        @Test
        void aDossierCarriedOverFromAnAbolishedWardGoesToItsSuccessor() {
            // 2025-M8 (15 Jul – 14 Aug): r5 (00013, received 10 Jun, completed late on 1 Aug); 00013 is gone,
            // its successor is 00004
            assertRate(byId(engine.compute("00004", "2025-M8")).get("Q2.1"), 0, 1, "0.00", KpiStatus.MISSED);
            Map<String, KpiValue> rows = byUnit(engine.breakdown("Q2.1", "01", "2025-M8"));
            assertRate(rows.get("00004"), 0, 1, "0.00", KpiStatus.MISSED);
            assertThat(rows).doesNotContainKey("01");
        }

        @Test
        void withoutAMergerMapItStaysWithTheParentOnly() {
            try (KpiEngine bare = KpiEngine.builder(ch).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build()) {
                assertRate(byId(bare.compute("01", "2025-M8")).get("Q2.1"), 0, 1, "0.00", KpiStatus.MISSED);
                List<KpiValue> rows = bare.breakdown("Q2.1", "01", "2025-M8");
                KpiValue own = rows.get(rows.size() - 1);
                assertThat(own.unit()).isEqualTo("01");
                assertRate(own, 0, 1, "0.00", KpiStatus.MISSED);
                assertNoData(byUnit(rows).get("00004"));
            }
        }
    }

    // ============================================================================================ drill-through

    @Nested
    class DrillThrough {

        @Test
        void numeratorRowsAreTheNumerator() {
            List<DrillRow> all = allPages("Q2.1", "01", "2026-M11", Part.NUMERATOR, DrillFilters.NONE, 5);
            assertThat(all).hasSize(13);
            assertThat(all.stream().map(DrillRow::id).sorted().toList())
                    .containsExactly("d01", "d02", "d04", "d07", "d08", "d09", "d11", "d12", "d13", "d15", "d16", "d17", "d18");
            assertThat(all).allSatisfy(r -> assertThat(r.fields().get("onTime")).isEqualTo(true));
            Page<DrillRow> first = engine.drillThrough("Q2.1", "01", "2026-M11", Part.NUMERATOR, null, 0, 5);
            assertThat(first.total()).isEqualTo(13);
            assertThat(first.items()).hasSize(5);
            assertThat(first.totalPages()).isEqualTo(3);
            assertThat(engine.drillThrough("Q2.1", "01", "2026-M11", Part.DENOMINATOR, null, 0, 50).total()).isEqualTo(16);
        }

        @Test
        void everyDrillableKpiListsAsManyRowsAsItCounts() {
            for (String id : List.of("P1", "P2", "P2b", "P3", "P4", "P5", "P5b", "P6f", "P6r", "P7", "P8",
                    "P11", "P12", "P12b", "P12c", "Q2.1", "Q3.1", "Q3.3", "Q3.4", "Q3.6", "Q4.1", "Q4.2", "Q4.3", "Q4.5", "Q5.2",
                    "O1", "O2", "O4")) {
                KpiValue v = m11.get(id);
                assertThat(engine.drillThrough(id, "01", "2026-M11", Part.NUMERATOR, null, 0, 100).total())
                        .as(id + " numerator rows").isEqualTo(v.numerator().longValueExact());
                assertThat(engine.drillThrough(id, "01", "2026-M11", Part.DENOMINATOR, null, 0, 100).total())
                        .as(id + " denominator rows").isEqualTo(v.denominator().longValueExact());
            }
            assertThat(engine.drillThrough("O3o", "01", "2026-M11", Part.NUMERATOR, null, 0, 100).items())
                    .extracting(DrillRow::id).containsExactly("d05", "d06");
            assertThat(engine.drillThrough("Q2.2", "01", "2026-M11", Part.DENOMINATOR, null, 0, 100).total()).isEqualTo(7);
        }

        @Test
        void recordsOfOtherKinds() {
            assertThat(engine.drillThrough("P8", "01", "2026-M11", Part.NUMERATOR, null, 0, 10).items())
                    .extracting(DrillRow::id).containsExactly("00004");
            assertThat(engine.drillThrough("Q5.2", "01", "2026-M11", Part.NUMERATOR, null, 0, 10).items())
                    .extracting(DrillRow::id).containsExactly("fb1", "fb3");
            assertThat(engine.drillThrough("P9", "01", "2026-M11", Part.NUMERATOR, null, 0, 10).items())
                    .extracting(r -> r.unit() + "=" + r.fields().get("numerator"))
                    .containsExactlyInAnyOrder("SO-TP=40", "00004=19");
            assertThat(engine.drillThrough("P1", "01", "2026-M11", Part.NUMERATOR, null, 0, 10).items())
                    .extracting(DrillRow::id).containsExactly("PA", "PD");
            assertThat(engine.drillThrough("P2", "01", "2026-M11", Part.NUMERATOR, null, 0, 10).items())
                    .extracting(r -> r.unit() + "/" + r.id()).containsExactly("00004/u1", "00004/u3", "00008/u5");
        }

        @Test
        void filters() {
            assertThat(ids(engine.drillThrough("Q2.1", "01", "2026-M11", Part.NUMERATOR, DrillFilters.unit("00008"), 0, 50)))
                    .containsExactly("d07", "d15", "d04");
            // online dossiers on time: d08 d01 d13 d17 d18 d04
            assertThat(engine.drillThrough("Q2.1", "01", "2026-M11", Part.NUMERATOR,
                    new DrillFilters(null, null, "ONLINE", null), 0, 50).total()).isEqualTo(6);
            assertThat(ids(engine.drillThrough("Q2.1", "01", "2026-M11", Part.DENOMINATOR,
                    new DrillFilters(null, "PC", null, null), 0, 50))).containsExactly("d05", "d16", "d17");
            assertThat(engine.drillThrough("Q2.1", "01", "2026-M11", Part.DENOMINATOR,
                    new DrillFilters("00004", null, null, "COMPLETED"), 0, 50).total()).isEqualTo(5); // d01 d02 d03 d11 d13
        }

        @Test
        void aBreakdownRowDrillsToItsOwnRecords() {
            for (String id : List.of("Q2.1", "P11", "P8", "P12b", "Q3.1", "P2")) {
                for (KpiValue row : engine.breakdown(id, "01", "2026-M11")) {
                    if (row.unit().equals("01")) {
                        continue; // the parent's own row: drilling the parent means its whole subtree
                    }
                    long n = engine.drillThrough(id, "01", "2026-M11", Part.NUMERATOR, DrillFilters.unit(row.unit()), 0, 100)
                            .total();
                    assertThat(n).as(id + " " + row.unit()).isEqualTo(row.numerator() == null ? 0 : row.numerator().longValueExact());
                }
            }
            // the reused code: in 2025-M7 the breakdown row 00004 holds r4 only (r3 was Trúc Bạch's, under 001)
            assertThat(ids(engine.drillThrough("Q2.1", "01", "2025-M7", Part.DENOMINATOR, DrillFilters.unit("00004"), 0, 10)))
                    .containsExactly("r4");
            assertThat(ids(engine.drillThrough("Q2.1", "01", "2025-M7", Part.DENOMINATOR, DrillFilters.unit("001"), 0, 10)))
                    .containsExactly("r5", "r3");
        }

        @Test
        void compositesAndScoresNameTheirComponents() {
            assertThatThrownBy(() -> engine.drillThrough("P6", "01", "2026-M11", Part.NUMERATOR, null, 0, 10))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Q2.1").hasMessageContaining("P6f");
            assertThatThrownBy(() -> engine.drillThrough("Q-TOTAL", "01", "2026-M11", Part.NUMERATOR, null, 0, 10))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("score");
        }
    }

    // ============================================================================================ errors

    @Test
    void unknownUnitPeriodAndKpiAreRefusedWithASpecificMessage() {
        assertThatThrownBy(() -> engine.compute("NOPE", "2026-M11")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown unit code 'NOPE'");
        assertThatThrownBy(() -> engine.compute("01", "2026-M13")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("month 13");
        assertThatThrownBy(() -> engine.compute("01", "last month")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unrecognised period code");
        assertThatThrownBy(() -> engine.compute("01", "2027-M5")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has not started");
        assertThatThrownBy(() -> engine.breakdown("P99", "01", "2026-M11")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown KPI id 'P99'");
        assertThatThrownBy(() -> engine.drillThrough("Q2.1", "01", "2026-M11", Part.NUMERATOR, null, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("page size");
        assertThatThrownBy(() -> engine.drillThrough("Q2.1", "01", "2026-M11", Part.NUMERATOR,
                new DrillFilters(null, null, "FAX", null), 0, 10)).hasMessageContaining("channel filter");
        assertThatThrownBy(() -> engine.drillThrough("P2", "01", "2026-M11", Part.NUMERATOR,
                new DrillFilters(null, "PA", null, null), 0, 10)).hasMessageContaining("dossier KPIs only");
        assertThatThrownBy(() -> engine.drillThrough("Q2.1", "00004", "2026-M11", Part.NUMERATOR,
                DrillFilters.unit("SO-TP"), 0, 10)).hasMessageContaining("not within unit 00004");
    }

    @Test
    void unitsAreCachedAndRefreshedOnDemand() {
        // its own engine, so that the shared one keeps the fixture's tree
        try (KpiEngine own = KpiEngine.builder(ch).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build()) {
            assertThatThrownBy(() -> own.compute("00099", "2026-M11")).hasMessageContaining("unknown unit code");
            ch.insertJsonEachRow("org_units", List.of(KpiFixture.unit("00099", "Phường Mới", "COMMUNE", "01", "2026-01-01", null)));
            assertThatThrownBy(() -> own.compute("00099", "2026-M11")).hasMessageContaining("unknown unit code");
            own.refreshUnits();
            assertNoData(byId(own.compute("00099", "2026-M11")).get("Q2.1"));
        }
    }

    // ============================================================================================ helpers

    static List<String> ids(Page<DrillRow> page) {
        return page.items().stream().map(DrillRow::id).toList();
    }

    static List<DrillRow> allPages(String kpi, String unit, String period, Part part, DrillFilters f, int size) {
        List<DrillRow> out = new ArrayList<>();
        for (int p = 0; ; p++) {
            Page<DrillRow> page = engine.drillThrough(kpi, unit, period, part, f, p, size);
            out.addAll(page.items());
            if (page.items().size() < size) {
                return out;
            }
        }
    }

    static Map<String, KpiValue> byUnit(List<KpiValue> rows) {
        return rows.stream().collect(Collectors.toMap(KpiValue::unit, Function.identity()));
    }

    static BigDecimal sum(List<KpiValue> rows, Function<KpiValue, BigDecimal> f) {
        return rows.stream().map(f).filter(java.util.Objects::nonNull).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
