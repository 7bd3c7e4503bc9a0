package org.civicpulse.reporting.report;

import java.util.Objects;

import org.civicpulse.domain.event.ReportAction;

/**
 * A report's identity: regime, unit and period (canonical code). {@link #toString()} is the Kafka key of its
 * {@code report.*} events, {@code regime/unit/period}.
 */
public record ReportKey(String regime, String unit, String period) implements Comparable<ReportKey> {

    public ReportKey {
        Objects.requireNonNull(regime, "regime");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(period, "period");
    }

    @Override
    public int compareTo(ReportKey o) {
        int c = regime.compareTo(o.regime);
        if (c == 0) {
            c = period.compareTo(o.period);
        }
        return c != 0 ? c : unit.compareTo(o.unit);
    }

    @Override
    public String toString() {
        return ReportAction.aggregateId(regime, unit, period);
    }
}
