package org.civicpulse.reporting.report;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * One row of {@code report_actions}: a {@code report.submitted}/{@code approved}/{@code returned} event as the
 * pipeline stored it.
 *
 * @param eventId    the event id (unique; replays of one id are one action)
 * @param unit       the reporting unit
 * @param regime     the regime id
 * @param period     the period code
 * @param action     what happened
 * @param valuesJson the event's {@code values} object as JSON text ("{}" when empty)
 * @param by         the user who acted
 * @param comment    the comment ("" when none)
 * @param occurredAt when it happened (whole seconds, as stored)
 */
public record ActionRow(String eventId, String unit, String regime, String period, Action action, String valuesJson,
                        String by, String comment, Instant occurredAt) {

    /** The action of a row (Enum8 of report_actions). */
    public enum Action {
        SUBMITTED,
        APPROVED,
        RETURNED
    }

    /**
     * The order in which actions take effect: by {@code occurredAt}, then by event id (string order) — the
     * deterministic tie-break for actions in the same second.
     */
    public static final Comparator<ActionRow> ORDER = Comparator.comparing(ActionRow::occurredAt)
            .thenComparing(ActionRow::eventId);

    public ActionRow {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(regime, "regime");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(occurredAt, "occurredAt");
        valuesJson = valuesJson == null || valuesJson.isBlank() ? "{}" : valuesJson;
        by = by == null ? "" : by;
        comment = comment == null ? "" : comment;
    }

    public ReportKey key() {
        return new ReportKey(regime, unit, period);
    }
}
