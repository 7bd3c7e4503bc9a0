package org.civicpulse.reporting.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.civicpulse.domain.calendar.ReportingPeriod;
import org.civicpulse.domain.kpi.KpiStatus;
import org.civicpulse.reporting.clickhouse.ClickHouseConnection;
import org.civicpulse.reporting.kpi.KpiEngine;
import org.civicpulse.reporting.kpi.KpiValue;
import org.civicpulse.reporting.testing.ClickHouseTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Expected reports, completeness and timeliness against a count by hand ({@link ReportFixture}), and the KPI
 * engine's P12/P12b/P12c equal to them: one definition.
 */
class ExpectedReportsTest {

    static ClickHouseConnection ch;
    static KpiEngine engine;
    static ExpectedReports expected;
    static ReportActions actions;

    @BeforeAll
    static void load() {
        ch = ClickHouseConnection.connect(ClickHouseTestServer.freshDatabase("report_expected"));
        ReportFixture.load(ch);
        engine = ReportFixture.engine(ch, ReportFixture.fixed(ReportFixture.NOW));
        expected = engine.expectedReports();
        actions = new ReportActions(ch, ReportFixture.fixed(ReportFixture.NOW));
    }

    @AfterAll
    static void close() {
        engine.close();
        ch.close();
    }

    @Test
    void theUnitsInForceOnTheCutOffDayAtTheRegimesLevelsOweTheReport() {
        ReportingPeriod m11 = expected.calendar().parse("2026-M11");
        List<ExpectedReport> due = expected.due(m11, ReportFixture.NOW, engine.hierarchy(), "01");
        // by hand: departments SO-KHCN, SO-TP (SO-CU closed 31 Oct); communes 00004, 00008, 00100 (created 1 Nov);
        // not the city, not the district; the city regimes are generated, never owed
        assertThat(due).extracting(ExpectedReport::unit).containsExactly("00004", "00008", "00100", "SO-KHCN", "SO-TP");
        assertThat(due).allSatisfy(e -> {
            assertThat(e.regime().id()).isEqualTo("DG-MONTHLY");
            assertThat(e.deadline()).isEqualTo(LocalDate.of(2026, 11, 18));
        });
        assertThat(expected.due(m11, ReportFixture.NOW, engine.hierarchy(), "QX")).extracting(ExpectedReport::unit)
                .containsExactly("00100");
        // the period is not over on 14 Nov 23:59 local: nothing is owed yet
        assertThat(expected.due(m11, Instant.parse("2026-11-14T16:59:00Z"), engine.hierarchy(), "01")).isEmpty();
        assertThat(expected.due(m11, Instant.parse("2026-11-14T17:00:00Z"), engine.hierarchy(), "01")).hasSize(5);
    }

    @Test
    void completenessAndTimelinessEqualTheCountByHandAndTheEngine() {
        ReportingPeriod m11 = expected.calendar().parse("2026-M11");
        List<ExpectedReport> due = expected.due(m11, ReportFixture.NOW, engine.hierarchy(), "01");
        Map<ReportKey, ReportState> states = actions.states(due.stream().map(ExpectedReport::key).toList());
        ExpectedReports.Compliance c = expected.compliance(due, k -> states.get(k).firstSubmitted(), ReportFixture.NOW);
        // by hand (ReportFixture): submitted SO-TP, 00004, 00008, SO-KHCN = 4 of 5; on time SO-TP (17 Nov),
        // 00004 (first 16 Nov), SO-KHCN (18 Nov 23:30) = 3 of 5; 00008 late (20 Nov), 00100 overdue
        assertThat(c.expected()).isEqualTo(5);
        assertThat(c.submitted()).isEqualTo(4);
        assertThat(c.onTime()).isEqualTo(3);
        assertThat(c.completeness()).isEqualByComparingTo("80.00");
        assertThat(c.timeliness()).isEqualByComparingTo("60.00");
        assertThat(c.regimesDue()).containsExactly("DG-MONTHLY");
        assertThat(c.regimesDone()).containsExactly("DG-MONTHLY");

        Map<String, KpiValue> city = byId(engine.compute("01", "2026-M11"));
        assertRate(city.get("P12b"), 4, 5, "80.00", KpiStatus.MISSED);
        assertRate(city.get("P12c"), 3, 5, "60.00", KpiStatus.MISSED);
        assertRate(city.get("P12"), 1, 1, "100.00", KpiStatus.MET);
        // a unit's own report: 00100 owes one and sent nothing
        Map<String, KpiValue> moi = byId(engine.compute("00100", "2026-M11"));
        assertRate(moi.get("P12b"), 0, 1, "0.00", KpiStatus.MISSED);
        // the quarter 2026-Q4 holds M10, M11, M12; on 27 Nov only M10 and M11 are over. M10: 5 units owed
        // (00100 did not exist on 14 Oct; SO-CU did: SO-CU, SO-KHCN, SO-TP, 00004, 00008), SO-TP submitted it
        ReportingPeriod q4 = expected.calendar().parse("2026-Q4");
        List<ExpectedReport> q4due = expected.due(q4, ReportFixture.NOW, engine.hierarchy(), "01");
        assertThat(q4due).hasSize(10);
        Map<ReportKey, ReportState> q4states = actions.states(q4due.stream().map(ExpectedReport::key).toList());
        ExpectedReports.Compliance cq = expected.compliance(q4due, k -> q4states.get(k).firstSubmitted(), ReportFixture.NOW);
        assertThat(cq.submitted()).isEqualTo(5); // M10: SO-TP; M11: 4
        Map<String, KpiValue> cityQ4 = byId(engine.compute("01", "2026-Q4"));
        assertThat(cityQ4.get("P12b").numerator()).isEqualByComparingTo(BigDecimal.valueOf(cq.submitted()));
        assertThat(cityQ4.get("P12b").denominator()).isEqualByComparingTo(BigDecimal.valueOf(cq.expected()));
        assertThat(cityQ4.get("P12c").numerator()).isEqualByComparingTo(BigDecimal.valueOf(cq.onTime()));
    }

    @Test
    void theEngineReadsReportsWithTheWorkflowsConflictRule() {
        // SO-TP's M11 report was approved on 18 Nov (a02, 40/50). A submission after the approval (a late
        // replay, another replica) and a second approval are ignored by the one rule: the engine keeps 40/50.
        ch.insertJsonEachRow("report_actions", List.of(
                ReportFixture.action("z1", "SO-TP", "2026-M11", "SUBMITTED", "2026-11-19 09:00:00",
                        "{\"P9.numerator\": 1, \"P9.denominator\": 50}", "officer.tp", ""),
                ReportFixture.action("z2", "SO-TP", "2026-M11", "APPROVED", "2026-11-19 09:00:00", "{}", "approver.city", "")));
        // (other tests' counts do not change: SO-TP's report stays submitted on 17 Nov, on time)
        ReportState s = actions.state(new ReportKey("DG-MONTHLY", "SO-TP", "2026-M11"));
        assertThat(s.status()).isEqualTo(ReportState.Status.APPROVED);
        assertThat(s.submission().eventId()).isEqualTo("a01");
        KpiValue p9 = byId(engine.compute("SO-TP", "2026-M11")).get("P9");
        assertThat(p9.numerator()).isEqualByComparingTo("40");
        assertThat(p9.denominator()).isEqualByComparingTo("50");
    }

    @Test
    void deadlinesCountVietnameseWorkingDays() {
        var dg = expected.regimes().get("DG-MONTHLY");
        // 2026-M9 ends Mon 14 Sep 2026: Tue 15, Wed 16, Thu 17
        assertThat(expected.deadline(dg, expected.calendar().parse("2026-M9"))).isEqualTo(LocalDate.of(2026, 9, 17));
        // 2026-M2 ends Sat 14 Feb 2026, inside the Tết holiday (16–20 Feb 2026 off): the deadline moves past it
        LocalDate tet = expected.deadline(dg, expected.calendar().parse("2026-M2"));
        assertThat(tet).isAfter(LocalDate.of(2026, 2, 20));
        // outside the holiday list's years: weekends only (2040-M1 ends Sat 14 Jan 2040: Mon 16, Tue 17, Wed 18)
        assertThat(expected.deadline(dg, expected.calendar().parse("2040-M1"))).isEqualTo(LocalDate.of(2040, 1, 18));
        assertThat(expected.workingDaysBetween(LocalDate.of(2026, 11, 13), LocalDate.of(2026, 11, 18))).isEqualTo(3);
        assertThat(expected.workingDaysBetween(LocalDate.of(2026, 11, 27), LocalDate.of(2026, 11, 18))).isEqualTo(-7);
    }

    static Map<String, KpiValue> byId(List<KpiValue> values) {
        return values.stream().collect(java.util.stream.Collectors.toMap(KpiValue::kpi, v -> v));
    }

    static void assertRate(KpiValue v, long n, long d, String value, KpiStatus status) {
        assertThat(v.numerator()).as(v.kpi() + " numerator").isEqualByComparingTo(BigDecimal.valueOf(n));
        assertThat(v.denominator()).as(v.kpi() + " denominator").isEqualByComparingTo(BigDecimal.valueOf(d));
        assertThat(v.value()).as(v.kpi() + " value").isEqualByComparingTo(value);
        assertThat(v.status()).as(v.kpi() + " status").isEqualTo(status);
    }
}
