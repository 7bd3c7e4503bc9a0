package org.civicpulse.domain.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Objects;

import org.civicpulse.domain.calendar.ReportingPeriod.Kind;

/**
 * The reporting calendar of Decree 09/2019/NĐ-CP: periods that end on a cut-off day (the 14th by
 * default) and start the day after the previous cut-off, in the city's time zone.
 *
 * <p>A Decree 09 period is named after the month it ends in: {@code 2026-M11} runs 15 Oct – 14 Nov
 * 2026, {@code 2026-M1} runs 15 Dec 2025 – 14 Jan 2026, and {@code 2026-Y} runs 15 Dec 2025 –
 * 14 Dec 2026. Quarters, halves, nine months and the year are unions of the monthly periods M1–M3,
 * M4–M6, M7–M9, M10–M12, M1–M6, M7–M12, M1–M9 and M1–M12.
 *
 * <p>Immutable and thread-safe.
 */
public final class ReportingCalendar {

    /** Cut-off day of Decree 09/2019/NĐ-CP, Article 12. */
    public static final int DEFAULT_CUTOFF_DAY = 14;
    /** The reference customer's zone (Hanoi). */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    private static final ReportingCalendar DEFAULT = new ReportingCalendar(DEFAULT_CUTOFF_DAY, DEFAULT_ZONE);

    private final int cutoffDay;
    private final ZoneId zone;

    /**
     * @param cutoffDay day of month a Decree 09 period ends on, 1–28 (so that it exists in February)
     * @param zone      time zone whose local dates decide which period an instant falls in
     */
    public ReportingCalendar(int cutoffDay, ZoneId zone) {
        if (cutoffDay < 1 || cutoffDay > 28) {
            throw new IllegalArgumentException("cut-off day " + cutoffDay
                    + " is out of range 1–28 (a period must be able to end on that day in February)");
        }
        this.cutoffDay = cutoffDay;
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /** Cut-off day 14, zone Asia/Ho_Chi_Minh. */
    public static ReportingCalendar defaults() {
        return DEFAULT;
    }

    public int cutoffDay() {
        return cutoffDay;
    }

    public ZoneId zone() {
        return zone;
    }

    /**
     * The period a code names, with this calendar's cut-off.
     *
     * @throws IllegalArgumentException for a malformed code, with a message that says why (see {@link PeriodCode#parse(String)})
     */
    public ReportingPeriod parse(String code) {
        return period(PeriodCode.parse(code));
    }

    /** The dates of the period {@code code} names, with this calendar's cut-off. */
    public ReportingPeriod period(PeriodCode code) {
        int y = code.year();
        return switch (code.kind()) {
            case MONTH -> decree09(code, y, code.number(), code.number());
            case QUARTER -> decree09(code, y, 3 * code.number() - 2, 3 * code.number());
            case HALF_YEAR -> decree09(code, y, 6 * code.number() - 5, 6 * code.number());
            case NINE_MONTHS -> decree09(code, y, 1, 9);
            case YEAR -> decree09(code, y, 1, 12);
            case CALENDAR_MONTH -> {
                YearMonth ym = code.yearMonth();
                yield new ReportingPeriod(code.toString(), Kind.CALENDAR_MONTH, ym.atDay(1), ym.atEndOfMonth());
            }
            case RANGE -> new ReportingPeriod(code.toString(), Kind.RANGE, code.rangeStart(), code.rangeEnd());
        };
    }

    /**
     * The period of {@code kind} that the local date {@code date} falls in. With cut-off 14:
     * 2026-11-15 is in {@code 2026-M12}; 2025-12-15 is in {@code 2026-M1}, {@code 2026-Q1} and
     * {@code 2026-Y}; 2025-12-14 is in {@code 2025-M12}, {@code 2025-Q4} and {@code 2025-Y}.
     *
     * @throws IllegalArgumentException for {@link Kind#RANGE} (a range is chosen, not derived from a
     *                                  date), and for {@link Kind#NINE_MONTHS} when the date lies in
     *                                  the last quarter (after the cut-off in September), which no 9M
     *                                  period covers
     */
    public ReportingPeriod periodOf(Kind kind, LocalDate date) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(date, "date");
        // The Decree 09 month a date belongs to: the month of the next cut-off on or after it.
        YearMonth labelled = date.getDayOfMonth() > cutoffDay
                ? YearMonth.from(date).plusMonths(1)
                : YearMonth.from(date);
        int y = labelled.getYear();
        int m = labelled.getMonthValue();
        return switch (kind) {
            case MONTH -> period(PeriodCode.month(y, m));
            case QUARTER -> period(PeriodCode.quarter(y, (m + 2) / 3));
            case HALF_YEAR -> period(PeriodCode.half(y, m <= 6 ? 1 : 2));
            case NINE_MONTHS -> {
                if (m > 9) {
                    throw new IllegalArgumentException(date + " is in no 9M period: " + y
                            + "-9M ends on " + cutoffDate(y, 9) + " and " + (y + 1) + "-9M starts on "
                            + cutoffDate(y, 12).plusDays(1));
                }
                yield period(PeriodCode.nineMonths(y));
            }
            case YEAR -> period(PeriodCode.year(y));
            case CALENDAR_MONTH -> period(PeriodCode.calendarMonth(YearMonth.from(date)));
            case RANGE -> throw new IllegalArgumentException(
                    "no RANGE period derives from a date; parse a range code such as 2026-11-01..2026-11-27");
        };
    }

    /** {@link #periodOf(Kind, LocalDate)} for the local date of {@code instant} in this calendar's zone. */
    public ReportingPeriod periodOf(Kind kind, Instant instant) {
        return periodOf(kind, localDate(instant));
    }

    /** The local date of {@code instant} in the city's zone: 2026-10-14T17:30:00Z is 15 Oct 2026 in Hanoi. */
    public LocalDate localDate(Instant instant) {
        return LocalDate.ofInstant(instant, zone);
    }

    private ReportingPeriod decree09(PeriodCode code, int year, int firstMonth, int lastMonth) {
        // Start = the day after the previous month's cut-off (computed as cut-off + 1 day rather than
        // as day cutoff+1 so that cut-off 28 gives 1 March, not an invalid 29 February).
        LocalDate start = cutoffDate(year, firstMonth - 1).plusDays(1);
        LocalDate end = cutoffDate(year, lastMonth);
        return new ReportingPeriod(code.toString(), code.kind(), start, end);
    }

    /** The cut-off date of month {@code month} of {@code year}; month 0 is December of the year before. */
    private LocalDate cutoffDate(int year, int month) {
        return month == 0 ? LocalDate.of(year - 1, 12, cutoffDay) : LocalDate.of(year, month, cutoffDay);
    }

    @Override
    public String toString() {
        return "ReportingCalendar[cutoffDay=" + cutoffDay + ", zone=" + zone + "]";
    }
}
