package org.civicpulse.reporting.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.Locale;

import org.civicpulse.domain.calendar.ReportingPeriod;
import org.civicpulse.domain.kpi.KpiStatus;
import org.civicpulse.domain.kpi.MeasureUnit;

/**
 * Text of the generated reports: NFC normalisation, Vietnamese number, date and period wording, status labels.
 * The PDF prints numbers with these functions; tests format the engine's numbers with the same ones.
 */
public final class ReportText {

    public static final Locale VI = Locale.forLanguageTag("vi-VN");

    private ReportText() {
    }

    /** NFC: precomposed letters (ệ, ở, ữ …) that the embedded font renders as single glyphs. */
    public static String nfc(String s) {
        return s == null ? null : Normalizer.normalize(s, Normalizer.Form.NFC);
    }

    /** Upper case in Vietnamese ("Sở Tư pháp" → "SỞ TƯ PHÁP"). */
    public static String upper(String s) {
        return nfc(s).toUpperCase(VI);
    }

    /**
     * A number as Vietnamese documents write it: "." between thousands, "," before decimals; integral values
     * without decimals ("1.234"), others with two ("75,50"); null as "–".
     */
    public static String number(BigDecimal n) {
        if (n == null) {
            return "–";
        }
        DecimalFormatSymbols sym = new DecimalFormatSymbols(Locale.ROOT);
        sym.setGroupingSeparator('.');
        sym.setDecimalSeparator(',');
        sym.setMinusSign('-');
        boolean integral = n.signum() == 0 || n.stripTrailingZeros().scale() <= 0;
        DecimalFormat f = new DecimalFormat(integral ? "#,##0" : "#,##0.00", sym);
        f.setRoundingMode(RoundingMode.HALF_UP);
        return f.format(integral ? n : n.setScale(2, RoundingMode.HALF_UP));
    }

    /** A KPI value with two decimals and its unit ("75,00%", "12,50 giờ", "85,20 điểm"); null as "Chưa có dữ liệu". */
    public static String value(BigDecimal v, MeasureUnit unit) {
        if (v == null) {
            return "Chưa có dữ liệu";
        }
        DecimalFormatSymbols sym = new DecimalFormatSymbols(Locale.ROOT);
        sym.setGroupingSeparator('.');
        sym.setDecimalSeparator(',');
        String n = unit == MeasureUnit.COUNT ? number(v) : new DecimalFormat("#,##0.00", sym).format(v.setScale(2, RoundingMode.HALF_UP));
        return n + suffix(unit);
    }

    /** A target ("≥ 60%" style without the sign: "60%"); null as "–". */
    public static String target(BigDecimal t, MeasureUnit unit) {
        return t == null ? "–" : number(t) + suffix(unit);
    }

    private static String suffix(MeasureUnit unit) {
        if (unit == null) {
            return "";
        }
        return switch (unit) {
            case PERCENT -> "%";
            case HOURS -> " giờ";
            case SECONDS -> " giây";
            case SCORE -> " điểm";
            default -> "";
        };
    }

    /** Vietnamese label of a status. */
    public static String status(KpiStatus s) {
        if (s == null) {
            return "–";
        }
        return switch (s) {
            case MET -> "Đạt";
            case ON_TRACK -> "Đúng tiến độ";
            case AT_RISK -> "Có nguy cơ không đạt";
            case MISSED -> "Không đạt";
            case NO_DATA -> "Chưa có dữ liệu";
            case NO_TARGET -> "Theo dõi";
        };
    }

    /** "ngày 05 tháng 01 năm 2026": a leading zero for days below 10 and for January and February (Decree 30/2020). */
    public static String longDate(LocalDate d) {
        int m = d.getMonthValue();
        return "ngày " + (d.getDayOfMonth() < 10 ? "0" : "") + d.getDayOfMonth() + " tháng " + (m <= 2 ? "0" : "") + m
                + " năm " + d.getYear();
    }

    /** dd/MM/yyyy. */
    public static String shortDate(LocalDate d) {
        return String.format(Locale.ROOT, "%02d/%02d/%d", d.getDayOfMonth(), d.getMonthValue(), d.getYear());
    }

    /** "tháng 11 năm 2026", "quý IV năm 2026", "6 tháng đầu năm 2026", "9 tháng năm 2026", "năm 2026". */
    public static String periodName(ReportingPeriod p) {
        String code = p.code();
        int year = Integer.parseInt(code.substring(0, 4));
        return switch (p.kind()) {
            case MONTH -> "tháng " + Integer.parseInt(code.substring(6)) + " năm " + year;
            case QUARTER -> "quý " + new String[]{"I", "II", "III", "IV"}[Integer.parseInt(code.substring(6)) - 1] + " năm " + year;
            case HALF_YEAR -> (code.endsWith("1") ? "6 tháng đầu năm " : "6 tháng cuối năm ") + year;
            case NINE_MONTHS -> "9 tháng năm " + year;
            case YEAR -> "năm " + year;
            default -> code;
        };
    }

    /** "tháng 11 năm 2026 (từ ngày 15/10/2026 đến ngày 14/11/2026)". */
    public static String periodWithDates(ReportingPeriod p) {
        return periodName(p) + " (từ ngày " + shortDate(p.start()) + " đến ngày " + shortDate(p.endInclusive()) + ")";
    }

    /** Initials without diacritics, for document numbers: "Sở Khoa học và Công nghệ" → "SKHCN". */
    public static String initials(String name) {
        StringBuilder sb = new StringBuilder();
        for (String w : nfc(name).strip().split("\\s+")) {
            if (w.isEmpty() || w.equalsIgnoreCase("và") || w.equals("-") || w.equals("&")) {
                continue;
            }
            sb.append(ascii(w.substring(0, 1)).toUpperCase(Locale.ROOT));
        }
        return sb.toString();
    }

    /** Diacritics removed, Đ/đ → D/d. */
    public static String ascii(String s) {
        String d = Normalizer.normalize(s.replace('Đ', 'D').replace('đ', 'd'), Normalizer.Form.NFD);
        return d.replaceAll("\\p{M}+", "");
    }
}
