package org.civicpulse.domain.kpi;

import org.civicpulse.domain.calendar.ReportingCalendar;
import org.civicpulse.domain.calendar.ReportingPeriod;
import org.civicpulse.domain.event.UnitLevel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The city's generated regimes, workflows and recipients. */
class ReportRegimeWorkflowTest {

    @Test
    void theCityReportsAreGeneratedForTheCityAndMailedToItsLeaders() {
        ReportRegimes regimes = ReportRegimes.standard();
        ReportRegime q = regimes.get("CITY-QUARTERLY");
        ReportRegime y = regimes.get("CITY-ANNUAL");
        assertThat(q.periodKind()).isEqualTo(ReportingPeriod.Kind.QUARTER);
        assertThat(y.periodKind()).isEqualTo(ReportingPeriod.Kind.YEAR);
        for (ReportRegime r : java.util.List.of(q, y)) {
            assertThat(r.workflow()).isEqualTo(ReportRegime.Workflow.GENERATED);
            assertThat(r.requiresSubmission()).isFalse();
            assertThat(r.levels()).containsExactly(UnitLevel.CITY);
            assertThat(r.recipients()).isNotEmpty().allMatch(a -> a.contains("@"));
            assertThat(r.submits("P9")).as("a generated regime has no form").isFalse();
        }
        assertThat(regimes.submissionRegimes()).extracting(ReportRegime::id).containsExactly("DG-MONTHLY");
        assertThat(regimes.get("DG-MONTHLY").requiresSubmission()).isTrue();
        assertThat(regimes.get("DG-MONTHLY").recipients()).isNotEmpty();
        assertThat(q.periodsEndingWithin(ReportingCalendar.defaults().parse("2026-Y"), ReportingCalendar.defaults()))
                .extracting(ReportingPeriod::code).containsExactly("2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4");
    }

    @Test
    void workflowAndRecipientsAreOptionalAndChecked() {
        String base = """
                {"version": "1", "valuesFormat": "f", "regimes": [{"id": "R", "name": {"vi": "r", "en": "r"},
                 "legalSource": "s", "periodKind": "MONTH", "levels": ["COMMUNE"], "deadlineWorkingDays": 3,
                 "indicators": [{"kpi": "P9", "origin": "SUBMITTED"}] %s}]}
                """;
        KpiRegistry reg = KpiRegistry.standard();
        ReportRegime plain = ReportRegimes.fromJson(base.formatted(""), "r", reg).get("R");
        assertThat(plain.workflow()).isEqualTo(ReportRegime.Workflow.SUBMISSION);
        assertThat(plain.recipients()).isEmpty();
        assertThat(ReportRegimes.fromJson(base.formatted(", \"workflow\": \"GENERATED\", \"recipients\": [\"a@b.example\"]"),
                "r", reg).get("R").recipients()).containsExactly("a@b.example");
        assertThatThrownBy(() -> ReportRegimes.fromJson(base.formatted(", \"workflow\": \"MANUAL\""), "r", reg))
                .isInstanceOf(KpiRegistryException.class).hasMessageContaining("SUBMISSION, GENERATED");
        assertThatThrownBy(() -> ReportRegimes.fromJson(base.formatted(", \"recipients\": [\"not an address\"]"), "r", reg))
                .isInstanceOf(KpiRegistryException.class).hasMessageContaining("not an e-mail address");
    }
}
