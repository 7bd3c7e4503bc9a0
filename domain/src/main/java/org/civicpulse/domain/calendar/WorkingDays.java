package org.civicpulse.domain.calendar;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.civicpulse.domain.csv.CsvLine;

/**
 * Vietnamese working days: Monday to Friday, minus the days off of a per-year holiday list, plus the
 * weekend days that list turns into working days (make-up days, "ngày làm bù").
 *
 * <p>The default list ({@link #vietnam()}) is the classpath resource {@value #DEFAULT_RESOURCE}; its
 * header says which announcements it follows and which rows are still projections. A list only knows
 * the years it has rows for: asking about a date in any other year throws {@link IllegalStateException}
 * rather than silently treating Tết as a working day.
 *
 * <p>CSV format: UTF-8, lines starting with {@code #} and blank lines ignored, a header
 * {@code date,name[,type]}, then one row per date: ISO date, name (double-quote it if it has a comma),
 * and {@code OFF} (day off, the default when the column is missing or empty) or {@code WORK}
 * (a make-up working day).
 *
 * <p>Immutable and thread-safe.
 */
public final class WorkingDays {

    /** Classpath location of the shipped list (2023–2027). */
    public static final String DEFAULT_RESOURCE = "org/civicpulse/domain/calendar/holidays-vn.csv";

    /** What a listed date is. */
    public enum DayType {
        /** A day off: holiday, compensatory day, or a working day swapped away. CSV {@code OFF}. */
        OFF,
        /** A Saturday or Sunday worked in exchange for a swapped day off. CSV {@code WORK}. */
        WORK
    }

    /** One row of a holiday list. */
    public record Entry(LocalDate date, String name, DayType type) {
        public Entry {
            Objects.requireNonNull(date, "date");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }
    }

    private static volatile WorkingDays vietnam;

    private final Map<LocalDate, Entry> entries;
    private final SortedSet<Integer> years;
    private final String source;

    private WorkingDays(Collection<Entry> list, String source) {
        Map<LocalDate, Entry> byDate = new HashMap<>();
        SortedSet<Integer> covered = new TreeSet<>();
        for (Entry e : list) {
            Entry previous = byDate.putIfAbsent(e.date(), e);
            if (previous != null) {
                throw new IllegalArgumentException(source + ": " + e.date() + " is listed twice (\""
                        + previous.name() + "\" and \"" + e.name() + "\")");
            }
            covered.add(e.date().getYear());
        }
        if (covered.isEmpty()) {
            throw new IllegalArgumentException(source + ": the holiday list is empty, so it covers no year");
        }
        this.entries = Map.copyOf(byDate);
        this.years = Collections.unmodifiableSortedSet(covered);
        this.source = source;
    }

    /** The shipped Vietnamese list ({@value #DEFAULT_RESOURCE}), loaded once. */
    public static WorkingDays vietnam() {
        WorkingDays result = vietnam;
        if (result == null) {
            synchronized (WorkingDays.class) {
                result = vietnam;
                if (result == null) {
                    vietnam = result = fromClasspath(DEFAULT_RESOURCE);
                }
            }
        }
        return result;
    }

    /** A list given in code; it covers the years of its entries. */
    public static WorkingDays of(Collection<Entry> entries) {
        return new WorkingDays(List.copyOf(entries), "holiday list");
    }

    /** Loads a list from a classpath resource such as {@value #DEFAULT_RESOURCE}. */
    public static WorkingDays fromClasspath(String resource) {
        ClassLoader loader = Optional.ofNullable(Thread.currentThread().getContextClassLoader())
                .orElse(WorkingDays.class.getClassLoader());
        InputStream in = loader.getResourceAsStream(resource);
        if (in == null) {
            in = WorkingDays.class.getClassLoader().getResourceAsStream(resource);
        }
        if (in == null) {
            throw new IllegalArgumentException("holiday list " + resource + " is not on the classpath");
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return fromCsv(reader, resource);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read holiday list " + resource, e);
        }
    }

    /** Loads a list from a CSV file (see the class comment for the format). */
    public static WorkingDays fromCsv(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return fromCsv(reader, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read holiday list " + file, e);
        }
    }

    /**
     * Loads a list from CSV text.
     *
     * @param sourceName names the source in error messages
     * @throws IllegalArgumentException naming the line of a malformed row, a duplicate date, or a
     *                                  {@code WORK} day that is not a Saturday or Sunday
     */
    public static WorkingDays fromCsv(Reader reader, String sourceName) {
        List<Entry> list = new ArrayList<>();
        BufferedReader lines = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        boolean headerSeen = false;
        int lineNo = 0;
        try {
            for (String line; (line = lines.readLine()) != null; ) {
                lineNo++;
                if (lineNo == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                List<String> cells = CsvLine.split(trimmed);
                if (!headerSeen) {
                    headerSeen = true;
                    if (!cells.get(0).strip().equalsIgnoreCase("date")) {
                        throw new IllegalArgumentException(sourceName + " line " + lineNo
                                + ": expected the header date,name[,type], got: " + trimmed);
                    }
                    continue;
                }
                list.add(parseRow(cells, sourceName, lineNo, trimmed));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read holiday list " + sourceName, e);
        }
        return new WorkingDays(list, sourceName);
    }

    private static Entry parseRow(List<String> cells, String sourceName, int lineNo, String line) {
        String where = sourceName + " line " + lineNo + ": ";
        if (cells.size() < 2 || cells.size() > 3) {
            throw new IllegalArgumentException(where + "expected date,name[,type], got: " + line);
        }
        LocalDate date;
        try {
            date = LocalDate.parse(cells.get(0).strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(where + "invalid date \"" + cells.get(0) + "\" (want YYYY-MM-DD)", e);
        }
        String name = cells.get(1).strip();
        if (name.isEmpty()) {
            throw new IllegalArgumentException(where + "the name of " + date + " is empty");
        }
        String typeText = cells.size() == 3 ? cells.get(2).strip() : "";
        DayType type;
        if (typeText.isEmpty() || typeText.equalsIgnoreCase("OFF")) {
            type = DayType.OFF;
        } else if (typeText.equalsIgnoreCase("WORK")) {
            type = DayType.WORK;
            if (!isWeekend(date)) {
                throw new IllegalArgumentException(where + date + " is a " + date.getDayOfWeek()
                        + ", already a working day; WORK is for a Saturday or Sunday worked in exchange");
            }
        } else {
            throw new IllegalArgumentException(where + "type must be OFF or WORK, got \"" + typeText + "\"");
        }
        return new Entry(date, name, type);
    }

    /** The years this list has rows for; other years are not covered. */
    public SortedSet<Integer> coveredYears() {
        return years;
    }

    /** Whether {@code date}'s year is covered by this list. */
    public boolean covers(LocalDate date) {
        return years.contains(date.getYear());
    }

    /** The row for {@code date}, if the list has one (a holiday, a compensatory day, a make-up day). */
    public Optional<Entry> entry(LocalDate date) {
        return Optional.ofNullable(entries.get(date));
    }

    /** All rows, by date. */
    public List<Entry> entries() {
        List<Entry> list = new ArrayList<>(entries.values());
        list.sort((a, b) -> a.date().compareTo(b.date()));
        return List.copyOf(list);
    }

    /**
     * Whether state agencies work on {@code date}.
     *
     * @throws IllegalStateException if {@code date}'s year is not covered by this list
     */
    public boolean isWorkingDay(LocalDate date) {
        requireCovered(date);
        Entry e = entries.get(date);
        if (e != null) {
            return e.type() == DayType.WORK;
        }
        return !isWeekend(date);
    }

    /**
     * The date {@code n} working days after {@code start}: the n-th working day counted from the day
     * after {@code start} (so receiving on Friday with n = 1 gives Monday). {@code n = 0} answers
     * {@code start} itself, whatever day it is; a negative {@code n} counts backwards.
     *
     * @throws IllegalStateException if the count reaches a year this list does not cover
     */
    public LocalDate plusWorkingDays(LocalDate start, int n) {
        Objects.requireNonNull(start, "start");
        int step = n >= 0 ? 1 : -1;
        int remaining = Math.abs(n);
        LocalDate d = start;
        while (remaining > 0) {
            d = d.plusDays(step);
            if (isWorkingDay(d)) {
                remaining--;
            }
        }
        return d;
    }

    /**
     * The number of working days after {@code a} up to and including {@code b}, so that
     * {@code workingDaysBetween(a, plusWorkingDays(a, n)) == n}; negative when {@code b} is before
     * {@code a}, 0 when they are equal.
     *
     * @throws IllegalStateException if a day counted lies in a year this list does not cover
     */
    public int workingDaysBetween(LocalDate a, LocalDate b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (b.isBefore(a)) {
            return -workingDaysBetween(b, a);
        }
        // Check the ends first so that the message names the first uncovered year, not a day inside.
        if (a.isBefore(b)) {
            requireCovered(a.plusDays(1));
            requireCovered(b);
        }
        int count = 0;
        for (LocalDate d = a.plusDays(1); !d.isAfter(b); d = d.plusDays(1)) {
            if (isWorkingDay(d)) {
                count++;
            }
        }
        return count;
    }

    /**
     * The due date of a procedure with {@code legalDays} working days, received on local date
     * {@code received}: {@code plusWorkingDays(received, legalDays)}; for a same-day procedure
     * ({@code legalDays = 0}) received on a day off, the next working day.
     */
    public LocalDate dueDate(LocalDate received, int legalDays) {
        if (legalDays < 0) {
            throw new IllegalArgumentException("legal days must be ≥ 0, got " + legalDays);
        }
        if (legalDays == 0) {
            LocalDate d = received;
            while (!isWorkingDay(d)) {
                d = d.plusDays(1);
            }
            return d;
        }
        return plusWorkingDays(received, legalDays);
    }

    /**
     * The legal deadline of a dossier received at {@code receivedAt}: the end of its
     * {@linkplain #dueDate(LocalDate, int) due date} in {@code zone}, i.e. 23:59:59 local time.
     * The end of the calendar day rather than office closing time, so that a result issued on the
     * evening of the due day counts as on time; whole seconds because ClickHouse {@code DateTime}
     * keeps whole seconds.
     */
    public Instant deadline(Instant receivedAt, int legalDays, ZoneId zone) {
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(zone, "zone");
        LocalDate due = dueDate(LocalDate.ofInstant(receivedAt, zone), legalDays);
        return due.plusDays(1).atStartOfDay(zone).toInstant().minus(1, ChronoUnit.SECONDS);
    }

    private void requireCovered(LocalDate date) {
        if (!years.contains(date.getYear())) {
            throw new IllegalStateException("no working-day calendar for " + date + ": " + source
                    + " covers " + describeYears() + " only; add that year's holidays to the list");
        }
    }

    private String describeYears() {
        // "2023–2027", or "2023–2024, 2026" when there are holes.
        StringBuilder sb = new StringBuilder();
        Integer runStart = null;
        Integer prev = null;
        for (int y : years) {
            if (prev != null && y == prev + 1) {
                prev = y;
                continue;
            }
            if (runStart != null) {
                appendRun(sb, runStart, prev);
            }
            runStart = y;
            prev = y;
        }
        appendRun(sb, runStart, prev);
        return sb.toString();
    }

    private static void appendRun(StringBuilder sb, int from, int to) {
        if (sb.length() > 0) {
            sb.append(", ");
        }
        sb.append(from == to ? String.valueOf(from) : from + "–" + to);
    }

    private static boolean isWeekend(LocalDate date) {
        DayOfWeek dow = date.getDayOfWeek();
        return dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY;
    }

    @Override
    public String toString() {
        return "WorkingDays[" + source + ", years " + describeYears() + "]";
    }
}
