package org.civicpulse.domain.calendar;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.civicpulse.domain.calendar.ReportingPeriod.Kind;

/**
 * The syntax of a period code (DESIGN.md, "Periods"), without dates: which Decree 09 period, calendar
 * month or date range a code names. {@link ReportingCalendar} turns it into dates with its cut-off day.
 *
 * <p>Canonical forms, which {@link #toString()} prints: {@code 2026-M11}, {@code 2026-Q4},
 * {@code 2026-H1}, {@code 2026-9M}, {@code 2026-Y}, {@code 2026-11}, {@code 2026-11-01..2026-11-27}.
 * {@link #parse(String)} also accepts surrounding blanks, lower-case letters and a leading zero in the
 * Decree 09 month ({@code 2026-m01}) and answers the canonical code, so one period has one key.
 *
 * @param kind       the form
 * @param year       the period's year (the year it ends in for Decree 09 periods); 0 for a range
 * @param number     month (1–12) for MONTH and CALENDAR_MONTH, quarter (1–4), half (1–2); 0 otherwise
 * @param rangeStart first day of a RANGE, else null
 * @param rangeEnd   last day of a RANGE (inclusive), else null
 */
public record PeriodCode(Kind kind, int year, int number, LocalDate rangeStart, LocalDate rangeEnd) {

    /** For error messages: every accepted form with an example. */
    public static final String ACCEPTED_FORMS = "2026-M11 (Decree 09 month, M1–M12), 2026-Q4 (quarter, Q1–Q4), "
            + "2026-H1 or 2026-H2 (half year), 2026-9M (nine months), 2026-Y (year), "
            + "2026-11 (calendar month), 2026-11-01..2026-11-27 (date range, both ends inclusive)";

    private static final int MIN_YEAR = 1000;
    private static final int MAX_YEAR = 9999;

    private static final Pattern MONTH = Pattern.compile("(\\d{4})-M(\\d{1,2})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q(\\d)");
    private static final Pattern HALF = Pattern.compile("(\\d{4})-H(\\d)");
    private static final Pattern NINE_MONTHS = Pattern.compile("(\\d{4})-9M");
    private static final Pattern YEAR = Pattern.compile("(\\d{4})-Y");
    private static final Pattern CALENDAR_MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern RANGE = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})\\.\\.(\\d{4}-\\d{2}-\\d{2})");

    public PeriodCode {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.RANGE) {
            Objects.requireNonNull(rangeStart, "rangeStart");
            Objects.requireNonNull(rangeEnd, "rangeEnd");
            if (rangeEnd.isBefore(rangeStart)) {
                throw new IllegalArgumentException("range end " + rangeEnd + " is before start " + rangeStart);
            }
            if (year != 0 || number != 0) {
                throw new IllegalArgumentException("a date range has no year or number");
            }
        } else {
            if (rangeStart != null || rangeEnd != null) {
                throw new IllegalArgumentException("only a date range has range dates, not " + kind);
            }
            checkRange("year", year, MIN_YEAR, MAX_YEAR, null);
            switch (kind) {
                case MONTH, CALENDAR_MONTH -> checkRange("month", number, 1, 12, null);
                case QUARTER -> checkRange("quarter", number, 1, 4, null);
                case HALF_YEAR -> checkRange("half", number, 1, 2, null);
                default -> {
                    if (number != 0) {
                        throw new IllegalArgumentException(kind + " has no number, got " + number);
                    }
                }
            }
        }
    }

    public static PeriodCode month(int year, int month) {
        return new PeriodCode(Kind.MONTH, year, month, null, null);
    }

    public static PeriodCode quarter(int year, int quarter) {
        return new PeriodCode(Kind.QUARTER, year, quarter, null, null);
    }

    public static PeriodCode half(int year, int half) {
        return new PeriodCode(Kind.HALF_YEAR, year, half, null, null);
    }

    public static PeriodCode nineMonths(int year) {
        return new PeriodCode(Kind.NINE_MONTHS, year, 0, null, null);
    }

    public static PeriodCode year(int year) {
        return new PeriodCode(Kind.YEAR, year, 0, null, null);
    }

    public static PeriodCode calendarMonth(int year, int month) {
        return new PeriodCode(Kind.CALENDAR_MONTH, year, month, null, null);
    }

    public static PeriodCode calendarMonth(YearMonth month) {
        return calendarMonth(month.getYear(), month.getMonthValue());
    }

    public static PeriodCode range(LocalDate start, LocalDate endInclusive) {
        return new PeriodCode(Kind.RANGE, 0, 0, start, endInclusive);
    }

    /**
     * Parses a period code.
     *
     * @throws IllegalArgumentException with a message naming what is wrong (a number out of range, an
     *                                  invalid date, a range that ends before it starts) or, for an
     *                                  unknown form, listing the {@linkplain #ACCEPTED_FORMS accepted forms}
     */
    public static PeriodCode parse(String code) {
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("period code is empty; accepted forms: " + ACCEPTED_FORMS);
        }
        String text = code.strip();
        String upper = text.toUpperCase(Locale.ROOT);
        Matcher m;
        if ((m = MONTH.matcher(upper)).matches()) {
            return new PeriodCode(Kind.MONTH, year(m, text), checkRange("month", Integer.parseInt(m.group(2)), 1, 12, text), null, null);
        }
        if ((m = QUARTER.matcher(upper)).matches()) {
            return new PeriodCode(Kind.QUARTER, year(m, text), checkRange("quarter", Integer.parseInt(m.group(2)), 1, 4, text), null, null);
        }
        if ((m = HALF.matcher(upper)).matches()) {
            return new PeriodCode(Kind.HALF_YEAR, year(m, text), checkRange("half", Integer.parseInt(m.group(2)), 1, 2, text), null, null);
        }
        if ((m = NINE_MONTHS.matcher(upper)).matches()) {
            return new PeriodCode(Kind.NINE_MONTHS, year(m, text), 0, null, null);
        }
        if ((m = YEAR.matcher(upper)).matches()) {
            return new PeriodCode(Kind.YEAR, year(m, text), 0, null, null);
        }
        if ((m = CALENDAR_MONTH.matcher(upper)).matches()) {
            return new PeriodCode(Kind.CALENDAR_MONTH, year(m, text), checkRange("month", Integer.parseInt(m.group(2)), 1, 12, text), null, null);
        }
        if ((m = RANGE.matcher(upper)).matches()) {
            LocalDate start = date(m.group(1), text);
            LocalDate end = date(m.group(2), text);
            if (end.isBefore(start)) {
                throw new IllegalArgumentException("range end " + end + " is before start " + start + " in period " + text);
            }
            return range(start, end);
        }
        throw new IllegalArgumentException("unrecognised period code \"" + text + "\"; accepted forms: " + ACCEPTED_FORMS);
    }

    /** The calendar month of a CALENDAR_MONTH code. */
    public YearMonth yearMonth() {
        if (kind != Kind.CALENDAR_MONTH) {
            throw new IllegalStateException(this + " is not a calendar month");
        }
        return YearMonth.of(year, number);
    }

    /** The code of the period before this one; see {@link ReportingPeriod#previous()} for what "before" means per kind. */
    public PeriodCode previous() {
        return switch (kind) {
            case MONTH -> number == 1 ? month(year - 1, 12) : month(year, number - 1);
            case QUARTER -> number == 1 ? quarter(year - 1, 4) : quarter(year, number - 1);
            case HALF_YEAR -> number == 1 ? half(year - 1, 2) : half(year, 1);
            case NINE_MONTHS -> nineMonths(year - 1);
            case YEAR -> year(year - 1);
            case CALENDAR_MONTH -> calendarMonth(yearMonth().minusMonths(1));
            case RANGE -> {
                long days = ChronoUnit.DAYS.between(rangeStart, rangeEnd) + 1;
                yield range(rangeStart.minusDays(days), rangeStart.minusDays(1));
            }
        };
    }

    /** The canonical code. */
    @Override
    public String toString() {
        return switch (kind) {
            case MONTH -> year + "-M" + number;
            case QUARTER -> year + "-Q" + number;
            case HALF_YEAR -> year + "-H" + number;
            case NINE_MONTHS -> year + "-9M";
            case YEAR -> year + "-Y";
            case CALENDAR_MONTH -> String.format(Locale.ROOT, "%d-%02d", year, number);
            case RANGE -> rangeStart + ".." + rangeEnd;
        };
    }

    private static int year(Matcher m, String text) {
        return checkRange("year", Integer.parseInt(m.group(1)), MIN_YEAR, MAX_YEAR, text);
    }

    private static LocalDate date(String iso, String text) {
        try {
            return LocalDate.parse(iso);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("invalid date " + iso + " in period " + text + ": " + e.getMessage(), e);
        }
    }

    private static int checkRange(String what, int value, int min, int max, String text) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " " + value + " is out of range " + min + "–" + max
                    + (text == null ? "" : " in period " + text));
        }
        return value;
    }
}
