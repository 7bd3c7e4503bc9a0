package org.civicpulse.ingestion.simulator;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.civicpulse.domain.calendar.WorkingDays;

/**
 * Days, office hours and deadlines in the city's time zone, on epoch seconds. Working days come from
 * {@link WorkingDays} (weekends, holidays, make-up days); for a year the holiday list does not cover,
 * the simulator falls back to "Monday to Friday" (and says so once on stderr) rather than stopping,
 * because a live run may outlast the list. Not thread-safe (caches).
 */
final class SimCalendar {

    /** What kind of day a date is for the volume of dossiers. */
    enum DayKind { WORKING, WEEKEND, HOLIDAY, TET }

    private final WorkingDays workingDays;
    private final ZoneId zone;
    private final int morningStart;
    private final int morningEnd;
    private final int afternoonStart;
    private final int afternoonEnd;
    private final Map<LocalDate, DayKind> kinds = new HashMap<>();
    private boolean warned;

    SimCalendar(WorkingDays workingDays, ZoneId zone, LocalTime morningStart, LocalTime morningEnd,
                LocalTime afternoonStart, LocalTime afternoonEnd) {
        this.workingDays = workingDays;
        this.zone = zone;
        this.morningStart = morningStart.toSecondOfDay();
        this.morningEnd = morningEnd.toSecondOfDay();
        this.afternoonStart = afternoonStart.toSecondOfDay();
        this.afternoonEnd = afternoonEnd.toSecondOfDay();
    }

    static SimCalendar of(SimProfile p, WorkingDays wd) {
        return new SimCalendar(wd, p.zone, p.morningStart, p.morningEnd, p.afternoonStart, p.afternoonEnd);
    }

    ZoneId zone() {
        return zone;
    }

    ZoneOffset offsetAt(long epochSecond) {
        return zone.getRules().getOffset(Instant.ofEpochSecond(epochSecond));
    }

    long dayStart(LocalDate d) {
        return d.atStartOfDay(zone).toEpochSecond();
    }

    LocalDate localDate(long epochSecond) {
        return LocalDate.ofEpochDay(Math.floorDiv(epochSecond + offsetAt(epochSecond).getTotalSeconds(), 86400));
    }

    /** Seconds since local midnight. */
    int secondOfDay(long epochSecond) {
        return (int) Math.floorMod(epochSecond + offsetAt(epochSecond).getTotalSeconds(), 86400L);
    }

    DayKind kind(LocalDate d) {
        DayKind k = kinds.get(d);
        if (k == null) {
            k = computeKind(d);
            kinds.put(d, k);
        }
        return k;
    }

    private DayKind computeKind(LocalDate d) {
        if (!workingDays.covers(d)) {
            if (!warned) {
                warned = true;
                System.err.println("simulator: the holiday list covers " + workingDays.coveredYears()
                        + " only; treating " + d.getYear() + " and other uncovered years as Monday–Friday");
            }
            DayOfWeek w = d.getDayOfWeek();
            return w == DayOfWeek.SATURDAY || w == DayOfWeek.SUNDAY ? DayKind.WEEKEND : DayKind.WORKING;
        }
        if (workingDays.isWorkingDay(d)) {
            return DayKind.WORKING;
        }
        var entry = workingDays.entry(d);
        if (entry.isPresent()) {
            return entry.get().name().contains("Tết Nguyên Đán") ? DayKind.TET : DayKind.HOLIDAY;
        }
        return DayKind.WEEKEND;
    }

    boolean isWorkingDay(LocalDate d) {
        return kind(d) == DayKind.WORKING;
    }

    /** The n-th working day after {@code d} (n ≥ 0; 0 = d itself). */
    LocalDate plusWorkingDays(LocalDate d, int n) {
        LocalDate x = d;
        for (int left = n; left > 0; ) {
            x = x.plusDays(1);
            if (isWorkingDay(x)) {
                left--;
            }
        }
        return x;
    }

    /** Working days after {@code a} up to and including {@code b} (0 when b ≤ a). */
    int workingDaysBetween(LocalDate a, LocalDate b) {
        int n = 0;
        for (LocalDate x = a.plusDays(1); !x.isAfter(b); x = x.plusDays(1)) {
            if (isWorkingDay(x)) {
                n++;
            }
        }
        return n;
    }

    /**
     * The legal deadline of a dossier received at {@code t0} with {@code legalDays} working days: the
     * last second (23:59:59 local) of the due date, as {@link WorkingDays#deadline} computes it.
     */
    long deadline(long t0, int legalDays) {
        LocalDate received = localDate(t0);
        LocalDate due;
        if (legalDays == 0) {
            due = received;
            while (!isWorkingDay(due)) {
                due = due.plusDays(1);
            }
        } else {
            due = plusWorkingDays(received, legalDays);
        }
        return dayStart(due.plusDays(1)) - 1;
    }

    /** Seconds of office time in a working day. */
    int officeSeconds() {
        return (morningEnd - morningStart) + (afternoonEnd - afternoonStart);
    }

    /** The moment a fraction {@code frac} ∈ [0, 1) into the office hours of {@code d}. */
    long officeTime(LocalDate d, double frac) {
        int s = (int) (frac * officeSeconds());
        int morning = morningEnd - morningStart;
        int sec = s < morning ? morningStart + s : afternoonStart + (s - morning);
        return dayStart(d) + sec;
    }

    boolean inOfficeHours(long t) {
        if (!isWorkingDay(localDate(t))) {
            return false;
        }
        int s = secondOfDay(t);
        return (s >= morningStart && s < morningEnd) || (s >= afternoonStart && s < afternoonEnd);
    }

    /** The first office moment at or after {@code t}. */
    long nextOfficeTime(long t) {
        LocalDate d = localDate(t);
        int s = secondOfDay(t);
        for (int i = 0; i < 400; i++) {
            if (isWorkingDay(d)) {
                long start = dayStart(d);
                if (s < morningStart) {
                    return start + morningStart;
                }
                if (s < morningEnd) {
                    return start + s;
                }
                if (s < afternoonStart) {
                    return start + afternoonStart;
                }
                if (s < afternoonEnd) {
                    return start + s;
                }
            }
            d = d.plusDays(1);
            s = 0;
        }
        return t;
    }

    /** The last office moment at or before {@code t}. */
    long previousOfficeTime(long t) {
        LocalDate d = localDate(t);
        int s = secondOfDay(t);
        for (int i = 0; i < 400; i++) {
            if (isWorkingDay(d)) {
                long start = dayStart(d);
                if (s >= afternoonEnd) {
                    return start + afternoonEnd - 1;
                }
                if (s >= afternoonStart) {
                    return start + s;
                }
                if (s >= morningEnd) {
                    return start + morningEnd - 1;
                }
                if (s >= morningStart) {
                    return start + s;
                }
            }
            d = d.minusDays(1);
            s = 86399;
        }
        return t;
    }
}
