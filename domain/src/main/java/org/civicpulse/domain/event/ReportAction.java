package org.civicpulse.domain.event;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Objects;

/**
 * {@code report.submitted} / {@code report.approved} / {@code report.returned}: a step of a periodic
 * report's workflow. This one record carries its {@link #type()}.
 *
 * <p>{@code values} is a JSON object of the report's figures. The constructor stores a deep,
 * unmodifiable, normalised copy (insertion order kept) so that JSON round-trips are equal: integral
 * numbers become {@link Long} ({@link java.math.BigInteger} beyond the long range), other numbers
 * {@link Double}; strings, booleans, null, nested {@code Map<String,?>} and {@code List} are allowed;
 * anything else, or a non-finite number, is an IllegalArgumentException. {@code comment} may be null.
 */
public record ReportAction(
        String id,
        EventType type,
        OffsetDateTime occurredAt,
        String source,
        String unit,
        String regime,
        String period,
        Map<String, Object> values,
        String by,
        String comment) implements Event {

    public ReportAction {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        if (type.family() != EventType.Family.REPORT) {
            throw new IllegalArgumentException("ReportAction type must be one of report.submitted, "
                    + "report.approved, report.returned, got " + type.wire());
        }
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(regime, "regime");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(by, "by");
        values = JsonValues.normalizeObject(values, "values");
    }

    /** {@code regime + "/" + unit + "/" + period}. */
    @Override
    public String aggregateId() {
        return aggregateId(regime, unit, period);
    }

    /** The Kafka key of a report: {@code regime + "/" + unit + "/" + period}. */
    public static String aggregateId(String regime, String unit, String period) {
        return regime + "/" + unit + "/" + period;
    }
}
