package org.civicpulse.dashboard.ui;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.civicpulse.dashboard.i18n.Translations;

/**
 * Numbers, dates and times as the UI shows them. Vietnamese: {@code 1.234,56}, English: {@code 1,234.56};
 * dates {@code dd/MM/yyyy} and times {@code HH:mm:ss} in both, in the city's zone. Rates and scores with two
 * decimals (half up, as the engine rounds), counts without decimals. Null is an em dash.
 */
public final class Formats {

    public static final String NONE = "—";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

    private Formats() {
    }

    private static DecimalFormat format(Locale locale, int decimals) {
        DecimalFormatSymbols symbols = new DecimalFormatSymbols(Locale.ROOT);
        boolean en = Translations.english(locale);
        symbols.setDecimalSeparator(en ? '.' : ',');
        symbols.setGroupingSeparator(en ? ',' : '.');
        symbols.setMinusSign('−');
        DecimalFormat f = new DecimalFormat(decimals == 0 ? "#,##0" : "#,##0." + "0".repeat(decimals), symbols);
        f.setRoundingMode(RoundingMode.HALF_UP);
        return f;
    }

    /** {@code v} with exactly {@code decimals} decimals in the locale's separators. */
    public static String number(BigDecimal v, int decimals, Locale locale) {
        return v == null ? NONE : format(locale, decimals).format(v.setScale(decimals, RoundingMode.HALF_UP));
    }

    public static String number(long v, Locale locale) {
        return format(locale, 0).format(v);
    }

    /** A signed number ({@code +1,50} / {@code −2,25}). */
    public static String signed(BigDecimal v, int decimals, Locale locale) {
        if (v == null) {
            return NONE;
        }
        String s = number(v, decimals, locale);
        return v.signum() > 0 ? "+" + s : s;
    }

    /**
     * A KPI value in its measure: PERCENT {@code 45,50%}, SCORE {@code 72,50}, HOURS {@code 12,30 giờ},
     * COUNT {@code 1.234}, SECONDS as a duration.
     */
    public static String measure(BigDecimal v, String measure, Locale locale) {
        if (v == null) {
            return NONE;
        }
        if (measure == null) {
            return number(v, 2, locale);
        }
        return switch (measure) {
            case "PERCENT" -> number(v, 2, locale) + "%";
            case "COUNT" -> number(v, isWhole(v) ? 0 : 2, locale);
            case "HOURS" -> number(v, 2, locale) + " " + Translations.of(locale, "unit.hours");
            case "SECONDS" -> duration(v.longValue(), locale);
            default -> number(v, 2, locale);
        };
    }

    /** A count or amount: whole numbers without decimals, others with two. */
    public static String count(BigDecimal v, Locale locale) {
        return v == null ? NONE : number(v, isWhole(v) ? 0 : 2, locale);
    }

    /** A duration in seconds as {@code 2 ngày 3 giờ}, {@code 5 phút}, {@code 12 giây}. */
    public static String duration(long seconds, Locale locale) {
        long d = seconds / 86_400;
        long h = (seconds % 86_400) / 3_600;
        long m = (seconds % 3_600) / 60;
        if (d > 0) {
            return d + " " + Translations.of(locale, "unit.days") + (h > 0 ? " " + h + " " + Translations.of(locale, "unit.hoursShort") : "");
        }
        if (h > 0) {
            return h + " " + Translations.of(locale, "unit.hoursShort") + (m > 0 ? " " + m + " " + Translations.of(locale, "unit.minutes") : "");
        }
        if (m > 0) {
            return m + " " + Translations.of(locale, "unit.minutes");
        }
        return seconds + " " + Translations.of(locale, "unit.seconds");
    }

    public static String date(LocalDate d) {
        return d == null ? NONE : DATE.format(d);
    }

    public static String date(Instant i, ZoneId zone) {
        return i == null ? NONE : DATE.format(i.atZone(zone));
    }

    public static String time(Instant i, ZoneId zone) {
        return i == null ? NONE : TIME.format(i.atZone(zone));
    }

    public static String dateTime(Instant i, ZoneId zone) {
        return i == null ? NONE : DATE_TIME.format(i.atZone(zone));
    }

    /** {@code 15/10/2026 – 14/11/2026}. */
    public static String range(LocalDate from, LocalDate to) {
        if (from.getYear() == to.getYear() && !from.equals(to)) {
            return DateTimeFormatter.ofPattern("dd/MM").format(from) + " – " + date(to);
        }
        return date(from) + " – " + date(to);
    }

    private static boolean isWhole(BigDecimal v) {
        return v.signum() == 0 || v.scale() <= 0 || v.stripTrailingZeros().scale() <= 0;
    }
}
