package org.civicpulse.domain.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.civicpulse.domain.calendar.WorkingDays.DayType;
import org.civicpulse.domain.calendar.WorkingDays.Entry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WorkingDaysTest {

    private static final ZoneId HANOI = ZoneId.of("Asia/Ho_Chi_Minh");
    private final WorkingDays vn = WorkingDays.vietnam();

    private static LocalDate d(String iso) {
        return LocalDate.parse(iso);
    }

    @Test
    void shippedListCovers2023To2027() {
        assertThat(vn.coveredYears()).containsExactly(2023, 2024, 2025, 2026, 2027);
        assertThat(WorkingDays.vietnam()).isSameAs(vn);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-07", "2026-11-08", "2023-07-01", "2027-12-26"})
    void weekendsAreNotWorkingDays(String date) {
        assertThat(vn.isWorkingDay(d(date))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-09", "2026-11-13", "2026-02-23", "2026-02-13", "2026-04-28", "2026-09-03",
            "2025-12-31", "2026-11-24"})
    void ordinaryWeekdaysAreWorkingDays(String date) {
        assertThat(vn.isWorkingDay(d(date))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // Tết Dương lịch, incl. compensatory and swapped days
            "2023-01-02", "2024-01-01", "2025-01-01", "2026-01-01", "2026-01-02", "2027-01-01",
            // Tết Nguyên Đán, weekdays of each break
            "2023-01-20", "2023-01-26", "2024-02-08", "2024-02-14", "2025-01-27", "2025-01-31",
            "2026-02-16", "2026-02-17", "2026-02-20", "2027-02-04", "2027-02-10",
            // Giỗ Tổ Hùng Vương (and its compensatory days)
            "2023-05-02", "2024-04-18", "2025-04-07", "2026-04-27", "2027-04-16",
            // 30/4 – 1/5
            "2023-05-01", "2023-05-03", "2024-04-29", "2024-04-30", "2024-05-01", "2025-04-30", "2025-05-01",
            "2025-05-02", "2026-04-30", "2026-05-01", "2027-04-30", "2027-05-03",
            // Quốc khánh 2/9 and its second day
            "2023-09-01", "2023-09-04", "2024-09-02", "2024-09-03", "2025-09-01", "2025-09-02",
            "2026-08-31", "2026-09-01", "2026-09-02", "2027-09-02", "2027-09-03"})
    void holidaysAndCompensatoryDaysAreDaysOff(String date) {
        LocalDate day = d(date);
        assertThat(day.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
        assertThat(vn.isWorkingDay(day)).as(date).isFalse();
        assertThat(vn.entry(day)).get().extracting(Entry::type).isEqualTo(DayType.OFF);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-05-04", "2025-04-26", "2026-01-10", "2026-08-22"})
    void makeUpSaturdaysAreWorkingDays(String date) {
        LocalDate day = d(date);
        assertThat(day.getDayOfWeek()).isEqualTo(DayOfWeek.SATURDAY);
        assertThat(vn.isWorkingDay(day)).isTrue();
        assertThat(vn.entry(day).orElseThrow().name()).startsWith("Làm bù");
    }

    @Test
    void everyShippedYearHasItsStatutoryHolidays() {
        for (int year = 2023; year <= 2027; year++) {
            int y = year;
            List<Entry> off = vn.entries().stream()
                    .filter(e -> e.date().getYear() == y && e.type() == DayType.OFF).toList();
            assertThat(off).as("%d", y).anyMatch(e -> e.date().equals(LocalDate.of(y, 1, 1)));
            assertThat(off).as("%d", y).anyMatch(e -> e.date().equals(LocalDate.of(y, 4, 30)));
            assertThat(off).as("%d", y).anyMatch(e -> e.date().equals(LocalDate.of(y, 5, 1)));
            assertThat(off).as("%d", y).anyMatch(e -> e.date().equals(LocalDate.of(y, 9, 2)));
            assertThat(off).as("%d", y).anyMatch(e -> e.name().startsWith("Giỗ Tổ"));
            assertThat(off.stream().filter(e -> e.name().startsWith("Tết Nguyên Đán")
                    && e.date().getDayOfWeek().getValue() <= 5).count()).as("Tết weekdays %d", y).isEqualTo(5);
        }
    }

    @ParameterizedTest
    @CsvSource({
            // Tết 2026 (14/02 – 22/02)
            "2026-02-13, 1, 2026-02-23",
            "2026-02-12, 3, 2026-02-24",
            "2026-02-13, 5, 2026-02-27",
            "2026-02-10, 10, 2026-03-03",
            // Tết 2027 (projected 04/02 – 10/02)
            "2027-02-03, 1, 2027-02-11",
            "2027-02-03, 2, 2027-02-12",
            "2027-02-01, 5, 2027-02-15",
            // Giỗ Tổ 2026 (Sunday 26/04, compensatory Monday 27/04) and 30/4 – 1/5
            "2026-04-24, 1, 2026-04-28",
            "2026-04-24, 3, 2026-05-04",
            "2026-04-29, 1, 2026-05-04",
            // 30/4 – 1/5 2024 with 29/04 swapped for Saturday 04/05
            "2024-04-26, 1, 2024-05-02",
            "2024-04-26, 3, 2024-05-04",
            "2024-04-26, 4, 2024-05-06",
            // 30/4 – 1/5 2025 with 02/05 swapped for Saturday 26/04
            "2025-04-25, 1, 2025-04-26",
            "2025-04-29, 1, 2025-05-05",
            // Quốc khánh 2026 (29/08 – 02/09, Monday 31/08 swapped for Saturday 22/08)
            "2026-08-21, 1, 2026-08-22",
            "2026-08-28, 1, 2026-09-03",
            "2026-08-27, 2, 2026-09-03",
            // Quốc khánh 2025 (30/08 – 02/09) and 2023 (01/09 – 04/09)
            "2025-08-29, 1, 2025-09-03",
            "2023-08-31, 1, 2023-09-05",
            // Tết Dương lịch 2026 (02/01 swapped for Saturday 10/01)
            "2025-12-31, 1, 2026-01-05",
            "2026-01-09, 1, 2026-01-10",
            // weekends only
            "2026-11-06, 1, 2026-11-09",
            "2026-11-07, 1, 2026-11-09",
            "2026-11-09, 5, 2026-11-16",
            "2026-11-09, 0, 2026-11-09",
            // backwards
            "2026-02-23, -1, 2026-02-13",
            "2026-11-09, -1, 2026-11-06",
    })
    void plusWorkingDays(LocalDate start, int n, LocalDate expected) {
        assertThat(vn.plusWorkingDays(start, n)).isEqualTo(expected);
        if (vn.isWorkingDay(start) || n > 0) {
            assertThat(vn.workingDaysBetween(start, expected)).isEqualTo(n);
        }
    }

    @Test
    void workingDaysBetweenCountsDaysAfterTheFirstUpToTheSecond() {
        assertThat(vn.workingDaysBetween(d("2026-02-13"), d("2026-02-23"))).isEqualTo(1);
        assertThat(vn.workingDaysBetween(d("2026-02-23"), d("2026-02-13"))).isEqualTo(-1);
        assertThat(vn.workingDaysBetween(d("2026-11-09"), d("2026-11-09"))).isZero();
        // February 2026: 20 weekdays, 5 of them Tết.
        assertThat(vn.workingDaysBetween(d("2026-01-31"), d("2026-02-28"))).isEqualTo(15);
        // 2026: 261 weekdays − 13 weekdays off + 2 make-up Saturdays.
        assertThat(vn.workingDaysBetween(d("2025-12-31"), d("2026-12-31"))).isEqualTo(250);
    }

    @Test
    void workingDaysBetweenInvertsPlusWorkingDays() {
        for (LocalDate start = d("2023-01-01"); start.isBefore(d("2027-11-01")); start = start.plusDays(7)) {
            for (int n : new int[] {1, 2, 5, 15, 30}) {
                assertThat(vn.workingDaysBetween(start, vn.plusWorkingDays(start, n))).isEqualTo(n);
            }
        }
    }

    @Test
    void deadlineIsTheEndOfTheDueWorkingDayInTheCityZone() {
        // Received Friday 13/02/2026 09:00 in Hanoi, 1 working day: Tết runs to Sunday 22/02.
        Instant received = Instant.parse("2026-02-13T02:00:00Z");
        assertThat(vn.deadline(received, 1, HANOI)).isEqualTo(Instant.parse("2026-02-23T16:59:59Z"));
        // 01:00 on 13/02 in Hanoi is still 12/02 in UTC: the local date counts.
        assertThat(vn.deadline(Instant.parse("2026-02-12T18:00:00Z"), 1, HANOI))
                .isEqualTo(Instant.parse("2026-02-23T16:59:59Z"));
        // Received on Saturday 14/02 00:30 local time.
        assertThat(vn.deadline(Instant.parse("2026-02-13T17:30:00Z"), 1, HANOI))
                .isEqualTo(Instant.parse("2026-02-23T16:59:59Z"));
        // Same-day procedures: the day itself, or the next working day when received on a day off.
        assertThat(vn.deadline(Instant.parse("2026-11-09T03:00:00Z"), 0, HANOI))
                .isEqualTo(Instant.parse("2026-11-09T16:59:59Z"));
        assertThat(vn.deadline(Instant.parse("2026-02-14T03:00:00Z"), 0, HANOI))
                .isEqualTo(Instant.parse("2026-02-23T16:59:59Z"));
        // Tết 2027, 3 working days from Wednesday 03/02.
        assertThat(vn.deadline(Instant.parse("2027-02-03T03:00:00Z"), 3, HANOI))
                .isEqualTo(Instant.parse("2027-02-15T16:59:59Z"));
    }

    @Test
    void dueDateRejectsNegativeLegalDays() {
        assertThatThrownBy(() -> vn.dueDate(d("2026-11-09"), -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void datesOutsideTheShippedYearsAreRefusedWithTheCoveredYears() {
        assertThatThrownBy(() -> vn.isWorkingDay(d("2028-01-03")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("2028-01-03")
                .hasMessageContaining("covers 2023–2027 only");
        assertThatThrownBy(() -> vn.isWorkingDay(d("2022-12-30")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("2023–2027");
        assertThatThrownBy(() -> vn.plusWorkingDays(d("2027-12-29"), 5))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("2028-01-01");
        assertThatThrownBy(() -> vn.workingDaysBetween(d("2027-12-01"), d("2028-02-01")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("2028-02-01");
        assertThat(vn.covers(d("2027-12-31"))).isTrue();
        assertThat(vn.covers(d("2028-01-01"))).isFalse();
    }

    @Test
    void anotherListCanBeLoadedFromCsvText() {
        String csv = """
                # a test list
                date,name,type
                2030-01-01,New Year
                2030-01-02,"Day off, swapped",OFF
                2030-01-05,Make-up Saturday,WORK
                """;
        WorkingDays custom = WorkingDays.fromCsv(new StringReader(csv), "test.csv");

        assertThat(custom.coveredYears()).containsExactly(2030);
        assertThat(custom.isWorkingDay(d("2030-01-01"))).isFalse();
        assertThat(custom.entry(d("2030-01-02")).orElseThrow().name()).isEqualTo("Day off, swapped");
        assertThat(custom.isWorkingDay(d("2030-01-05"))).isTrue();
        assertThat(custom.plusWorkingDays(d("2029-12-31"), 1)).isEqualTo(d("2030-01-03"));
        assertThatThrownBy(() -> custom.isWorkingDay(d("2031-01-01")))
                .hasMessageContaining("test.csv covers 2030 only");
    }

    @Test
    void anotherListCanBeLoadedFromAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("holidays.csv");
        Files.writeString(file, "date,name\n2031-01-01,Tết Dương lịch\n2033-01-03,Nghỉ bù\n", StandardCharsets.UTF_8);
        WorkingDays custom = WorkingDays.fromCsv(file);

        assertThat(custom.isWorkingDay(d("2031-01-01"))).isFalse();
        assertThatThrownBy(() -> custom.isWorkingDay(d("2032-06-01")))
                .hasMessageContaining("covers 2031, 2033 only");
    }

    @Test
    void aListCanBeGivenInCode() {
        WorkingDays custom = WorkingDays.of(List.of(new Entry(d("2030-01-01"), "New Year", DayType.OFF)));

        assertThat(custom.isWorkingDay(d("2030-01-01"))).isFalse();
        assertThat(custom.isWorkingDay(d("2030-01-02"))).isTrue();
    }

    @Test
    void malformedListsAreRejectedWithTheLine() {
        assertThatThrownBy(() -> load("date,name\n2030-01-01,A\n2030-01-01,B\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2030-01-01 is listed twice");
        assertThatThrownBy(() -> load("date,name\n2030-13-01,A\n"))
                .hasMessageContaining("x.csv line 2: invalid date \"2030-13-01\"");
        assertThatThrownBy(() -> load("date,name,type\n2030-01-07,Monday,WORK\n"))
                .hasMessageContaining("line 2: 2030-01-07 is a MONDAY, already a working day");
        assertThatThrownBy(() -> load("date,name,type\n2030-01-07,Monday,MAYBE\n"))
                .hasMessageContaining("type must be OFF or WORK");
        assertThatThrownBy(() -> load("2030-01-01,A\n"))
                .hasMessageContaining("expected the header date,name[,type]");
        assertThatThrownBy(() -> load("date,name\n2030-01-01\n"))
                .hasMessageContaining("line 2: expected date,name[,type]");
        assertThatThrownBy(() -> load("date,name\n"))
                .hasMessageContaining("covers no year");
        assertThatThrownBy(() -> WorkingDays.fromClasspath("no/such/holidays.csv"))
                .hasMessageContaining("no/such/holidays.csv is not on the classpath");
    }

    private static WorkingDays load(String csv) {
        return WorkingDays.fromCsv(new StringReader(csv), "x.csv");
    }
}
