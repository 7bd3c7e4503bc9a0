package org.civicpulse.domain.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.civicpulse.domain.calendar.ReportingPeriod.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PeriodCodeTest {

    @ParameterizedTest
    @CsvSource({
            "2026-M11, MONTH, 2026, 11",
            "2026-M1, MONTH, 2026, 1",
            "2026-M12, MONTH, 2026, 12",
            "2026-Q4, QUARTER, 2026, 4",
            "2026-Q1, QUARTER, 2026, 1",
            "2026-H1, HALF_YEAR, 2026, 1",
            "2026-H2, HALF_YEAR, 2026, 2",
            "2026-9M, NINE_MONTHS, 2026, 0",
            "2026-Y, YEAR, 2026, 0",
            "2026-11, CALENDAR_MONTH, 2026, 11",
            "2026-01, CALENDAR_MONTH, 2026, 1",
    })
    void everyFormParsesAndPrintsBack(String code, Kind kind, int year, int number) {
        PeriodCode parsed = PeriodCode.parse(code);

        assertThat(parsed.kind()).isEqualTo(kind);
        assertThat(parsed.year()).isEqualTo(year);
        assertThat(parsed.number()).isEqualTo(number);
        assertThat(parsed).hasToString(code);
        assertThat(PeriodCode.parse(parsed.toString())).isEqualTo(parsed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-01..2026-11-27", "2026-11-01..2026-11-01", "2025-12-15..2026-12-14"})
    void dateRangesParseAndPrintBack(String code) {
        PeriodCode parsed = PeriodCode.parse(code);

        assertThat(parsed.kind()).isEqualTo(Kind.RANGE);
        assertThat(parsed).hasToString(code);
    }

    @Test
    void rangeKeepsBothEndsInclusive() {
        PeriodCode range = PeriodCode.parse("2026-11-01..2026-11-27");

        assertThat(range.rangeStart()).isEqualTo(LocalDate.of(2026, 11, 1));
        assertThat(range.rangeEnd()).isEqualTo(LocalDate.of(2026, 11, 27));
    }

    @ParameterizedTest
    @CsvSource({
            "' 2026-M11 ', 2026-M11",
            "2026-m11, 2026-M11",
            "2026-M01, 2026-M1",
            "2026-q4, 2026-Q4",
            "2026-h2, 2026-H2",
            "2026-9m, 2026-9M",
            "2026-y, 2026-Y",
    })
    void lenientSpellingsGiveTheCanonicalCode(String input, String canonical) {
        assertThat(PeriodCode.parse(input)).hasToString(canonical);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2026-M13 | month 13 is out of range 1–12 in period 2026-M13",
            "2026-M0 | month 0 is out of range 1–12 in period 2026-M0",
            "2026-Q5 | quarter 5 is out of range 1–4 in period 2026-Q5",
            "2026-Q0 | quarter 0 is out of range 1–4 in period 2026-Q0",
            "2026-H3 | half 3 is out of range 1–2 in period 2026-H3",
            "2026-13 | month 13 is out of range 1–12 in period 2026-13",
            "2026-00 | month 0 is out of range 1–12 in period 2026-00",
            "0999-Y | year 999 is out of range 1000–9999 in period 0999-Y",
            "2026-11-27..2026-11-01 | range end 2026-11-01 is before start 2026-11-27",
            "2026-02-30..2026-03-01 | invalid date 2026-02-30 in period 2026-02-30..2026-03-01",
            "2026-11-01..2026-13-01 | invalid date 2026-13-01",
    })
    void malformedCodesAreRejectedWithASpecificMessage(String code, String message) {
        assertThatThrownBy(() -> PeriodCode.parse(code))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-W45", "26-M11", "2026-M11x", "2026-M111", "2026/11", "2026-11-01...2026-11-27",
            "2026-11-01..", "M11-2026", "2026-Q", "2026-11-1..2026-11-27", "2026"})
    void unknownFormsListTheAcceptedForms(String code) {
        assertThatThrownBy(() -> PeriodCode.parse(code))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unrecognised period code \"" + code + "\"")
                .hasMessageContaining("2026-M11")
                .hasMessageContaining("2026-Q4")
                .hasMessageContaining("2026-H1")
                .hasMessageContaining("2026-9M")
                .hasMessageContaining("2026-Y")
                .hasMessageContaining("2026-11 (calendar month)")
                .hasMessageContaining("2026-11-01..2026-11-27");
    }

    @Test
    void emptyOrMissingCodeIsRejected() {
        assertThatThrownBy(() -> PeriodCode.parse(null)).hasMessageStartingWith("period code is empty; accepted forms:");
        assertThatThrownBy(() -> PeriodCode.parse("  ")).hasMessageStartingWith("period code is empty");
    }

    @ParameterizedTest
    @CsvSource({
            "2026-M1, 2025-M12",
            "2026-M11, 2026-M10",
            "2026-Q1, 2025-Q4",
            "2026-Q3, 2026-Q2",
            "2026-H1, 2025-H2",
            "2026-H2, 2026-H1",
            "2026-9M, 2025-9M",
            "2026-Y, 2025-Y",
            "2026-01, 2025-12",
            "2026-11, 2026-10",
            "2026-11-01..2026-11-27, 2026-10-05..2026-10-31",
    })
    void previousCode(String code, String previous) {
        assertThat(PeriodCode.parse(code).previous()).hasToString(previous);
    }

    @Test
    void factoriesValidateToo() {
        assertThat(PeriodCode.month(2026, 11)).hasToString("2026-M11");
        assertThat(PeriodCode.range(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31))).hasToString("2026-01-01..2026-01-31");
        assertThatThrownBy(() -> PeriodCode.quarter(2026, 7)).hasMessage("quarter 7 is out of range 1–4");
        assertThatThrownBy(() -> PeriodCode.range(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 1, 31)))
                .hasMessage("range end 2026-01-31 is before start 2026-02-01");
    }
}
