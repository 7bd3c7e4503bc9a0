package org.civicpulse.domain.kpi;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Tunable numbers of the KPI definitions (registry {@code parameters}); changing one changes figures,
 * so it is versioned with the registry.
 *
 * @param almostLateWorkingDays     O3: "due within N working days"
 * @param feedbackAnswerWorkingDays Q5.2: feedback answered within N working days
 * @param uptimeSlaPercent          P8: probe uptime an agency must reach in the period
 * @param officeOpenHour            P8: office hours start (local hour, inclusive)
 * @param officeCloseHour           P8: office hours end (local hour, exclusive)
 * @param freshnessLookbackDays     O5: how far back a source's newest event is looked for
 */
public record KpiParameters(int almostLateWorkingDays, int feedbackAnswerWorkingDays, BigDecimal uptimeSlaPercent,
                            int officeOpenHour, int officeCloseHour, int freshnessLookbackDays) {

    public KpiParameters {
        Objects.requireNonNull(uptimeSlaPercent, "uptimeSlaPercent");
        if (almostLateWorkingDays < 0 || feedbackAnswerWorkingDays < 0 || freshnessLookbackDays < 1) {
            throw new IllegalArgumentException("working-day counts must be ≥ 0 and the freshness lookback ≥ 1 day");
        }
        if (officeOpenHour < 0 || officeCloseHour > 24 || officeOpenHour >= officeCloseHour) {
            throw new IllegalArgumentException("office hours must satisfy 0 ≤ open < close ≤ 24, got "
                    + officeOpenHour + "–" + officeCloseHour);
        }
        if (uptimeSlaPercent.signum() < 0 || uptimeSlaPercent.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new IllegalArgumentException("uptime SLA must be a percentage, got " + uptimeSlaPercent);
        }
    }
}
