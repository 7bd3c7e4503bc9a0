package org.civicpulse.domain.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.civicpulse.domain.event.EventSamples.CODEC;
import static org.civicpulse.domain.event.EventSamples.JSON;
import static org.civicpulse.domain.event.EventSamples.q;
import static org.civicpulse.domain.event.EventSamples.with;
import static org.civicpulse.domain.event.EventSamples.without;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventCodecValidationTest {

    private static final List<String> OPTIONAL = List.of("comment", "parent", "validTo", "mergeType");

    /** Asserts exactly one problem, on {@code field} with {@code code}, whose message names the field. */
    private static Problem single(String json, String field, String code) {
        ParseResult r = CODEC.parse(json);
        assertThat(r.ok()).isFalse();
        assertThat(r.event()).isNull();
        assertThat(r.problems()).as(r.problems().toString()).hasSize(1);
        Problem p = r.problems().get(0);
        assertThat(p.field()).isEqualTo(field);
        assertThat(p.code()).isEqualTo(code);
        assertThat(p.message()).contains(field);
        return p;
    }

    // ----------------------------------------------------------------- missing fields

    static Stream<Arguments> requiredFields() {
        List<Arguments> args = new ArrayList<>();
        for (EventType t : EventType.values()) {
            JsonNode sample = EventSamples.tree(t);
            sample.fieldNames().forEachRemaining(f -> {
                boolean optional = OPTIONAL.contains(f) || (t.family() == EventType.Family.FEEDBACK && f.equals("dossierId"));
                if (!optional) {
                    args.add(Arguments.of(t, f));
                }
            });
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{0} without {1}")
    @MethodSource("requiredFields")
    void everyRequiredFieldMissingIsReported(EventType t, String field) {
        Problem p = single(without(t, field), field, ProblemCode.MISSING_FIELD);
        assertThat(p.message()).contains("is required");
    }

    @ParameterizedTest(name = "{0} with {1}=null")
    @MethodSource("requiredFields")
    void everyRequiredFieldNullIsReportedAsMissing(EventType t, String field) {
        Problem p = single(with(t, field, "null"), field, ProblemCode.MISSING_FIELD);
        assertThat(p.message()).contains("null");
    }

    @Test
    void missingTypeSpecificFieldNamesTheType() {
        Problem p = single(without(EventType.DOSSIER_PAID, "amountVnd"), "amountVnd", ProblemCode.MISSING_FIELD);
        assertThat(p.message()).isEqualTo("amountVnd is required for dossier.paid");
    }

    // ----------------------------------------------------------------- wrong types

    @Test
    void booleanSentAsStringIsWrongType() {
        Problem p = single(with(EventType.DOSSIER_RECEIVED, "vneid", "\"true\""), "vneid", ProblemCode.WRONG_TYPE);
        assertThat(p.message()).isEqualTo("vneid must be a JSON boolean true or false, got string \"true\"");
        single(with(EventType.DOCUMENT_PROCESSED, "signed", "1"), "signed", ProblemCode.WRONG_TYPE);
    }

    @Test
    void numberForStringFieldIsWrongType() {
        Problem p = single(with(EventType.DOSSIER_PAID, "dossierId", "12345"), "dossierId", ProblemCode.WRONG_TYPE);
        assertThat(p.message()).isEqualTo("dossierId must be a string, got number 12345");
        single(with(EventType.DOSSIER_PAID, "id", "7"), "id", ProblemCode.WRONG_TYPE);
        single(with(EventType.DOSSIER_PAID, "source", "[\"a\"]"), "source", ProblemCode.WRONG_TYPE);
        single(with(EventType.DOSSIER_PAID, "type", "3"), "type", ProblemCode.WRONG_TYPE);
    }

    @Test
    void stringForIntegerIsWrongType() {
        Problem p = single(with(EventType.DOSSIER_PAID, "amountVnd", "\"150000\""), "amountVnd", ProblemCode.WRONG_TYPE);
        assertThat(p.message()).contains("got string \"150000\"");
    }

    @Test
    void fractionalNumberForIntegerIsWrongType() {
        Problem p = single(with(EventType.DOSSIER_RATED, "score", "4.5"), "score", ProblemCode.WRONG_TYPE);
        assertThat(p.message()).isEqualTo("score must be an integer 1–5, got 4.5 (not an integer)");
    }

    @Test
    void enumSentAsNumberIsWrongType() {
        single(with(EventType.DOSSIER_RECEIVED, "channel", "1"), "channel", ProblemCode.WRONG_TYPE);
    }

    @Test
    void timeSentAsNumberIsWrongType() {
        single(with(EventType.DOSSIER_PAID, "occurredAt", "1793502000000"), "occurredAt", ProblemCode.WRONG_TYPE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"{}\"", "42", "true"})
    void valuesMustBeAnObject(String value) {
        Problem p = single(with(EventType.REPORT_SUBMITTED, "values", value), "values", ProblemCode.WRONG_TYPE);
        assertThat(p.message()).startsWith("values must be a JSON object, got ");
    }

    @Test
    void emptyValuesObjectIsFine() {
        assertThat(CODEC.parse(with(EventType.REPORT_APPROVED, "values", "{}")).ok()).isTrue();
    }

    // ----------------------------------------------------------------- type

    @Test
    void unknownTypeIsReported() {
        Problem p = single(with(EventType.DOSSIER_PAID, "type", "\"dossier.payed\""), "type", ProblemCode.UNKNOWN_TYPE);
        assertThat(p.message()).startsWith("type \"dossier.payed\" is not a known event type; known types: dossier.received, ");
    }

    @Test
    void typeSpellingIsExact() {
        single(with(EventType.DOSSIER_PAID, "type", "\"DOSSIER_PAID\""), "type", ProblemCode.UNKNOWN_TYPE);
        single(with(EventType.DOSSIER_PAID, "type", "\"Dossier.Paid\""), "type", ProblemCode.UNKNOWN_TYPE);
    }

    // ----------------------------------------------------------------- enum values

    @Test
    void channelOutsideTheEnumIsInvalid() {
        Problem p = single(with(EventType.DOSSIER_RECEIVED, "channel", "\"WEB\""), "channel", ProblemCode.INVALID_VALUE);
        assertThat(p.message()).isEqualTo("channel must be one of ONLINE, DIRECT, POSTAL, got \"WEB\"");
    }

    @Test
    void enumSpellingIsCaseSensitive() {
        single(with(EventType.DOSSIER_RECEIVED, "channel", "\"online\""), "channel", ProblemCode.INVALID_VALUE);
    }

    static Stream<Arguments> enumFields() {
        return Stream.of(
                Arguments.of(EventType.DOSSIER_RECEIVED, "applicant", Applicant.ALLOWED),
                Arguments.of(EventType.DOSSIER_COMPLETED, "outcome", Outcome.ALLOWED),
                Arguments.of(EventType.DOSSIER_RETURNED, "delivery", Delivery.ALLOWED),
                Arguments.of(EventType.PORTAL_LOGIN, "method", LoginMethod.ALLOWED),
                Arguments.of(EventType.CATALOG_PROCEDURE, "onlineService", OnlineService.ALLOWED),
                Arguments.of(EventType.CATALOG_UNIT, "level", UnitLevel.ALLOWED),
                Arguments.of(EventType.CATALOG_MERGER, "mergeType", MergeType.ALLOWED));
    }

    @ParameterizedTest(name = "{0}.{1}")
    @MethodSource("enumFields")
    void everyEnumFieldListsItsValues(EventType t, String field, String allowed) {
        Problem p = single(with(t, field, "\"NOPE\""), field, ProblemCode.INVALID_VALUE);
        assertThat(p.message()).isEqualTo(field + " must be one of " + allowed + ", got \"NOPE\"");
    }

    // ----------------------------------------------------------------- id

    @Test
    void idOf128CharsIsAcceptedAnd129IsTooLong() {
        assertThat(CODEC.parse(with(EventType.DOSSIER_PAID, "id", q("x".repeat(128)))).ok()).isTrue();
        Problem p = single(with(EventType.DOSSIER_PAID, "id", q("x".repeat(129))), "id", ProblemCode.TOO_LONG);
        assertThat(p.message()).startsWith("id is 129 characters long; the limit is 128");
        assertThat(CODEC.parse(with(EventType.DOSSIER_PAID, "id", q("x".repeat(129)))).id()).hasSize(128);
    }

    @Test
    void emptyIdIsInvalid() {
        single(with(EventType.DOSSIER_PAID, "id", "\"\""), "id", ProblemCode.INVALID_VALUE);
        single(with(EventType.DOSSIER_PAID, "id", "\"   \""), "id", ProblemCode.INVALID_VALUE);
    }

    @Test
    void overlongIdentifiersAndTextsAreTooLong() {
        single(with(EventType.DOSSIER_PAID, "dossierId", q("d".repeat(EventCodec.MAX_CODE_LENGTH + 1))),
                "dossierId", ProblemCode.TOO_LONG);
        single(with(EventType.CATALOG_PROCEDURE, "name", q("n".repeat(EventCodec.MAX_TEXT_LENGTH + 1))),
                "name", ProblemCode.TOO_LONG);
        assertThat(CODEC.parse(with(EventType.CATALOG_PROCEDURE, "name", q("n".repeat(EventCodec.MAX_TEXT_LENGTH))))
                .ok()).isTrue();
    }

    // ----------------------------------------------------------------- blank strings

    @Test
    void requiredStringsMustNotBeBlank() {
        Problem p = single(with(EventType.DOSSIER_PAID, "source", "\"  \""), "source", ProblemCode.INVALID_VALUE);
        assertThat(p.message()).isEqualTo("source must not be blank, got \"  \"");
        single(with(EventType.DOSSIER_PAID, "dossierId", "\"\""), "dossierId", ProblemCode.INVALID_VALUE);
        single(with(EventType.REPORT_SUBMITTED, "by", "\"\""), "by", ProblemCode.INVALID_VALUE);
        single(with(EventType.CATALOG_UNIT, "name", "\"\\t\""), "name", ProblemCode.INVALID_VALUE);
    }

    @Test
    void presentOptionalIdentifierMustNotBeBlank() {
        Problem p = single(with(EventType.FEEDBACK_RECEIVED, "dossierId", "\"\""), "dossierId", ProblemCode.INVALID_VALUE);
        assertThat(p.message()).contains("omit it or send null");
        single(with(EventType.CATALOG_UNIT, "parent", "\" \""), "parent", ProblemCode.INVALID_VALUE);
        single(with(EventType.FEEDBACK_RECEIVED, "dossierId", "5"), "dossierId", ProblemCode.WRONG_TYPE);
    }

    // ----------------------------------------------------------------- times

    @Test
    void localTimeIsRejected() {
        Problem p = single(with(EventType.DOSSIER_PAID, "occurredAt", "\"2026-11-01T10:00:00\""), "occurredAt",
                ProblemCode.TIME_WITHOUT_OFFSET);
        assertThat(p.message()).isEqualTo("occurredAt \"2026-11-01T10:00:00\" has no UTC offset; send RFC 3339 like "
                + "2026-11-01T10:00:00+07:00");
        single(with(EventType.DOSSIER_PAID, "occurredAt", "\"2026-11-01 10:00:00.250\""), "occurredAt",
                ProblemCode.TIME_WITHOUT_OFFSET);
        single(with(EventType.DOSSIER_PAID, "occurredAt", "\"2026-11-01T10:00\""), "occurredAt",
                ProblemCode.TIME_WITHOUT_OFFSET);
    }

    @Test
    void dueAtWithoutOffsetIsRejected() {
        single(with(EventType.DOSSIER_RECEIVED, "dueAt", "\"2026-11-10T17:00:00\""), "dueAt",
                ProblemCode.TIME_WITHOUT_OFFSET);
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2026-11-01", "2026-11-01T10:00:00+0700", "2026-11-01T10:00:00 +07:00",
        "2026-11-01T10:00:00+07", "1793502000", "2026-11-01T10:00:00.Z", "2026-11-01T10:00:00.1234567890Z",
        "2026-11-01T10:00:00ZZ", "", "26-11-01T10:00:00Z", "2026-11-01T10:00:00+07:00[Asia/Ho_Chi_Minh]"})
    void malformedTimesAreInvalid(String time) {
        Problem p = single(with(EventType.DOSSIER_PAID, "occurredAt", q(time)), "occurredAt", ProblemCode.INVALID_VALUE);
        assertThat(p.message()).contains("RFC 3339");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-30T10:00:00+07:00", "2026-13-01T10:00:00Z", "2026-11-01T24:00:00Z",
        "2026-11-01T10:60:00Z", "2026-11-01T10:00:60Z", "2026-11-01T10:00:00+19:00", "2026-11-01T10:00:00+07:60"})
    void impossibleTimesAreInvalid(String time) {
        Problem p = single(with(EventType.DOSSIER_PAID, "occurredAt", q(time)), "occurredAt", ProblemCode.INVALID_VALUE);
        assertThat(p.message()).contains("is not a valid date-time");
    }

    @Test
    void futureTimeIsRejectedWithAFixedClock() {
        // NOW = 2026-11-01T03:00:00Z = 10:00 in Hanoi; tolerance 5 min.
        assertThat(CODEC.parse(with(EventType.DOSSIER_PAID, "occurredAt", "\"2026-11-01T10:05:00+07:00\"")).ok()).isTrue();
        assertThat(CODEC.parse(with(EventType.DOSSIER_PAID, "occurredAt", "\"2026-11-01T03:04:59Z\"")).ok()).isTrue();
        Problem p = single(with(EventType.DOSSIER_PAID, "occurredAt", "\"2026-11-01T10:05:01+07:00\""), "occurredAt",
                ProblemCode.FUTURE_TIME);
        assertThat(p.message()).startsWith("occurredAt 2026-11-01T10:05:01+07:00 is 5 min in the future "
                + "(server time 2026-11-01T03:00:00Z, tolerance 5 min)");
        Problem far = single(with(EventType.DOSSIER_PAID, "occurredAt", "\"2026-11-01T12:10:00+07:00\""), "occurredAt",
                ProblemCode.FUTURE_TIME);
        assertThat(far.message()).contains("is 2 h 10 min in the future");
    }

    @Test
    void futureToleranceIsConfigurable() {
        EventCodec strict = new EventCodec(Clock.fixed(EventSamples.NOW, ZoneOffset.UTC), Duration.ZERO);
        String oneSecondAhead = with(EventType.DOSSIER_PAID, "occurredAt", "\"2026-11-01T03:00:01Z\"");
        assertThat(strict.parse(oneSecondAhead).problems()).extracting(Problem::code)
                .containsExactly(ProblemCode.FUTURE_TIME);
        EventCodec loose = new EventCodec(Clock.fixed(EventSamples.NOW, ZoneOffset.UTC), Duration.ofDays(1));
        assertThat(loose.parse(with(EventType.DOSSIER_PAID, "occurredAt", "\"2026-11-02T02:59:00Z\"")).ok()).isTrue();
        assertThatThrownBy(() -> new EventCodec(Clock.systemUTC(), Duration.ofMinutes(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dueAtInTheFutureIsFine() {
        assertThat(CODEC.parse(with(EventType.DOSSIER_RECEIVED, "dueAt", "\"2030-01-01T00:00:00Z\"")).ok()).isTrue();
    }

    @Test
    void fromJsonAndTheLenientCodecSkipTheFutureCheck() {
        String future = with(EventType.DOSSIER_PAID, "occurredAt", "\"2099-01-01T00:00:00Z\"");
        assertThat(CODEC.fromJson(future).occurredAt().getYear()).isEqualTo(2099);
        assertThat(EventCodec.lenient().parse(future).ok()).isTrue();
        assertThat(EventCodec.lenient().checksFutureTime()).isFalse();
        assertThat(EventCodec.lenientClock()).isSameAs(EventCodec.lenient());
        assertThat(new EventCodec().parse(future).problems()).extracting(Problem::code)
                .containsExactly(ProblemCode.FUTURE_TIME);
    }

    // ----------------------------------------------------------------- numeric ranges

    @Test
    void negativeAmountIsInvalid() {
        Problem p = single(with(EventType.DOSSIER_PAID, "amountVnd", "-1"), "amountVnd", ProblemCode.INVALID_VALUE);
        assertThat(p.message()).isEqualTo("amountVnd must be an integer ≥ 0, got -1");
    }

    @Test
    void amountBeyondLongIsInvalid() {
        single(with(EventType.DOSSIER_PAID, "amountVnd", "100000000000000000000"), "amountVnd", ProblemCode.INVALID_VALUE);
        single(with(EventType.DOSSIER_PAID, "amountVnd", "1e30"), "amountVnd", ProblemCode.WRONG_TYPE);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 6, 7, -3})
    void scoreOutside1To5IsInvalid(int score) {
        Problem p = single(with(EventType.DOSSIER_RATED, "score", String.valueOf(score)), "score", ProblemCode.INVALID_VALUE);
        assertThat(p.message()).isEqualTo("score must be an integer 1–5, got " + score);
    }

    @Test
    void negativeLatencyIsInvalid() {
        single(with(EventType.SERVICE_PROBE, "latencyMs", "-5"), "latencyMs", ProblemCode.INVALID_VALUE);
        assertThat(CODEC.parse(with(EventType.SERVICE_PROBE, "latencyMs", "0")).ok()).isTrue();
    }

    @Test
    void negativeLegalDaysIsInvalid() {
        single(with(EventType.CATALOG_PROCEDURE, "legalDays", "-1"), "legalDays", ProblemCode.INVALID_VALUE);
        single(with(EventType.CATALOG_PROCEDURE, "legalDays", "3000000000"), "legalDays", ProblemCode.INVALID_VALUE);
        assertThat(CODEC.parse(with(EventType.CATALOG_PROCEDURE, "legalDays", "0")).ok()).isTrue();
    }

    // ----------------------------------------------------------------- dates and catalog rules

    @ParameterizedTest
    @ValueSource(strings = {"2025-7-1", "01/07/2025", "2025-07-01T00:00:00Z", "2025-02-29", "2025-13-01"})
    void validFromMustBeAnIsoDate(String date) {
        Problem p = single(with(EventType.CATALOG_UNIT, "validFrom", q(date)), "validFrom", ProblemCode.INVALID_VALUE);
        assertThat(p.message()).contains("\"" + date + "\"");
    }

    @Test
    void validToMustBeADateToo() {
        single(with(EventType.CATALOG_UNIT, "validTo", "\"soon\""), "validTo", ProblemCode.INVALID_VALUE);
        single(with(EventType.CATALOG_UNIT, "validTo", "20250701"), "validTo", ProblemCode.WRONG_TYPE);
    }

    @Test
    void validToBeforeValidFromIsInvalid() {
        Problem p = single(with(EventType.CATALOG_UNIT, "validTo", "\"2025-06-30\""), "validTo", ProblemCode.INVALID_VALUE);
        assertThat(p.message()).isEqualTo("validTo 2025-06-30 is before validFrom 2025-07-01");
    }

    @Test
    void catalogUnitMustBeTheUnitItself() {
        Problem p = single(with(EventType.CATALOG_UNIT, "unit", "\"01\""), "unit", ProblemCode.INVALID_VALUE);
        assertThat(p.message()).contains("code");
    }

    @Test
    void catalogMergerWithoutOldCodeNamesTheField() {
        Problem p = single(without(EventType.CATALOG_MERGER, "oldCode"), "oldCode", ProblemCode.MISSING_FIELD);
        assertThat(p.message()).isEqualTo("oldCode is required for catalog.merger");
        single(with(EventType.CATALOG_MERGER, "oldCode", "\" \""), "oldCode", ProblemCode.INVALID_VALUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-7-1", "01/07/2025", "2025-07-01T00:00:00+07:00", "2025-02-29", "1 July 2025"})
    void catalogMergerEffectiveMustBeAnIsoDate(String date) {
        Problem p = single(with(EventType.CATALOG_MERGER, "effective", q(date)), "effective", ProblemCode.INVALID_VALUE);
        assertThat(p.message()).startsWith("effective \"" + date + "\" is not a");
        single(with(EventType.CATALOG_MERGER, "effective", "20250701"), "effective", ProblemCode.WRONG_TYPE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PART_AREA", "whole", "Nhập toàn bộ", ""})
    void catalogMergerTypeMustBeWholeOrPart(String mergeType) {
        Problem p = single(with(EventType.CATALOG_MERGER, "mergeType", q(mergeType)), "mergeType",
                ProblemCode.INVALID_VALUE);
        assertThat(p.message()).isEqualTo("mergeType must be one of WHOLE, PART, got " + q(mergeType));
        single(with(EventType.CATALOG_MERGER, "mergeType", "1"), "mergeType", ProblemCode.WRONG_TYPE);
    }

    @Test
    void catalogMergerBelongsToTheNewUnit() {
        Problem p = single(with(EventType.CATALOG_MERGER, "unit", "\"00013\""), "unit", ProblemCode.INVALID_VALUE);
        assertThat(p.message()).isEqualTo("unit must equal newCode for catalog.merger (the new unit), got unit"
                + " \"00013\" and newCode \"00004\"");
    }

    // ----------------------------------------------------------------- documents

    @Test
    void malformedJsonIsOneReadableProblem() {
        ParseResult r = CODEC.parse("{\"id\":\"e1\",\"type\":\"dossier.paid\",}");
        assertThat(r.problems()).hasSize(1);
        Problem p = r.problems().get(0);
        assertThat(p.code()).isEqualTo(ProblemCode.MALFORMED_JSON);
        assertThat(p.field()).isNull();
        assertThat(p.message()).startsWith("malformed JSON at line 1, column ").doesNotContain("\n")
                .doesNotContain("Source:").hasSizeLessThan(300);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"id\":\"e1\"", "{\"id\":\"e1\"} {\"id\":\"e2\"}", "{\"id\":\"a\",\"id\":\"b\"}",
        "not json", "", "   ", "{'id':'x'}"})
    void malformedInputsAreMalformedJson(String json) {
        assertThat(CODEC.parse(json).problems()).extracting(Problem::code).containsExactly(ProblemCode.MALFORMED_JSON);
    }

    @Test
    void nullInputIsMalformedJson() {
        assertThat(CODEC.parse((String) null).problems()).extracting(Problem::code)
                .containsExactly(ProblemCode.MALFORMED_JSON);
        assertThat(CODEC.parse((byte[]) null).problems()).extracting(Problem::code)
                .containsExactly(ProblemCode.MALFORMED_JSON);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[{\"id\":\"x\"}]", "\"event\"", "42", "null", "true"})
    void nonObjectsAreNotAnObject(String json) {
        ParseResult r = CODEC.parse(json);
        assertThat(r.problems()).extracting(Problem::code).containsExactly(ProblemCode.NOT_AN_OBJECT);
        assertThat(r.problems().get(0).field()).isNull();
        assertThat(r.problems().get(0).message()).startsWith("an event must be a JSON object, got ");
    }

    // ----------------------------------------------------------------- many problems at once

    @Test
    void everyProblemInOneEventIsReported() {
        String json = "{\"id\":\"\",\"type\":\"dossier.received\",\"occurredAt\":\"2026-11-01T10:00:00\","
                + "\"unit\":5,\"dossierId\":\"D-1\",\"channel\":\"WEB\",\"applicant\":\"CITIZEN\","
                + "\"dueAt\":\"tomorrow\",\"vneid\":\"true\",\"fullProcess\":null}";
        ParseResult r = CODEC.parse(json);
        assertThat(r.ok()).isFalse();
        assertThat(r.problems()).extracting(Problem::field, Problem::code).containsExactly(
                org.assertj.core.groups.Tuple.tuple("id", ProblemCode.INVALID_VALUE),
                org.assertj.core.groups.Tuple.tuple("occurredAt", ProblemCode.TIME_WITHOUT_OFFSET),
                org.assertj.core.groups.Tuple.tuple("source", ProblemCode.MISSING_FIELD),
                org.assertj.core.groups.Tuple.tuple("unit", ProblemCode.WRONG_TYPE),
                org.assertj.core.groups.Tuple.tuple("procedure", ProblemCode.MISSING_FIELD),
                org.assertj.core.groups.Tuple.tuple("channel", ProblemCode.INVALID_VALUE),
                org.assertj.core.groups.Tuple.tuple("dueAt", ProblemCode.INVALID_VALUE),
                org.assertj.core.groups.Tuple.tuple("vneid", ProblemCode.WRONG_TYPE),
                org.assertj.core.groups.Tuple.tuple("fullProcess", ProblemCode.MISSING_FIELD));
        for (Problem p : r.problems()) {
            assertThat(p.message()).contains(p.field());
        }
    }

    @Test
    void commonFieldsAreCheckedEvenWhenTheTypeIsUnknown() {
        ParseResult r = CODEC.parse("{\"id\":\"e1\",\"type\":\"dossier.moved\",\"occurredAt\":\"2099-01-01T00:00:00Z\"}");
        assertThat(r.problems()).extracting(Problem::field, Problem::code).containsExactly(
                org.assertj.core.groups.Tuple.tuple("type", ProblemCode.UNKNOWN_TYPE),
                org.assertj.core.groups.Tuple.tuple("occurredAt", ProblemCode.FUTURE_TIME),
                org.assertj.core.groups.Tuple.tuple("source", ProblemCode.MISSING_FIELD),
                org.assertj.core.groups.Tuple.tuple("unit", ProblemCode.MISSING_FIELD));
        assertThat(r.id()).isEqualTo("e1");
    }

    @Test
    void catalogDateAndUnitProblemsAreAllReported() {
        String json = with(EventType.CATALOG_UNIT, "validTo", "\"2020-01-01\"").replace("\"unit\":\"00004\"", "\"unit\":\"X\"");
        assertThat(CODEC.parse(json).problems()).extracting(Problem::field).containsExactly("validTo", "unit");
    }

    @Test
    void fromJsonThrowsWithEveryProblem() {
        String json = with(EventType.DOSSIER_RATED, "score", "9").replace("\"one-stop\"", "\"\"");
        assertThatThrownBy(() -> CODEC.fromJson(json))
                .isInstanceOf(IllegalArgumentException.class)
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("e7")
                .hasMessageContaining("score must be an integer 1–5, got 9")
                .hasMessageContaining("source must not be blank")
                .satisfies(e -> assertThat(((InvalidEventException) e).problems()).hasSize(2));
        assertThatThrownBy(() -> CODEC.fromJson("{")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(ProblemCode.MALFORMED_JSON);
    }

    @Test
    void bestEffortIdIsReportedForInvalidEvents() {
        assertThat(CODEC.parse(without(EventType.DOSSIER_PAID, "dossierId")).id()).isEqualTo("e4");
        assertThat(CODEC.parse(with(EventType.DOSSIER_PAID, "id", "42")).id()).isEqualTo("42");
        assertThat(CODEC.parse(without(EventType.DOSSIER_PAID, "id")).id()).isNull();
        assertThat(CODEC.parse("[1]").id()).isNull();
        assertThat(CODEC.parse(JSON.get(EventType.DOSSIER_PAID)).describeProblems()).isEmpty();
    }

    @Test
    void validateReportsProblemsOfABuiltEvent() {
        DossierRated bad = new DossierRated("x", EventSamples.AT, "s", "u", "d", 0);
        assertThat(CODEC.validate(bad)).extracting(Problem::field).containsExactly("score");
    }

    @Test
    void messagesQuoteAndCutLongOrControlValues() {
        Problem p = single(with(EventType.DOSSIER_RECEIVED, "channel", q("A\"B\n" + "z".repeat(100))), "channel",
                ProblemCode.INVALID_VALUE);
        assertThat(p.message()).contains("A\\\"B\\u000a").contains("…").doesNotContain("\n").hasSizeLessThan(150);
    }

    @Test
    void theClocksZoneDoesNotMatter() {
        EventCodec c = new EventCodec(Clock.fixed(Instant.parse("2026-11-01T03:00:00Z"), ZoneOffset.ofHours(7)),
                Duration.ofMinutes(5));
        assertThat(c.parse(with(EventType.DOSSIER_PAID, "occurredAt", "\"2026-11-01T03:06:00Z\"")).problems())
                .extracting(Problem::code).containsExactly(ProblemCode.FUTURE_TIME);
    }
}
