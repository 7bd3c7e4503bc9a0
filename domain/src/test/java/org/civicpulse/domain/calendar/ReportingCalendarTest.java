package org.civicpulse.domain.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import org.civicpulse.domain.calendar.ReportingPeriod.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReportingCalendarTest {

    private final ReportingCalendar calendar = ReportingCalendar.defaults();

    private static LocalDate d(String iso) {
        return LocalDate.parse(iso);
    }

    @Test
    void defaultsAreDecree09AndHanoi() {
        assertThat(calendar.cutoffDay()).isEqualTo(14);
        assertThat(calendar.zone()).isEqualTo(ZoneId.of("Asia/Ho_Chi_Minh"));
    }

    @ParameterizedTest
    @CsvSource({
            "2026-M11, MONTH, 2026-10-15, 2026-11-14",
            "2026-M1, MONTH, 2025-12-15, 2026-01-14",
            "2026-M12, MONTH, 2026-11-15, 2026-12-14",
            "2026-M3, MONTH, 2026-02-15, 2026-03-14",
            "2026-Q1, QUARTER, 2025-12-15, 2026-03-14",
            "2026-Q2, QUARTER, 2026-03-15, 2026-06-14",
            "2026-Q3, QUARTER, 2026-06-15, 2026-09-14",
            "2026-Q4, QUARTER, 2026-09-15, 2026-12-14",
            "2026-H1, HALF_YEAR, 2025-12-15, 2026-06-14",
            "2026-H2, HALF_YEAR, 2026-06-15, 2026-12-14",
            "2026-9M, NINE_MONTHS, 2025-12-15, 2026-09-14",
            "2026-Y, YEAR, 2025-12-15, 2026-12-14",
            "2026-11, CALENDAR_MONTH, 2026-11-01, 2026-11-30",
            "2028-02, CALENDAR_MONTH, 2028-02-01, 2028-02-29",
            "2026-11-01..2026-11-27, RANGE, 2026-11-01, 2026-11-27",
    })
    void everyCodeNamesTheDecree09OrCalendarDates(String code, Kind kind, LocalDate start, LocalDate end) {
        ReportingPeriod period = calendar.parse(code);

        assertThat(period).isEqualTo(new ReportingPeriod(code, kind, start, end));
    }

    @Test
    void parseCanonicalisesTheCode() {
        assertThat(calendar.parse(" 2026-m01 ").code()).isEqualTo("2026-M1");
    }

    @Test
    void yearEndBoundaries() {
        assertThat(calendar.parse("2026-M1").start()).isEqualTo(d("2025-12-15"));
        LocalDate lastDayOf2025 = d("2025-12-14");
        assertThat(calendar.periodOf(Kind.YEAR, lastDayOf2025).code()).isEqualTo("2025-Y");
        assertThat(calendar.periodOf(Kind.MONTH, lastDayOf2025).code()).isEqualTo("2025-M12");
        assertThat(calendar.periodOf(Kind.QUARTER, lastDayOf2025).code()).isEqualTo("2025-Q4");
        assertThat(calendar.periodOf(Kind.HALF_YEAR, lastDayOf2025).code()).isEqualTo("2025-H2");
        assertThat(calendar.periodOf(Kind.CALENDAR_MONTH, lastDayOf2025).code()).isEqualTo("2025-12");

        LocalDate firstDayOf2026 = d("2025-12-15");
        assertThat(calendar.periodOf(Kind.YEAR, firstDayOf2026).code()).isEqualTo("2026-Y");
        assertThat(calendar.periodOf(Kind.MONTH, firstDayOf2026).code()).isEqualTo("2026-M1");
        assertThat(calendar.periodOf(Kind.QUARTER, firstDayOf2026).code()).isEqualTo("2026-Q1");
        assertThat(calendar.periodOf(Kind.HALF_YEAR, firstDayOf2026).code()).isEqualTo("2026-H1");
        assertThat(calendar.periodOf(Kind.NINE_MONTHS, firstDayOf2026).code()).isEqualTo("2026-9M");
        assertThat(calendar.periodOf(Kind.CALENDAR_MONTH, firstDayOf2026).code()).isEqualTo("2025-12");

        assertThat(calendar.parse("2025-Y").contains(lastDayOf2025)).isTrue();
        assertThat(calendar.parse("2025-Y").contains(firstDayOf2026)).isFalse();
        assertThat(calendar.parse("2026-Y").contains(firstDayOf2026)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
            "2026-11-15, MONTH, 2026-M12",
            "2026-11-14, MONTH, 2026-M11",
            "2026-10-15, MONTH, 2026-M11",
            "2026-01-01, MONTH, 2026-M1",
            "2026-03-14, QUARTER, 2026-Q1",
            "2026-03-15, QUARTER, 2026-Q2",
            "2026-06-14, HALF_YEAR, 2026-H1",
            "2026-06-15, HALF_YEAR, 2026-H2",
            "2026-09-14, NINE_MONTHS, 2026-9M",
            "2026-12-14, YEAR, 2026-Y",
            "2026-12-15, YEAR, 2027-Y",
            "2026-12-31, QUARTER, 2027-Q1",
    })
    void periodOfADate(LocalDate date, Kind kind, String code) {
        ReportingPeriod period = calendar.periodOf(kind, date);

        assertThat(period.code()).isEqualTo(code);
        assertThat(period.contains(date)).isTrue();
    }

    @Test
    void theLastQuarterIsInNoNineMonthPeriod() {
        assertThatThrownBy(() -> calendar.periodOf(Kind.NINE_MONTHS, d("2026-09-15")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("2026-09-15 is in no 9M period: 2026-9M ends on 2026-09-14 and 2027-9M starts on 2026-12-15");
    }

    @Test
    void aRangeIsNotDerivedFromADate() {
        assertThatThrownBy(() -> calendar.periodOf(Kind.RANGE, d("2026-11-01")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no RANGE period derives from a date");
    }

    @Test
    void designExampleEventBelongsToM11ByLocalDate() {
        Instant event = Instant.parse("2026-10-14T17:30:00Z");

        assertThat(calendar.localDate(event)).isEqualTo(d("2026-10-15"));
        assertThat(calendar.periodOf(Kind.MONTH, event).code()).isEqualTo("2026-M11");
        assertThat(calendar.parse("2026-M11").contains(event, calendar.zone())).isTrue();
        assertThat(calendar.parse("2026-M10").contains(event, calendar.zone())).isFalse();

        Instant lastSecondOfM10 = Instant.parse("2026-10-14T16:59:59Z");
        assertThat(calendar.periodOf(Kind.MONTH, lastSecondOfM10).code()).isEqualTo("2026-M10");
    }

    @Test
    void instantBoundsAreLocalMidnights() {
        ReportingPeriod m11 = calendar.parse("2026-M11");
        ZoneId hanoi = calendar.zone();

        assertThat(m11.startInstant(hanoi)).isEqualTo(Instant.parse("2026-10-14T17:00:00Z"));
        assertThat(m11.endExclusiveInstant(hanoi)).isEqualTo(Instant.parse("2026-11-14T17:00:00Z"));
        assertThat(m11.startInstant(ZoneOffset.UTC)).isEqualTo(Instant.parse("2026-10-15T00:00:00Z"));
        assertThat(m11.lengthInDays()).isEqualTo(31);
    }

    @Test
    void theZoneIsConfigurable() {
        ReportingCalendar utc = new ReportingCalendar(14, ZoneOffset.UTC);

        assertThat(utc.periodOf(Kind.MONTH, Instant.parse("2026-10-14T17:30:00Z")).code()).isEqualTo("2026-M10");
    }

    @Test
    void cutoffDayIsConfigurable() {
        ReportingCalendar cutoff20 = new ReportingCalendar(20, ReportingCalendar.DEFAULT_ZONE);

        assertThat(cutoff20.parse("2026-M11")).isEqualTo(
                new ReportingPeriod("2026-M11", Kind.MONTH, d("2026-10-21"), d("2026-11-20")));
        assertThat(cutoff20.parse("2026-Y")).isEqualTo(
                new ReportingPeriod("2026-Y", Kind.YEAR, d("2025-12-21"), d("2026-12-20")));
        assertThat(cutoff20.parse("2026-Q2")).isEqualTo(
                new ReportingPeriod("2026-Q2", Kind.QUARTER, d("2026-03-21"), d("2026-06-20")));
        assertThat(cutoff20.periodOf(Kind.MONTH, d("2026-11-20")).code()).isEqualTo("2026-M11");
        assertThat(cutoff20.periodOf(Kind.MONTH, d("2026-11-21")).code()).isEqualTo("2026-M12");
        assertThat(cutoff20.periodOf(Kind.YEAR, d("2025-12-20")).code()).isEqualTo("2025-Y");
        assertThat(cutoff20.periodOf(Kind.YEAR, d("2025-12-21")).code()).isEqualTo("2026-Y");
        // Calendar months and ranges do not depend on the cut-off.
        assertThat(cutoff20.parse("2026-11")).isEqualTo(calendar.parse("2026-11"));
    }

    @Test
    void cutoff28StartsMarchPeriodsOnTheFirstOfMarchInCommonYears() {
        ReportingCalendar cutoff28 = new ReportingCalendar(28, ReportingCalendar.DEFAULT_ZONE);

        assertThat(cutoff28.parse("2026-M3").start()).isEqualTo(d("2026-03-01"));
        assertThat(cutoff28.parse("2028-M3").start()).isEqualTo(d("2028-02-29"));
        assertThat(cutoff28.parse("2026-M3").previous().endInclusive()).isEqualTo(d("2026-02-28"));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 29, 31})
    void cutoffDayOutsideOneToTwentyEightIsRejected(int cutoff) {
        assertThatThrownBy(() -> new ReportingCalendar(cutoff, ReportingCalendar.DEFAULT_ZONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cut-off day " + cutoff + " is out of range 1–28");
    }

    @Test
    void malformedCodesAreRejectedThroughTheCalendar() {
        assertThatThrownBy(() -> calendar.parse("2026-M13"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("month 13 is out of range 1–12 in period 2026-M13");
        assertThatThrownBy(() -> calendar.parse("2026-11-27..2026-11-01"))
                .hasMessageStartingWith("range end 2026-11-01 is before start 2026-11-27");
    }

    @Test
    void previousPeriodMatchesTheCalendarForEveryKindAndCutoff() {
        List<String> codes = List.of("2026-M1", "2026-M3", "2026-M11", "2026-Q1", "2026-Q3", "2026-H1", "2026-H2",
                "2026-9M", "2026-Y", "2028-M3", "2029-Y", "2026-01", "2026-03", "2026-11-01..2026-11-27");
        for (int cutoff : new int[] {1, 14, 20, 28}) {
            ReportingCalendar cal = new ReportingCalendar(cutoff, ReportingCalendar.DEFAULT_ZONE);
            for (String code : codes) {
                ReportingPeriod previous = cal.parse(code).previous();
                assertThat(previous)
                        .as("previous of %s with cut-off %d", code, cutoff)
                        .isEqualTo(cal.period(PeriodCode.parse(code).previous()));
            }
        }
    }

    @Test
    void previousExamples() {
        assertThat(calendar.parse("2026-M1").previous())
                .isEqualTo(new ReportingPeriod("2025-M12", Kind.MONTH, d("2025-11-15"), d("2025-12-14")));
        assertThat(calendar.parse("2026-Y").previous())
                .isEqualTo(new ReportingPeriod("2025-Y", Kind.YEAR, d("2024-12-15"), d("2025-12-14")));
        assertThat(calendar.parse("2026-11-01..2026-11-27").previous())
                .isEqualTo(new ReportingPeriod("2026-10-05..2026-10-31", Kind.RANGE, d("2026-10-05"), d("2026-10-31")));
    }

    @Test
    void monthlyPeriodsTileTheYearsAndNestInQuartersHalvesAndYears() {
        for (int cutoff : new int[] {1, 14, 28}) {
            ReportingCalendar cal = new ReportingCalendar(cutoff, ReportingCalendar.DEFAULT_ZONE);
            for (LocalDate day = d("2023-12-01"); day.isBefore(d("2028-01-31")); day = day.plusDays(1)) {
                ReportingPeriod month = cal.periodOf(Kind.MONTH, day);
                assertThat(month.contains(day)).as("%s in %s (cut-off %d)", day, month, cutoff).isTrue();
                for (Kind bigger : new Kind[] {Kind.QUARTER, Kind.HALF_YEAR, Kind.YEAR}) {
                    ReportingPeriod p = cal.periodOf(bigger, day);
                    assertThat(p.contains(month.start()) && p.contains(month.endInclusive()))
                            .as("%s inside %s", month, p).isTrue();
                }
                if (month.endInclusive().equals(day)) {
                    assertThat(cal.periodOf(Kind.MONTH, day.plusDays(1)).start()).isEqualTo(day.plusDays(1));
                }
            }
        }
    }

    @Test
    void periodRejectsAnEndBeforeItsStart() {
        assertThatThrownBy(() -> new ReportingPeriod("x", Kind.RANGE, d("2026-11-02"), d("2026-11-01")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
