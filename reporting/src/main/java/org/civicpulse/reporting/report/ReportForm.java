package org.civicpulse.reporting.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.civicpulse.domain.kpi.MeasureUnit;
import org.civicpulse.domain.kpi.RegimeIndicator;

/**
 * A report form as it opens: the regime's indicators pre-filled with the KPI engine's figures for the unit and
 * period, overlaid with the current submission (or else the saved draft).
 *
 * @param expected      the report
 * @param unitName      the unit's name
 * @param state         the workflow state
 * @param fields        one per indicator, in the regime's order
 * @param draftSavedAt  when the draft shown was saved (null: no draft shown)
 * @param draftSavedBy  by whom
 * @param editable      whether the actor may change and submit it now
 * @param approvable    whether the actor may approve or return it now
 * @param notEditableBecause why not editable (null when editable)
 */
public record ReportForm(ExpectedReport expected, String unitName, ReportState state, List<Field> fields,
                         Instant draftSavedAt, String draftSavedBy, boolean editable, boolean approvable,
                         String notEditableBecause) {

    public ReportForm {
        fields = List.copyOf(fields);
    }

    /**
     * One indicator of the form.
     *
     * @param kpi                  registry id
     * @param name                 Vietnamese name
     * @param measure              unit of measure
     * @param origin               SUBMITTED (typed in, required), EVENT or CATALOGUE (pre-filled; a change needs a reason)
     * @param prefilledNumerator   the engine's numerator (null: none)
     * @param prefilledDenominator the engine's denominator
     * @param prefilledValue       the engine's value
     * @param numerator            the figure shown (submission, draft or pre-filled)
     * @param denominator          the figure shown
     * @param reason               the reason given for a change of a pre-filled figure
     * @param input                whether the figures can be typed (false for composites and KPIs without a ratio)
     */
    public record Field(String kpi, String name, MeasureUnit measure, RegimeIndicator.Origin origin,
                        BigDecimal prefilledNumerator, BigDecimal prefilledDenominator, BigDecimal prefilledValue,
                        BigDecimal numerator, BigDecimal denominator, String reason, boolean input) {

        /** Whether the unit must type the figures (submitted-only fields). */
        public boolean required() {
            return origin == RegimeIndicator.Origin.SUBMITTED;
        }

        public String numeratorKey() {
            return kpi + ".numerator";
        }

        public String denominatorKey() {
            return kpi + ".denominator";
        }

        public String reasonKey() {
            return kpi + ".reason";
        }
    }
}
