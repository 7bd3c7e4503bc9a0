package org.civicpulse.reporting.report;

import java.time.LocalDate;
import java.util.Objects;

import org.civicpulse.domain.calendar.ReportingPeriod;
import org.civicpulse.domain.event.UnitLevel;
import org.civicpulse.domain.kpi.ReportRegime;

/**
 * One report a unit owes: regime × unit × period, with its deadline (see {@link ExpectedReports}).
 *
 * @param regime   the regime
 * @param unit     the unit's code
 * @param level    the unit's level on the period's last day
 * @param period   the regime's period
 * @param deadline the last local day the report is on time
 */
public record ExpectedReport(ReportRegime regime, String unit, UnitLevel level, ReportingPeriod period,
                             LocalDate deadline) {

    public ExpectedReport {
        Objects.requireNonNull(regime, "regime");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(deadline, "deadline");
    }

    public ReportKey key() {
        return new ReportKey(regime.id(), unit, period.code());
    }
}
