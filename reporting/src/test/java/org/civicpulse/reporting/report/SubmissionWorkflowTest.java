package org.civicpulse.reporting.report;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.civicpulse.domain.event.EventCodec;
import org.civicpulse.domain.event.EventType;
import org.civicpulse.domain.event.ReportAction;
import org.civicpulse.reporting.clickhouse.ClickHouseConnection;
import org.civicpulse.reporting.kpi.KpiEngine;
import org.civicpulse.reporting.report.ReportState.Status;
import org.civicpulse.reporting.report.WorkflowException.Refusal;
import org.civicpulse.reporting.testing.ClickHouseTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The submission workflow service against report_actions rows inserted by the test (the pipeline's part is
 * played by {@link #store}): the transitions, and the forbidden ones refused with a reason before anything is
 * posted.
 */
class SubmissionWorkflowTest {

    static final Actor OFFICER_TP = new Actor("officer.tp", "SO-TP", true, false, false);
    static final Actor OFFICER_KH = new Actor("officer.kh", "SO-KHCN", true, false, false);
    static final Actor OFFICER_MOI = new Actor("officer.moi", "00100", true, false, false);
    static final Actor APPROVER_CITY = new Actor("approver.city", "01", false, true, false);
    static final Actor APPROVER_QX = new Actor("approver.qx", "QX", false, true, false);
    static final Actor APPROVER_TP = new Actor("approver.tp", "SO-TP", false, true, false);
    static final Actor LEADER = new Actor("leader", "01", false, false, true);

    static ClickHouseConnection ch;
    static KpiEngine engine;
    static SubmissionWorkflow workflow;
    /** "Now": 27 Nov 2026 10:00 in Hanoi, one minute later at every {@link #tick()} (each step happens at its own time). */
    static final java.util.concurrent.atomic.AtomicReference<java.time.Instant> now =
            new java.util.concurrent.atomic.AtomicReference<>(ReportFixture.NOW);
    static Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return now.get();
        }
    };

    static void tick() {
        now.updateAndGet(t -> t.plusSeconds(60));
    }

    @BeforeAll
    static void load() {
        ch = ClickHouseConnection.connect(ClickHouseTestServer.freshDatabase("report_workflow"));
        ReportFixture.load(ch);
        engine = ReportFixture.engine(ch, clock);
        workflow = new SubmissionWorkflow(engine, new ReportActions(ch, clock), new ReportDrafts(ch), clock, "reports");
    }

    @AfterAll
    static void close() {
        engine.close();
        ch.close();
    }

    static ReportKey key(String unit) {
        return new ReportKey("DG-MONTHLY", unit, "2026-M11");
    }

    /** What the pipeline does with a posted event: a report_actions row. */
    static void store(ReportAction a) {
        tick();
        // the event is valid on the wire (the ingestion API would accept it)
        assertThat(new EventCodec(clock, java.time.Duration.ofMinutes(5)).parse(new EventCodec().toJson(a)).problems())
                .isEmpty();
        ch.insertJsonEachRow("report_actions", List.of(ReportFixture.stored(a)));
    }

    static Map<String, String> figures(String p9n, String p9d, String p10n, String p10d) {
        Map<String, String> m = new HashMap<>();
        m.put("P9.numerator", p9n);
        m.put("P9.denominator", p9d);
        m.put("P10.numerator", p10n);
        m.put("P10.denominator", p10d);
        return m;
    }

    // ------------------------------------------------------------------------------------------ refusals

    @Test
    void approvingADraftIsRefused() {
        assertThat(workflow.form(APPROVER_QX, key("00100")).state().status()).isEqualTo(Status.DRAFT);
        assertThatThrownBy(() -> workflow.approve(APPROVER_QX, key("00100"), null))
                .isInstanceOfSatisfying(WorkflowException.class, e -> assertThat(e.refusal()).isEqualTo(Refusal.NOT_SUBMITTED))
                .hasMessageContaining("nothing has been submitted");
    }

    @Test
    void approvingAnotherUnitsReportIsRefused() {
        // 00008 is under the city, not under the district QX
        assertThatThrownBy(() -> workflow.approve(APPROVER_QX, key("00008"), null))
                .isInstanceOfSatisfying(WorkflowException.class, e -> assertThat(e.refusal()).isEqualTo(Refusal.SCOPE))
                .hasMessageContaining("not below your unit QX");
        // a unit's own approver is not its parent's
        assertThatThrownBy(() -> workflow.approve(APPROVER_TP, key("SO-TP"), null))
                .isInstanceOfSatisfying(WorkflowException.class, e -> assertThat(e.refusal()).isEqualTo(Refusal.SCOPE));
        // a city-wide reader is not an approver
        assertThatThrownBy(() -> workflow.approve(LEADER, key("00008"), null))
                .isInstanceOfSatisfying(WorkflowException.class, e -> assertThat(e.refusal()).isEqualTo(Refusal.ROLE));
    }

    @Test
    void editingAfterApprovalIsRefused() {
        // SO-TP's M11 report was approved on 18 Nov (a02)
        assertThatThrownBy(() -> workflow.saveDraft(OFFICER_TP, key("SO-TP"), figures("41", "50", "1", "1")))
                .isInstanceOfSatisfying(WorkflowException.class, e -> assertThat(e.refusal()).isEqualTo(Refusal.LOCKED))
                .hasMessageContaining("approved by approver.city").hasMessageContaining("locked");
        ReportForm form = workflow.form(OFFICER_TP, key("SO-TP"));
        assertThat(form.editable()).isFalse();
        assertThat(form.notEditableBecause()).contains("locked");
    }

    @Test
    void submittingAfterTheLockIsRefused() {
        assertThatThrownBy(() -> workflow.submit(OFFICER_TP, key("SO-TP"), figures("41", "50", "1", "1")))
                .isInstanceOfSatisfying(WorkflowException.class, e -> assertThat(e.refusal()).isEqualTo(Refusal.LOCKED))
                .hasMessageContaining("cannot submit");
        // and approving it again
        assertThatThrownBy(() -> workflow.approve(APPROVER_CITY, key("SO-TP"), null))
                .isInstanceOfSatisfying(WorkflowException.class, e -> assertThat(e.refusal()).isEqualTo(Refusal.LOCKED));
    }

    @Test
    void otherRefusals() {
        // someone else's unit
        assertThatThrownBy(() -> workflow.submit(OFFICER_TP, key("SO-KHCN"), figures("1", "1", "1", "1")))
                .isInstanceOfSatisfying(WorkflowException.class, e -> assertThat(e.refusal()).isEqualTo(Refusal.SCOPE));
        // an approver does not submit
        assertThatThrownBy(() -> workflow.submit(APPROVER_CITY, key("00008"), figures("1", "1", "1", "1")))
                .isInstanceOfSatisfying(WorkflowException.class, e -> assertThat(e.refusal()).isEqualTo(Refusal.ROLE));
        // the open period 2026-M12
        assertThatThrownBy(() -> workflow.submit(OFFICER_TP, new ReportKey("DG-MONTHLY", "SO-TP", "2026-M12"),
                figures("1", "1", "1", "1")))
                .isInstanceOfSatisfying(WorkflowException.class, e -> assertThat(e.refusal()).isEqualTo(Refusal.PERIOD_OPEN));
        // a unit that does not report DG-MONTHLY (a district), a closed unit, a generated regime, a wrong period kind
        for (ReportKey k : List.of(key("QX"), key("SO-CU"), new ReportKey("CITY-QUARTERLY", "01", "2026-Q3"),
                new ReportKey("DG-MONTHLY", "SO-TP", "2026-Q3"))) {
            assertThatThrownBy(() -> workflow.submit(new Actor("x", "01", true, false, false), k, Map.of()))
                    .isInstanceOfSatisfying(WorkflowException.class, e -> assertThat(e.refusal()).isEqualTo(Refusal.NOT_EXPECTED));
        }
        // a return needs a comment
        assertThatThrownBy(() -> workflow.returnReport(APPROVER_CITY, key("00008"), "  "))
                .isInstanceOfSatisfying(WorkflowException.class, e -> assertThat(e.refusal()).isEqualTo(Refusal.COMMENT_REQUIRED));
    }

    @Test
    void submittedOnlyFieldsAreValidatedAndChangedPrefilledFiguresNeedAReason() {
        ReportForm form = workflow.form(OFFICER_MOI, key("00100"));
        assertThat(form.editable()).isTrue();
        ReportForm.Field p9 = form.fields().stream().filter(f -> f.kpi().equals("P9")).findFirst().orElseThrow();
        assertThat(p9.required()).isTrue();
        ReportForm.Field p5 = form.fields().stream().filter(f -> f.kpi().equals("P5")).findFirst().orElseThrow();
        // pre-filled from the events: 00100 received 1 dossier in M11 (d6), fully online
        assertThat(p5.required()).isFalse();
        assertThat(p5.input()).isTrue();
        assertThat(p5.prefilledNumerator()).isEqualByComparingTo("1");
        assertThat(p5.prefilledDenominator()).isEqualByComparingTo("1");
        assertThat(p5.numerator()).isEqualByComparingTo("1");

        Map<String, String> bad = figures("", "abc", "3", "2");
        bad.put("P5.numerator", "0");
        WorkflowException e = org.junit.jupiter.api.Assertions.assertThrows(WorkflowException.class,
                () -> workflow.submit(OFFICER_MOI, key("00100"), bad));
        assertThat(e.refusal()).isEqualTo(Refusal.INVALID);
        assertThat(e.fieldErrors()).containsKeys("P9.numerator", "P9.denominator", "P10.numerator", "P5.reason");
        assertThat(e.fieldErrors().get("P9.numerator")).contains("required");
        assertThat(e.fieldErrors().get("P9.denominator")).contains("whole number");
        assertThat(e.fieldErrors().get("P10.numerator")).contains("cannot exceed");
        assertThat(e.fieldErrors().get("P5.reason")).contains("reason");

        Map<String, String> zero = figures("1", "0", "12.5", "20");
        WorkflowException e2 = org.junit.jupiter.api.Assertions.assertThrows(WorkflowException.class,
                () -> workflow.submit(OFFICER_MOI, key("00100"), zero));
        assertThat(e2.fieldErrors()).containsKeys("P9.denominator", "P10.numerator");

        Map<String, String> good = figures("12", "15", "1", "1");
        good.put("P5.numerator", "0");
        good.put("P5.reason", "Hồ sơ d6 nộp trực tiếp, hệ thống ghi nhầm kênh");
        ReportAction a = workflow.submit(OFFICER_MOI, key("00100"), good);
        assertThat(a.values()).containsEntry("P9.numerator", 12L).containsEntry("P9.denominator", 15L)
                .containsEntry("P5.numerator", 0L).containsEntry("P5.prefilled.numerator", 1L)
                .containsEntry("P5.reason", "Hồ sơ d6 nộp trực tiếp, hệ thống ghi nhầm kênh");
        // nothing was posted: the report is still a draft
        assertThat(workflow.form(OFFICER_MOI, key("00100")).state().status()).isEqualTo(Status.DRAFT);
    }

    // ------------------------------------------------------------------------------------------ transitions

    @Test
    void submitReturnResubmitApproveThenLocked() {
        ReportKey k = key("SO-KHCN");
        // SO-KHCN submitted on 18 Nov (a08); the city's approver returns it
        ReportAction ret = workflow.returnReport(APPROVER_CITY, k, "Thiếu số liệu P10");
        assertThat(ret.type()).isEqualTo(EventType.REPORT_RETURNED);
        assertThat(ret.values()).containsEntry("submission", "a08");
        assertThat(ret.by()).isEqualTo("approver.city");
        assertThat(ret.source()).isEqualTo("reports");
        assertThat(ret.aggregateId()).isEqualTo("DG-MONTHLY/SO-KHCN/2026-M11");
        store(ret);
        assertThat(workflow.form(OFFICER_KH, k).state().status()).isEqualTo(Status.RETURNED);
        assertThatThrownBy(() -> workflow.approve(APPROVER_CITY, k, null))
                .isInstanceOfSatisfying(WorkflowException.class, e -> assertThat(e.refusal()).isEqualTo(Refusal.NOT_SUBMITTED))
                .hasMessageContaining("returned");

        // a draft survives, then the officer submits again
        workflow.saveDraft(OFFICER_KH, k, figures("30", "31", "2", "2"));
        ReportForm draft = workflow.form(OFFICER_KH, k);
        assertThat(draft.draftSavedBy()).isEqualTo("officer.kh");
        assertThat(draft.fields().get(1).numerator()).isEqualByComparingTo("2");
        ReportAction sub = workflow.submit(OFFICER_KH, k, figures("30", "31", "2", "2"));
        store(sub);
        ReportState s = workflow.form(APPROVER_CITY, k).state();
        assertThat(s.status()).isEqualTo(Status.SUBMITTED);
        assertThat(s.firstSubmitted()).as("timeliness keeps the first submission").isEqualTo(
                java.time.LocalDateTime.parse("2026-11-18T23:30:00").atZone(ReportFixture.ZONE).toInstant());
        assertThat(workflow.form(APPROVER_CITY, k).approvable()).isTrue();

        ReportAction ok = workflow.approve(APPROVER_CITY, k, "Đồng ý");
        assertThat(ok.values()).containsEntry("submission", sub.id());
        store(ok);
        assertThat(workflow.form(OFFICER_KH, k).state().status()).isEqualTo(Status.APPROVED);
        assertThatThrownBy(() -> workflow.submit(OFFICER_KH, k, figures("31", "31", "2", "2")))
                .isInstanceOfSatisfying(WorkflowException.class, e -> assertThat(e.refusal()).isEqualTo(Refusal.LOCKED));
        // the engine reads the approved figures: P9 of SO-KHCN = 30/31
        var p9 = engine.compute("SO-KHCN", "2026-M11").stream().filter(v -> v.kpi().equals("P9")).findFirst().orElseThrow();
        assertThat(p9.numerator()).isEqualByComparingTo("30");
        assertThat(p9.denominator()).isEqualByComparingTo("31");
    }

    @Test
    void aPostedActionCountsAtOnceSoADoubleClickIsRefused() {
        ReportKey k = key("00008");
        ReportAction first = workflow.approve(APPROVER_CITY, k, null);
        workflow.posted(first); // accepted by ingestion, not yet in ClickHouse
        assertThat(workflow.form(APPROVER_CITY, k).state().status()).isEqualTo(Status.APPROVED);
        assertThatThrownBy(() -> workflow.approve(APPROVER_CITY, k, null))
                .isInstanceOfSatisfying(WorkflowException.class, e -> assertThat(e.refusal()).isEqualTo(Refusal.LOCKED));
        store(first); // the pipeline catches up: the same event id counts once
        ReportState s = workflow.form(APPROVER_CITY, k).state();
        assertThat(s.status()).isEqualTo(Status.APPROVED);
        assertThat(s.steps()).hasSize(2);
    }

    @Test
    void theListShowsDeadlinesRemindersAndOverdueReports() {
        List<SubmissionWorkflow.Item> items = workflow.items(APPROVER_QX, engine.expectedReports().calendar().parse("2026-M11"));
        assertThat(items).extracting(i -> i.report().unit()).containsExactly("00100");
        SubmissionWorkflow.Item moi = items.get(0);
        assertThat(moi.flag()).isEqualTo(SubmissionWorkflow.Flag.OVERDUE);
        assertThat(moi.workingDaysLeft()).isNegative();
        assertThat(moi.unitName()).isEqualTo("Phường Mới");
        List<SubmissionWorkflow.Item> all = workflow.items(LEADER, engine.expectedReports().calendar().parse("2026-M11"));
        assertThat(all).hasSize(5);
        assertThat(all).filteredOn(i -> i.report().unit().equals("SO-TP")).singleElement()
                .satisfies(i -> assertThat(i.flag()).isEqualTo(SubmissionWorkflow.Flag.ON_TIME));
        assertThat(all).filteredOn(i -> i.report().unit().equals("00004")).singleElement()
                .satisfies(i -> assertThat(i.flag()).isEqualTo(SubmissionWorkflow.Flag.ON_TIME));
        assertThat(all).noneMatch(SubmissionWorkflow.Item::canSubmit);
        assertThat(workflow.reminders(APPROVER_QX, engine.expectedReports().calendar().parse("2026-M11")))
                .extracting(i -> i.report().unit()).containsExactly("00100");
        // 00008's report was submitted late, on 20 Nov
        List<SubmissionWorkflow.Item> city = workflow.items(APPROVER_CITY, engine.expectedReports().calendar().parse("2026-M11"));
        assertThat(city).filteredOn(i -> i.report().unit().equals("00008")).singleElement()
                .satisfies(i -> assertThat(i.flag()).isEqualTo(SubmissionWorkflow.Flag.LATE));
    }
}
