package org.civicpulse.domain.kpi;

import java.time.LocalDate;

import org.civicpulse.domain.calendar.ReportingCalendar;
import org.civicpulse.domain.calendar.ReportingPeriod;
import org.civicpulse.domain.calendar.WorkingDays;
import org.civicpulse.domain.event.UnitLevel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportRegimesTest {

    private static final ReportingCalendar CAL = ReportingCalendar.defaults();

    @Test
    void theMonthlyDigitalGovernmentRegimeExpectsDepartmentsAndCommunes() {
        ReportRegimes regimes = ReportRegimes.standard();
        ReportRegime dg = regimes.get("DG-MONTHLY");
        assertThat(dg.periodKind()).isEqualTo(ReportingPeriod.Kind.MONTH);
        assertThat(dg.expects(UnitLevel.DEPARTMENT)).isTrue();
        assertThat(dg.expects(UnitLevel.COMMUNE)).isTrue();
        assertThat(dg.expects(UnitLevel.CITY)).isFalse();
        assertThat(dg.submits("P9")).isTrue();
        assertThat(dg.submits("P10")).isTrue();
        assertThat(dg.submits("P5")).isFalse();
        assertThat(regimes.submitting("P9")).containsExactly(dg);
        assertThat(regimes.valuesFormat()).contains("P9.numerator");
    }

    @Test
    void periodsEndingWithinAQueryPeriod() {
        ReportRegime dg = ReportRegimes.standard().get("DG-MONTHLY");
        assertThat(dg.periodsEndingWithin(CAL.parse("2026-Q4"), CAL)).extracting(ReportingPeriod::code)
                .containsExactly("2026-M10", "2026-M11", "2026-M12");
        assertThat(dg.periodsEndingWithin(CAL.parse("2026-M11"), CAL)).extracting(ReportingPeriod::code)
                .containsExactly("2026-M11");
        // calendar month November 2026 contains the cut-off day 14 Nov: 2026-M11
        assertThat(dg.periodsEndingWithin(CAL.parse("2026-11"), CAL)).extracting(ReportingPeriod::code)
                .containsExactly("2026-M11");
        assertThat(dg.periodsEndingWithin(CAL.parse("2026-11-15..2026-11-30"), CAL)).isEmpty();
    }

    @Test
    void theDeadlineCountsWorkingDaysAfterTheCutOff() {
        ReportRegime dg = ReportRegimes.standard().get("DG-MONTHLY");
        // 14 Nov 2026 is a Saturday: Mon 16, Tue 17, Wed 18
        assertThat(dg.deadline(CAL.parse("2026-M11"), WorkingDays.vietnam())).isEqualTo(LocalDate.of(2026, 11, 18));
    }

    @Test
    void unknownRegimeOrKpiFailsLoudly() {
        assertThatThrownBy(() -> ReportRegimes.standard().get("NOPE"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DG-MONTHLY");
        String base = """
                {"version": "1", "valuesFormat": "f", "regimes": [{"id": "R", "name": {"vi": "r", "en": "r"},
                 "legalSource": "s", "periodKind": "%s", "levels": %s, "deadlineWorkingDays": 3,
                 "indicators": [{"kpi": "%s", "origin": "%s"}]}]}
                """;
        KpiRegistry reg = KpiRegistry.standard();
        assertThatThrownBy(() -> ReportRegimes.fromJson(base.formatted("MONTH", "[\"COMMUNE\"]", "P99", "EVENT"), "r", reg))
                .isInstanceOf(KpiRegistryException.class).hasMessageContaining("unknown KPI id 'P99'");
        assertThatThrownBy(() -> ReportRegimes.fromJson(base.formatted("MONTH", "[\"COMMUNE\"]", "P5", "SUBMITTED"), "r", reg))
                .hasMessageContaining("not a submitted (S) KPI");
        assertThatThrownBy(() -> ReportRegimes.fromJson(base.formatted("RANGE", "[\"COMMUNE\"]", "P9", "SUBMITTED"), "r", reg))
                .hasMessageContaining("not a Decree 09 period kind");
        assertThatThrownBy(() -> ReportRegimes.fromJson(base.formatted("MONTH", "[]", "P9", "SUBMITTED"), "r", reg))
                .hasMessageContaining("no reporting level");
        assertThat(ReportRegimes.fromJson(base.formatted("QUARTER", "[\"DEPARTMENT\"]", "P9", "SUBMITTED"), "r", reg)
                .get("R").submits("P9")).isTrue();
    }
}
