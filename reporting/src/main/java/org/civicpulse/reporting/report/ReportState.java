package org.civicpulse.reporting.report;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A report's workflow state, derived from its {@code report_actions} rows (the read model of the
 * {@code report.*} events) by one deterministic fold.
 *
 * <h2>Conflict resolution</h2>
 * <ol>
 *   <li>Rows with the same event id are one action (replays, unmerged ReplacingMergeTree parts).</li>
 *   <li>Actions take effect in the order {@code (occurred_at, event_id)}: time first, the event id (string
 *       order) breaks ties within a second. The order in which rows reached ClickHouse does not matter.</li>
 *   <li>{@code SUBMITTED} is accepted in DRAFT, SUBMITTED (a correction before the decision replaces the
 *       figures) and RETURNED; after an approval it is <b>ignored</b>: approved data is locked.</li>
 *   <li>{@code APPROVED} and {@code RETURNED} are accepted only in SUBMITTED, and only when they name the
 *       current submission ({@code values.submission} = its event id) or name none. Otherwise they are
 *       ignored: approving or returning a draft, a returned report or a superseded submission, and an
 *       approval after an approval (the first one wins).</li>
 * </ol>
 * Ignored actions stay in {@link #steps()} with the reason, so the audit trail shows them.
 *
 * @param key            the report
 * @param status         where the workflow stands
 * @param submission     the accepted submission whose figures are current (null in DRAFT)
 * @param values         that submission's values (empty in DRAFT)
 * @param firstSubmitted the first accepted submission's time (timeliness); null when never submitted
 * @param decision       the accepted APPROVED/RETURNED action that decided the current state, if any
 * @param steps          every action in effect order, accepted or ignored
 */
public record ReportState(ReportKey key, Status status, ActionRow submission, Map<String, Object> values,
                          Instant firstSubmitted, ActionRow decision, List<Step> steps) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The values key by which an approval or return names the submission it decides. */
    public static final String SUBMISSION_REF = "submission";

    public enum Status {
        /** Nothing submitted (a draft may exist). */
        DRAFT,
        /** Submitted, waiting for the parent unit's approver. */
        SUBMITTED,
        /** Returned to the unit with a comment; it may submit again. */
        RETURNED,
        /** Approved: locked. */
        APPROVED
    }

    /** One action and what the fold did with it. */
    public record Step(ActionRow action, boolean accepted, String note) {
    }

    public ReportState {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(status, "status");
        values = values == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(values));
        steps = List.copyOf(steps);
    }

    /** A report nobody acted on. */
    public static ReportState empty(ReportKey key) {
        return new ReportState(key, Status.DRAFT, null, Map.of(), null, null, List.of());
    }

    /** Whether it was ever submitted (completeness). */
    public boolean submitted() {
        return firstSubmitted != null;
    }

    public boolean locked() {
        return status == Status.APPROVED;
    }

    /** Folds the rows of one report (rows of other reports are an error). */
    public static ReportState fold(ReportKey key, Collection<ActionRow> rows) {
        Map<String, ActionRow> byId = new TreeMap<>();
        for (ActionRow r : rows) {
            if (!r.key().equals(key)) {
                throw new IllegalArgumentException("row " + r.eventId() + " belongs to " + r.key() + ", not " + key);
            }
            byId.putIfAbsent(r.eventId(), r);
        }
        List<ActionRow> ordered = new ArrayList<>(byId.values());
        ordered.sort(ActionRow.ORDER);
        Status status = Status.DRAFT;
        ActionRow submission = null;
        ActionRow decision = null;
        Instant first = null;
        List<Step> steps = new ArrayList<>();
        for (ActionRow a : ordered) {
            String note = null;
            switch (a.action()) {
                case SUBMITTED -> {
                    if (status == Status.APPROVED) {
                        note = "ignored: the report was approved by " + decision.by() + " and is locked";
                    } else {
                        note = status == Status.SUBMITTED ? "accepted: replaces the submission " + submission.eventId()
                                : "accepted";
                        status = Status.SUBMITTED;
                        submission = a;
                        decision = null;
                        if (first == null) {
                            first = a.occurredAt();
                        }
                    }
                }
                case APPROVED, RETURNED -> {
                    String ref = reference(a);
                    if (status == Status.DRAFT) {
                        note = "ignored: nothing was submitted";
                    } else if (status == Status.APPROVED) {
                        note = "ignored: already approved by " + decision.by();
                    } else if (status == Status.RETURNED) {
                        note = "ignored: already returned by " + decision.by();
                    } else if (ref != null && !ref.equals(submission.eventId())) {
                        note = "ignored: decides the superseded submission " + ref + ", the current one is "
                                + submission.eventId();
                    } else {
                        note = "accepted";
                        status = a.action() == ActionRow.Action.APPROVED ? Status.APPROVED : Status.RETURNED;
                        decision = a;
                    }
                }
                default -> throw new IllegalStateException(a.action().name());
            }
            steps.add(new Step(a, note.startsWith("accepted"), note));
        }
        return new ReportState(key, status, submission, submission == null ? Map.of() : parse(submission.valuesJson()),
                first, decision, steps);
    }

    /** The submission an approval/return names, or null. */
    static String reference(ActionRow a) {
        Object ref = parse(a.valuesJson()).get(SUBMISSION_REF);
        return ref instanceof String s && !s.isBlank() ? s : null;
    }

    /** A values object as a map (insertion order); an unreadable one as empty. */
    static Map<String, Object> parse(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            Map<String, Object> m = JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {
            });
            return m == null ? Map.of() : m;
        } catch (Exception e) {
            return Map.of();
        }
    }
}
