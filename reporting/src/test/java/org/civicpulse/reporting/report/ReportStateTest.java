package org.civicpulse.reporting.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.civicpulse.reporting.report.ActionRow.Action;
import org.civicpulse.reporting.report.ReportState.Status;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The conflict-resolution rule of the workflow read model (no ClickHouse). */
class ReportStateTest {

    static final ReportKey KEY = new ReportKey("DG-MONTHLY", "00004", "2026-M11");
    static final Instant T = Instant.parse("2026-11-16T02:00:00Z");

    static ActionRow row(String id, Action a, int secondsAfter, String values) {
        return new ActionRow(id, KEY.unit(), KEY.regime(), KEY.period(), a, values, "u-" + id, "", T.plusSeconds(secondsAfter));
    }

    @Test
    void nothingIsADraft() {
        ReportState s = ReportState.fold(KEY, List.of());
        assertThat(s.status()).isEqualTo(Status.DRAFT);
        assertThat(s.submitted()).isFalse();
    }

    @Test
    void submitReturnSubmitApprove() {
        ReportState s = ReportState.fold(KEY, List.of(
                row("e1", Action.SUBMITTED, 0, "{\"P9.numerator\": 1, \"P9.denominator\": 2}"),
                row("e2", Action.RETURNED, 60, "{\"submission\": \"e1\"}"),
                row("e3", Action.SUBMITTED, 120, "{\"P9.numerator\": 2, \"P9.denominator\": 2}"),
                row("e4", Action.APPROVED, 180, "{\"submission\": \"e3\"}")));
        assertThat(s.status()).isEqualTo(Status.APPROVED);
        assertThat(s.locked()).isTrue();
        assertThat(s.firstSubmitted()).isEqualTo(T);
        assertThat(s.submission().eventId()).isEqualTo("e3");
        assertThat(s.values()).containsEntry("P9.numerator", 2);
        assertThat(s.steps()).allMatch(ReportState.Step::accepted);
    }

    @Test
    void aSubmitAfterApprovalIsIgnoredTheDataStaysLocked() {
        ReportState s = ReportState.fold(KEY, List.of(
                row("e1", Action.SUBMITTED, 0, "{\"P9.numerator\": 1, \"P9.denominator\": 2}"),
                row("e2", Action.APPROVED, 60, "{}"),
                row("e3", Action.SUBMITTED, 120, "{\"P9.numerator\": 9, \"P9.denominator\": 9}")));
        assertThat(s.status()).isEqualTo(Status.APPROVED);
        assertThat(s.values()).containsEntry("P9.numerator", 1);
        assertThat(s.steps().get(2).accepted()).isFalse();
        assertThat(s.steps().get(2).note()).contains("locked");
    }

    @Test
    void anApproveAfterAnApproveIsIgnoredTheFirstWins() {
        ReportState s = ReportState.fold(KEY, List.of(
                row("e1", Action.SUBMITTED, 0, "{}"),
                row("e2", Action.APPROVED, 60, "{}"),
                row("e3", Action.APPROVED, 61, "{}"),
                row("e4", Action.RETURNED, 62, "{}")));
        assertThat(s.status()).isEqualTo(Status.APPROVED);
        assertThat(s.decision().eventId()).isEqualTo("e2");
        assertThat(s.steps()).extracting(ReportState.Step::accepted).containsExactly(true, true, false, false);
    }

    @Test
    void approvingADraftIsIgnored() {
        ReportState s = ReportState.fold(KEY, List.of(row("e1", Action.APPROVED, 0, "{}")));
        assertThat(s.status()).isEqualTo(Status.DRAFT);
        assertThat(s.steps().get(0).note()).contains("nothing was submitted");
    }

    @Test
    void sameSecondConflictsResolveByEventIdWhateverTheArrivalOrder() {
        // an approval and a return of the same submission in the same second: "a-…" sorts before "r-…"
        List<ActionRow> rows = new ArrayList<>(List.of(
                row("s-1", Action.SUBMITTED, 0, "{}"),
                row("r-2", Action.RETURNED, 30, "{\"submission\": \"s-1\"}"),
                row("a-2", Action.APPROVED, 30, "{\"submission\": \"s-1\"}")));
        for (int i = 0; i < 3; i++) {
            Collections.rotate(rows, 1);
            ReportState s = ReportState.fold(KEY, rows);
            assertThat(s.status()).isEqualTo(Status.APPROVED);
            assertThat(s.decision().eventId()).isEqualTo("a-2");
        }
    }

    @Test
    void aDecisionOfASupersededSubmissionIsIgnored() {
        ReportState s = ReportState.fold(KEY, List.of(
                row("e1", Action.SUBMITTED, 0, "{\"P9.numerator\": 1, \"P9.denominator\": 2}"),
                row("e2", Action.SUBMITTED, 10, "{\"P9.numerator\": 2, \"P9.denominator\": 2}"),
                row("e3", Action.APPROVED, 20, "{\"submission\": \"e1\"}")));
        assertThat(s.status()).isEqualTo(Status.SUBMITTED);
        assertThat(s.submission().eventId()).isEqualTo("e2");
        assertThat(s.firstSubmitted()).isEqualTo(T);
        assertThat(s.steps().get(2).note()).contains("superseded");
    }

    @Test
    void replayedEventsCountOnce() {
        ActionRow submit = row("e1", Action.SUBMITTED, 0, "{}");
        ReportState s = ReportState.fold(KEY, List.of(submit, submit, row("e2", Action.APPROVED, 5, "{}"), submit));
        assertThat(s.steps()).hasSize(2);
        assertThat(s.status()).isEqualTo(Status.APPROVED);
    }
}
