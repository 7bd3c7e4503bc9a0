package org.civicpulse.reporting.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

import org.civicpulse.domain.calendar.ReportingPeriod;
import org.civicpulse.domain.event.EventType;
import org.civicpulse.domain.event.ReportAction;
import org.civicpulse.domain.kpi.KpiDefinition;
import org.civicpulse.domain.kpi.MeasureUnit;
import org.civicpulse.domain.kpi.RegimeIndicator;
import org.civicpulse.domain.kpi.ReportRegime;
import org.civicpulse.domain.org.OrgHierarchy;
import org.civicpulse.domain.org.OrgUnit;
import org.civicpulse.reporting.kpi.KpiEngine;
import org.civicpulse.reporting.kpi.KpiValue;
import org.civicpulse.reporting.report.WorkflowException.Refusal;

/**
 * The department submission workflow: draft → submitted → approved (locked) or returned (→ submitted again).
 *
 * <p>This service decides and prepares; it does not write the workflow. Every step is a {@code report.*} event
 * ({@link ReportAction}) that the caller posts to the ingestion API (source {@code reports}), so ordering and the
 * audit trail come from the pipeline, and the state is read back from {@code report_actions}
 * ({@link ReportActions}, folded by {@link ReportState#fold}). Forbidden steps are refused here, <em>before</em>
 * anything is posted, with a {@link WorkflowException} that says why:
 * <ul>
 *   <li>only a UNIT_OFFICER of the unit (or a unit above it) saves and submits; only an APPROVER of a unit
 *   <em>above</em> the report's unit approves or returns (never the unit's own approver);</li>
 *   <li>approving or returning needs a pending submission (not a draft, not a returned report);</li>
 *   <li>an approved report is locked: no draft, no submission, no second decision;</li>
 *   <li>a report is submitted once its period is over; a return needs a comment;</li>
 *   <li>the form's figures: submitted-only indicators are required whole numbers, 0 ≤ numerator ≤ denominator,
 *   denominator ≥ 1, at most {@value #MAX_FIGURE}; a pre-filled (event or catalogue) figure may be changed only
 *   with a reason of at least {@value #MIN_REASON} characters.</li>
 * </ul>
 *
 * <p>Values written ({@code values} of {@code report.submitted}, the regime's values format): {@code <KPI>.numerator}
 * and {@code <KPI>.denominator} for every indicator with figures; for a changed pre-filled figure also
 * {@code <KPI>.prefilled.numerator}, {@code <KPI>.prefilled.denominator} and {@code <KPI>.reason}; for composites
 * {@code <KPI>.value} as the engine had it. Approvals and returns carry {@code {"submission": <event id>}}: the
 * submission they decide (see the conflict rule in {@link ReportState}).
 */
public final class SubmissionWorkflow {

    public static final long MAX_FIGURE = 10_000_000L;
    public static final int MIN_REASON = 5;
    /** Working days before the deadline from which a report not submitted is flagged "due soon". */
    public static final int REMINDER_WORKING_DAYS = 2;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern WHOLE = Pattern.compile("\\d{1,9}");
    private static final Pattern DECIMAL = Pattern.compile("\\d{1,12}([.,]\\d{1,4})?");

    private final KpiEngine engine;
    private final ExpectedReports expected;
    private final ReportActions actions;
    private final ReportDrafts drafts;
    private final Clock clock;
    private final String source;

    /**
     * @param source the ingestion source the events are posted as ({@code reports})
     */
    public SubmissionWorkflow(KpiEngine engine, ReportActions actions, ReportDrafts drafts, Clock clock, String source) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.expected = engine.expectedReports();
        this.actions = Objects.requireNonNull(actions, "actions");
        this.drafts = Objects.requireNonNull(drafts, "drafts");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.source = Objects.requireNonNull(source, "source");
    }

    public ExpectedReports expectedReports() {
        return expected;
    }

    // ============================================================================================ list

    /** Where an expected report stands against its deadline. */
    public enum Flag {
        /** Submitted by the deadline. */
        ON_TIME,
        /** Submitted after the deadline. */
        LATE,
        /** Not submitted; the deadline is more than {@value #REMINDER_WORKING_DAYS} working days away. */
        DUE,
        /** Not submitted; the deadline is within {@value #REMINDER_WORKING_DAYS} working days: remind. */
        DUE_SOON,
        /** Not submitted and the deadline has passed. */
        OVERDUE
    }

    /**
     * One row of the submissions list.
     *
     * @param report          the expected report
     * @param unitName        the unit's name
     * @param state           its workflow state
     * @param flag            deadline flag
     * @param workingDaysLeft working days from today to the deadline (negative: overdue by)
     * @param canSubmit       the actor may fill in and submit it now
     * @param canDecide       the actor may approve or return it now
     */
    public record Item(ExpectedReport report, String unitName, ReportState state, Flag flag, int workingDaysLeft,
                       boolean canSubmit, boolean canDecide) {
    }

    /**
     * The reports the actor's units owe for the periods ending within {@code range} that are over now: the
     * home unit's subtree for officers and approvers, every unit for city-wide users.
     */
    public List<Item> items(Actor actor, ReportingPeriod range) {
        Instant now = clock.instant();
        OrgHierarchy h = engine.hierarchy();
        String root = actor.cityWide() ? null : actor.unit();
        if (root == null && !actor.cityWide()) {
            return List.of();
        }
        List<ExpectedReport> due = expected.due(range, now, h, root);
        Map<ReportKey, ReportState> states = actions.states(due.stream().map(ExpectedReport::key).toList());
        LocalDate today = expected.calendar().localDate(now);
        List<Item> out = new ArrayList<>();
        for (ExpectedReport e : due) {
            ReportState s = states.get(e.key());
            int left = expected.workingDaysBetween(today, e.deadline());
            Flag flag;
            if (s.submitted()) {
                flag = expected.onTime(e.deadline(), s.firstSubmitted(), now) ? Flag.ON_TIME : Flag.LATE;
            } else if (expected.overdue(e.deadline(), null, now)) {
                flag = Flag.OVERDUE;
            } else {
                flag = left <= REMINDER_WORKING_DAYS ? Flag.DUE_SOON : Flag.DUE;
            }
            String name = h.at(e.unit(), e.period().endInclusive()).map(OrgUnit::name).orElse(e.unit());
            out.add(new Item(e, name, s, flag, left, mayEdit(actor, e, h) && !s.locked(),
                    mayDecide(actor, e, h) && s.status() == ReportState.Status.SUBMITTED));
        }
        return out;
    }

    /** The reports due within {@value #REMINDER_WORKING_DAYS} working days or overdue, not submitted (reminders). */
    public List<Item> reminders(Actor actor, ReportingPeriod range) {
        return items(actor, range).stream().filter(i -> i.flag() == Flag.DUE_SOON || i.flag() == Flag.OVERDUE).toList();
    }

    // ============================================================================================ form

    /** The form of a report as the actor opens it. */
    public ReportForm form(Actor actor, ReportKey key) {
        ExpectedReport e = resolve(key);
        OrgHierarchy h = engine.hierarchy();
        if (!mayRead(actor, e, h)) {
            throw new WorkflowException(Refusal.SCOPE, "unit " + e.unit() + " is outside your scope (unit "
                    + actor.unit() + " and the units below it)");
        }
        ReportState state = actions.state(key);
        Map<String, Object> shown = state.values();
        Instant draftAt = null;
        String draftBy = null;
        if (state.status() == ReportState.Status.DRAFT || state.status() == ReportState.Status.RETURNED) {
            Optional<ReportDrafts.Draft> d = drafts.find(key);
            if (d.isPresent() && (state.submission() == null || d.get().savedAt().isAfter(state.submission().occurredAt()))) {
                shown = ReportState.parse(d.get().valuesJson());
                draftAt = d.get().savedAt();
                draftBy = d.get().savedBy();
            }
        }
        Map<String, KpiValue> pre = prefill(e);
        List<ReportForm.Field> fields = new ArrayList<>();
        for (RegimeIndicator i : e.regime().indicators()) {
            KpiDefinition d = engine.registry().get(i.kpi());
            KpiValue v = pre.get(i.kpi());
            BigDecimal pn = v == null ? null : v.numerator();
            BigDecimal pd = v == null ? null : v.denominator();
            boolean input = i.origin() == RegimeIndicator.Origin.SUBMITTED || (pn != null && pd != null);
            BigDecimal n = number(shown.get(i.kpi() + ".numerator"));
            BigDecimal dd = number(shown.get(i.kpi() + ".denominator"));
            if (n == null && dd == null) {
                // nothing submitted or drafted: the engine's figures (for submitted KPIs, the last approved ones)
                n = pn;
                dd = pd;
            }
            Object reason = shown.get(i.kpi() + ".reason");
            fields.add(new ReportForm.Field(d.id(), ReportText.nfc(d.name().vi()), d.unit(), i.origin(), pn, pd,
                    v == null ? null : v.value(), n, dd, reason == null ? null : reason.toString(), input));
        }
        String notEditable = null;
        if (!mayEdit(actor, e, h)) {
            notEditable = actor.officer() ? "unit " + e.unit() + " is outside your unit " + actor.unit()
                    : "only a unit officer (UNIT_OFFICER) fills in and submits reports";
        } else if (state.locked()) {
            notEditable = lockedMessage(state);
        }
        return new ReportForm(e, h.at(e.unit(), e.period().endInclusive()).map(OrgUnit::name).orElse(e.unit()), state,
                fields, draftAt, draftBy, notEditable == null, mayDecide(actor, e, h)
                && state.status() == ReportState.Status.SUBMITTED, notEditable);
    }

    /**
     * Checks the typed figures against the form; returns field → error (empty: valid) and, when valid, the values
     * object of the event (regime values format).
     */
    public Validation validate(ReportForm form, Map<String, String> input) {
        Map<String, String> errors = new TreeMap<>();
        Map<String, Object> values = new LinkedHashMap<>();
        for (ReportForm.Field f : form.fields()) {
            if (!f.input()) {
                if (f.prefilledValue() != null) {
                    values.put(f.kpi() + ".value", plain(f.prefilledValue()));
                }
                continue;
            }
            String nk = f.numeratorKey();
            String dk = f.denominatorKey();
            String rawN = trim(input.get(nk));
            String rawD = trim(input.get(dk));
            BigDecimal n;
            BigDecimal d;
            if (f.required()) {
                n = whole(rawN, nk, errors, "numerator");
                d = whole(rawD, dk, errors, "denominator");
                if (d != null && d.signum() == 0) {
                    errors.put(dk, "the denominator must be at least 1");
                    d = null;
                }
            } else {
                n = rawN == null ? f.prefilledNumerator() : decimal(rawN, nk, errors);
                d = rawD == null ? f.prefilledDenominator() : decimal(rawD, dk, errors);
            }
            if (n != null && d != null && f.measure() == MeasureUnit.PERCENT && n.compareTo(d) > 0) {
                errors.put(nk, "the numerator (" + plain(n) + ") cannot exceed the denominator (" + plain(d) + ")");
            }
            if (n == null || d == null || errors.containsKey(nk) || errors.containsKey(dk)) {
                continue;
            }
            values.put(nk, plain(n));
            values.put(dk, plain(d));
            if (!f.required()) {
                boolean changed = !same(n, f.prefilledNumerator()) || !same(d, f.prefilledDenominator());
                if (changed) {
                    String reason = input.get(f.reasonKey()) == null ? null : input.get(f.reasonKey()).strip();
                    if (reason == null || reason.length() < MIN_REASON) {
                        errors.put(f.reasonKey(), "changing the pre-filled figures of " + f.kpi() + " ("
                                + plain(f.prefilledNumerator()) + "/" + plain(f.prefilledDenominator())
                                + ") needs a reason of at least " + MIN_REASON + " characters");
                    } else {
                        values.put(f.kpi() + ".prefilled.numerator", plain(f.prefilledNumerator()));
                        values.put(f.kpi() + ".prefilled.denominator", plain(f.prefilledDenominator()));
                        values.put(f.reasonKey(), ReportText.nfc(reason));
                    }
                }
            }
        }
        return new Validation(errors, errors.isEmpty() ? values : Map.of());
    }

    /** The outcome of {@link #validate}. */
    public record Validation(Map<String, String> errors, Map<String, Object> values) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    // ============================================================================================ steps

    /** Saves the form as the report's draft (no event). Refused after approval: approved data is locked. */
    public void saveDraft(Actor actor, ReportKey key, Map<String, String> input) {
        ExpectedReport e = resolve(key);
        requireEdit(actor, e);
        ReportState state = actions.state(key);
        if (state.locked()) {
            throw new WorkflowException(Refusal.LOCKED, "cannot edit: " + lockedMessage(state));
        }
        Map<String, Object> values = new LinkedHashMap<>();
        input.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                values.put(k, ReportText.nfc(v.strip()));
            }
        });
        drafts.save(key, json(values), actor.username(), clock.instant());
    }

    /** Prepares the {@code report.submitted} event; post it, then call {@link #posted}. */
    public ReportAction submit(Actor actor, ReportKey key, Map<String, String> input) {
        ExpectedReport e = resolve(key);
        requireEdit(actor, e);
        Instant now = clock.instant();
        if (!expected.closed(e.period(), now)) {
            throw new WorkflowException(Refusal.PERIOD_OPEN, "period " + e.period().code() + " is still open until "
                    + ReportText.shortDate(e.period().endInclusive()) + ": submit it after the cut-off day");
        }
        ReportState state = actions.state(key);
        if (state.locked()) {
            throw new WorkflowException(Refusal.LOCKED, "cannot submit: " + lockedMessage(state));
        }
        Validation v = validate(form(actor, key), input);
        if (!v.valid()) {
            throw new WorkflowException(Refusal.INVALID, "the form has " + v.errors().size() + " error(s): "
                    + String.join("; ", v.errors().values()), v.errors());
        }
        return event(EventType.REPORT_SUBMITTED, e, v.values(), actor, null, now);
    }

    /** Prepares the {@code report.approved} event of the pending submission. */
    public ReportAction approve(Actor actor, ReportKey key, String comment) {
        return decide(actor, key, comment, EventType.REPORT_APPROVED);
    }

    /** Prepares the {@code report.returned} event of the pending submission; the comment says what to fix. */
    public ReportAction returnReport(Actor actor, ReportKey key, String comment) {
        if (comment == null || comment.isBlank()) {
            throw new WorkflowException(Refusal.COMMENT_REQUIRED, "returning a report needs a comment that says what to fix");
        }
        return decide(actor, key, comment, EventType.REPORT_RETURNED);
    }

    private ReportAction decide(Actor actor, ReportKey key, String comment, EventType type) {
        ExpectedReport e = resolve(key);
        OrgHierarchy h = engine.hierarchy();
        String verb = type == EventType.REPORT_APPROVED ? "approve" : "return";
        if (!actor.approver()) {
            throw new WorkflowException(Refusal.ROLE, "only an APPROVER of a parent unit may " + verb + " reports");
        }
        if (!mayDecide(actor, e, h)) {
            throw new WorkflowException(Refusal.SCOPE, "cannot " + verb + " the report of unit " + e.unit()
                    + ": it is not below your unit " + actor.unit() + " (reports are approved by an approver of a parent unit)");
        }
        ReportState state = actions.state(key);
        switch (state.status()) {
            case DRAFT -> throw new WorkflowException(Refusal.NOT_SUBMITTED, "cannot " + verb + " the report of "
                    + e.unit() + " for " + e.period().code() + ": nothing has been submitted (it is a draft)");
            case RETURNED -> throw new WorkflowException(Refusal.NOT_SUBMITTED, "cannot " + verb + ": the report was "
                    + "returned by " + state.decision().by() + " and has not been submitted again");
            case APPROVED -> throw new WorkflowException(Refusal.LOCKED, "cannot " + verb + ": " + lockedMessage(state));
            default -> {
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(ReportState.SUBMISSION_REF, state.submission().eventId());
        return event(type, e, values, actor, comment == null || comment.isBlank() ? null : ReportText.nfc(comment.strip()),
                clock.instant());
    }

    /** The event was accepted by ingestion: fold it in until the pipeline has stored it. */
    public void posted(ReportAction a) {
        actions.remember(row(a));
    }

    /** Turns a prepared event into the row the pipeline will store. */
    public static ActionRow row(ReportAction a) {
        return new ActionRow(a.id(), a.unit(), a.regime(), a.period(), switch (a.type()) {
            case REPORT_SUBMITTED -> ActionRow.Action.SUBMITTED;
            case REPORT_APPROVED -> ActionRow.Action.APPROVED;
            case REPORT_RETURNED -> ActionRow.Action.RETURNED;
            default -> throw new IllegalArgumentException(a.type().wire());
        }, json(a.values()), a.by(), a.comment(), a.occurredAt().toInstant().truncatedTo(ChronoUnit.SECONDS));
    }

    // ============================================================================================ rules

    /**
     * The expected report a key names.
     *
     * @throws WorkflowException NOT_EXPECTED for an unknown or generated regime, a period of another kind, or a
     *                           unit that does not report the regime on the period's last day
     */
    public ExpectedReport resolve(ReportKey key) {
        ReportRegime regime;
        ReportingPeriod period;
        try {
            regime = expected.regimes().get(key.regime());
            period = expected.calendar().parse(key.period());
        } catch (IllegalArgumentException e) {
            throw new WorkflowException(Refusal.NOT_EXPECTED, e.getMessage());
        }
        if (!regime.requiresSubmission()) {
            throw new WorkflowException(Refusal.NOT_EXPECTED, "regime " + regime.id() + " is written by the system; nobody submits it");
        }
        if (period.kind() != regime.periodKind()) {
            throw new WorkflowException(Refusal.NOT_EXPECTED, "regime " + regime.id() + " reports " + regime.periodKind()
                    + " periods, not " + period.code());
        }
        for (ExpectedReport e : expected.of(regime, period, engine.hierarchy(), key.unit())) {
            if (e.unit().equals(key.unit())) {
                return e;
            }
        }
        throw new WorkflowException(Refusal.NOT_EXPECTED, "unit " + key.unit() + " does not report " + regime.id()
                + " for " + period.code() + " (reported by " + regime.levels() + " units in force on "
                + ReportText.shortDate(period.endInclusive()) + ")");
    }

    private void requireEdit(Actor actor, ExpectedReport e) {
        if (!actor.officer()) {
            throw new WorkflowException(Refusal.ROLE, "only a unit officer (UNIT_OFFICER) fills in and submits reports");
        }
        if (!mayEdit(actor, e, engine.hierarchy())) {
            throw new WorkflowException(Refusal.SCOPE, "unit " + e.unit() + " is outside your unit " + actor.unit());
        }
    }

    private static boolean within(Actor a, ExpectedReport e, OrgHierarchy h) {
        return a.unit() != null && h.isWithin(e.unit(), a.unit(), e.period().endInclusive());
    }

    private static boolean mayRead(Actor a, ExpectedReport e, OrgHierarchy h) {
        return a.cityWide() || within(a, e, h);
    }

    private static boolean mayEdit(Actor a, ExpectedReport e, OrgHierarchy h) {
        return a.officer() && within(a, e, h);
    }

    /** An approver of a unit strictly above the report's unit. */
    private static boolean mayDecide(Actor a, ExpectedReport e, OrgHierarchy h) {
        return a.approver() && within(a, e, h) && !e.unit().equals(a.unit());
    }

    private static String lockedMessage(ReportState s) {
        return "the report was approved by " + s.decision().by() + " on "
                + ReportText.shortDate(s.decision().occurredAt().atZone(org.civicpulse.reporting.clickhouse.Sql.SCHEMA_ZONE)
                .toLocalDate()) + " and its data is locked";
    }

    private Map<String, KpiValue> prefill(ExpectedReport e) {
        Map<String, KpiValue> out = new LinkedHashMap<>();
        for (KpiValue v : engine.compute(e.unit(), e.period().code())) {
            out.put(v.kpi(), v);
        }
        return out;
    }

    private ReportAction event(EventType type, ExpectedReport e, Map<String, Object> values, Actor actor, String comment,
                               Instant at) {
        OffsetDateTime when = at.truncatedTo(ChronoUnit.SECONDS).atZone(expected.calendar().zone()).toOffsetDateTime();
        return new ReportAction(newEventId(at), type, when, source, e.unit(), e.regime().id(),
                e.period().code(), values, actor.username(), comment);
    }

    private static final java.util.concurrent.atomic.AtomicLong LAST_ID_MILLIS = new java.util.concurrent.atomic.AtomicLong();

    /**
     * {@code report-<13-digit epoch millis>-<random>}: ids sort in creation order (strictly increasing millis in
     * this process, even under a fixed clock), so the fold's tie-break within one second follows what happened.
     */
    static String newEventId(Instant at) {
        long ms = LAST_ID_MILLIS.updateAndGet(last -> Math.max(last + 1, at.toEpochMilli()));
        return String.format(java.util.Locale.ROOT, "report-%013d-%s", ms, UUID.randomUUID().toString().substring(0, 8));
    }

    // ============================================================================================ numbers

    private static String trim(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip().replace(" ", "").replace("\u00a0", "");
        return t.isEmpty() ? null : t;
    }

    private static BigDecimal whole(String raw, String key, Map<String, String> errors, String what) {
        if (raw == null) {
            errors.put(key, "the " + what + " is required");
            return null;
        }
        if (!WHOLE.matcher(raw).matches()) {
            errors.put(key, "the " + what + " must be a whole number ≥ 0, got '" + raw + "'");
            return null;
        }
        BigDecimal v = new BigDecimal(raw);
        if (v.compareTo(BigDecimal.valueOf(MAX_FIGURE)) > 0) {
            errors.put(key, "the " + what + " must be at most " + MAX_FIGURE + ", got " + raw);
            return null;
        }
        return v;
    }

    private static BigDecimal decimal(String raw, String key, Map<String, String> errors) {
        if (!DECIMAL.matcher(raw).matches()) {
            errors.put(key, "must be a number ≥ 0, got '" + raw + "'");
            return null;
        }
        BigDecimal v = new BigDecimal(raw.replace(',', '.'));
        if (v.compareTo(BigDecimal.valueOf(MAX_FIGURE)) > 0) {
            errors.put(key, "must be at most " + MAX_FIGURE + ", got " + raw);
            return null;
        }
        return v;
    }

    private static boolean same(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    /** Whole numbers as Long, others as Double (the event's number types). */
    private static Object plain(BigDecimal v) {
        if (v == null) {
            return null;
        }
        BigDecimal s = v.stripTrailingZeros();
        return s.scale() <= 0 ? (Object) s.longValueExact() : (Object) v.doubleValue();
    }

    private static BigDecimal number(Object o) {
        if (o instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        if (o instanceof String s && DECIMAL.matcher(s.strip()).matches()) {
            return new BigDecimal(s.strip().replace(',', '.'));
        }
        return null;
    }

    private static String json(Map<String, Object> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
