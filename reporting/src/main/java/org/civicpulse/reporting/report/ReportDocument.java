package org.civicpulse.reporting.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

import org.civicpulse.domain.calendar.ReportingPeriod;
import org.civicpulse.domain.event.UnitLevel;
import org.civicpulse.domain.kpi.KpiStatus;
import org.civicpulse.domain.kpi.MeasureUnit;
import org.civicpulse.domain.kpi.RegimeIndicator;

/**
 * Everything a generated report shows, in one place, so that the PDF and the XLSX carry the same figures.
 * All text is NFC-normalised (see {@link ReportText}).
 *
 * @param key           regime, unit, period
 * @param regimeName    the regime's Vietnamese name
 * @param legalSource   the document that imposes the regime
 * @param period        the reporting period
 * @param unitName      the unit's name on the period's last day
 * @param level         the unit's level
 * @param governingBody the line above the issuing body ("UBND THÀNH PHỐ HÀ NỘI"); null for the city itself
 * @param issuingBody   the issuing body in capitals ("SỞ TƯ PHÁP", "UBND PHƯỜNG BA ĐÌNH")
 * @param docNumber     the number without "Số: " ("3/BC-STP")
 * @param place         the place of issue ("Hà Nội")
 * @param issueDate     the local date of issue
 * @param addressee     "Kính gửi" line, or null
 * @param signerTitle   the signature block's title lines ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
 * @param copiesTo      "Nơi nhận" lines
 * @param version       the archive version of this report
 * @param generatedAt   when it was generated
 * @param lines         the indicators, in the regime's order
 */
public record ReportDocument(ReportKey key, String regimeName, String legalSource, ReportingPeriod period,
                             String unitName, UnitLevel level, String governingBody, String issuingBody,
                             String docNumber, String place, LocalDate issueDate, String addressee,
                             List<String> signerTitle, List<String> copiesTo, int version, Instant generatedAt,
                             List<Line> lines) {

    public ReportDocument {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(period, "period");
        signerTitle = List.copyOf(signerTitle);
        copiesTo = List.copyOf(copiesTo);
        lines = List.copyOf(lines);
    }

    /**
     * One indicator row: the KPI engine's figures for the unit and period.
     *
     * @param no          row number from 1
     * @param kpi         registry id
     * @param name        Vietnamese name
     * @param measure     unit of measure
     * @param origin      where the form's figure comes from
     * @param numerator   null when the KPI has none (composites, no data)
     * @param denominator null when none
     * @param value       null = no data
     * @param target      null = no target
     * @param status      the KPI status
     */
    public record Line(int no, String kpi, String name, MeasureUnit measure, RegimeIndicator.Origin origin,
                       BigDecimal numerator, BigDecimal denominator, BigDecimal value, BigDecimal target,
                       KpiStatus status) {
    }

    /** Number of lines with each status. */
    public long count(KpiStatus status) {
        return lines.stream().filter(l -> l.status() == status).count();
    }

    /** File name stem: {@code DG-MONTHLY_SO-TP_2026-M11_v2}. */
    public String fileStem() {
        return key.regime() + "_" + key.unit() + "_" + key.period() + "_v" + version;
    }
}
