package org.civicpulse.domain.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A reporting period: its canonical code and the local dates it covers, both ends inclusive.
 *
 * <p>Dates are local dates in the city's time zone; {@link #startInstant(ZoneId)} and
 * {@link #endExclusiveInstant(ZoneId)} turn them into the half-open instant range
 * {@code [start 00:00, day after end 00:00)} that queries over event times use.
 *
 * <p>Build periods through {@link ReportingCalendar#parse(String)} or
 * {@link ReportingCalendar#periodOf(Kind, LocalDate)}: only the calendar knows the cut-off day.
 */
public record ReportingPeriod(String code, Kind kind, LocalDate start, LocalDate endInclusive) {

    /** The period forms of DESIGN.md ("Periods"). */
    public enum Kind {
        /** Decree 09 monthly period, {@code 2026-M11}: 15 Oct – 14 Nov with cut-off 14. */
        MONTH,
        /** Decree 09 quarter, {@code 2026-Q4}: 15 Sep – 14 Dec. */
        QUARTER,
        /** Decree 09 half year, {@code 2026-H1} / {@code 2026-H2}. */
        HALF_YEAR,
        /** Decree 09 nine months, {@code 2026-9M}: 15 Dec of the year before – 14 Sep. */
        NINE_MONTHS,
        /** Decree 09 year, {@code 2026-Y}: 15 Dec of the year before – 14 Dec. */
        YEAR,
        /** Calendar month, {@code 2026-11}: 1 – 30 Nov. */
        CALENDAR_MONTH,
        /** Free date range, {@code 2026-11-01..2026-11-27}. */
        RANGE;

        /** Whether this kind follows the Decree 09/2019 cut-off (as opposed to calendar dates). */
        public boolean isDecree09() {
            return this != CALENDAR_MONTH && this != RANGE;
        }
    }

    public ReportingPeriod {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(endInclusive, "endInclusive");
        if (endInclusive.isBefore(start)) {
            throw new IllegalArgumentException("period " + code + " ends " + endInclusive + " before it starts " + start);
        }
    }

    /** Whether the local date {@code date} lies in this period (both ends inclusive). */
    public boolean contains(LocalDate date) {
        return !date.isBefore(start) && !date.isAfter(endInclusive);
    }

    /** Whether {@code instant}, seen as a local date in {@code zone}, lies in this period. */
    public boolean contains(Instant instant, ZoneId zone) {
        return contains(LocalDate.ofInstant(instant, zone));
    }

    /** Local midnight at the start of the first day, in {@code zone}. */
    public Instant startInstant(ZoneId zone) {
        return start.atStartOfDay(zone).toInstant();
    }

    /** Local midnight after the last day, in {@code zone}: the exclusive upper bound for event times. */
    public Instant endExclusiveInstant(ZoneId zone) {
        return endInclusive.plusDays(1).atStartOfDay(zone).toInstant();
    }

    /** Number of days in the period. */
    public long lengthInDays() {
        return ChronoUnit.DAYS.between(start, endInclusive) + 1;
    }

    /**
     * The period before this one, of the same kind: the previous month, quarter, half year or
     * calendar month; the year before for {@code Y} and {@code 9M} (nine-month periods do not tile a
     * year, so "previous" means the same period a year earlier, the usual comparison); for a date
     * range, the range of the same length that ends the day before this one starts.
     *
     * <p>Works without the cut-off day: a Decree 09 period always starts the day after a cut-off day
     * (which is at most 28, so it exists in every month), and moving both ends by whole months keeps
     * them on cut-off days.
     */
    public ReportingPeriod previous() {
        PeriodCode previousCode = PeriodCode.parse(code).previous();
        return switch (kind) {
            case MONTH -> shiftedMonths(previousCode, 1);
            case QUARTER -> shiftedMonths(previousCode, 3);
            case HALF_YEAR -> shiftedMonths(previousCode, 6);
            case NINE_MONTHS, YEAR -> shiftedMonths(previousCode, 12);
            case CALENDAR_MONTH -> new ReportingPeriod(previousCode.toString(), kind,
                    previousCode.yearMonth().atDay(1), previousCode.yearMonth().atEndOfMonth());
            case RANGE -> new ReportingPeriod(previousCode.toString(), kind,
                    previousCode.rangeStart(), previousCode.rangeEnd());
        };
    }

    private ReportingPeriod shiftedMonths(PeriodCode previousCode, int months) {
        LocalDate lastCutoffBefore = start.minusDays(1);
        LocalDate newStart = lastCutoffBefore.minusMonths(months).plusDays(1);
        LocalDate newEnd = endInclusive.minusMonths(months);
        return new ReportingPeriod(previousCode.toString(), kind, newStart, newEnd);
    }
}
