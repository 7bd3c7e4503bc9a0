package org.civicpulse.domain.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.civicpulse.domain.event.EventSamples.CODEC;
import static org.civicpulse.domain.event.EventSamples.EVENTS;
import static org.civicpulse.domain.event.EventSamples.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EventCodecRoundTripTest {

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyTypeRoundTrips(EventType t) {
        Event e = EVENTS.get(t);
        String json = CODEC.toJson(e);
        assertThat(CODEC.fromJson(json)).isEqualTo(e);
        assertThat(CODEC.fromJson(CODEC.toJsonBytes(e))).isEqualTo(e);
        assertThat(new String(CODEC.toJsonBytes(e), StandardCharsets.UTF_8)).isEqualTo(json);
        assertThat(CODEC.validate(e)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void toJsonWritesTheWireShapeOfTheSample(EventType t) throws Exception {
        JsonNode written = EventSamples.MAPPER.readTree(CODEC.toJson(EVENTS.get(t)));
        JsonNode sample = EventSamples.MAPPER.readTree(JSON.get(t));
        // Same field names in the same order; optional fields are written as explicit nulls.
        List<String> writtenNames = new ArrayList<>();
        written.fieldNames().forEachRemaining(writtenNames::add);
        assertThat(writtenNames.subList(0, 5)).containsExactly("id", "type", "occurredAt", "source", "unit");
        sample.fieldNames().forEachRemaining(n -> assertThat(written.get(n)).as(n).isEqualTo(sample.get(n)));
        for (String n : writtenNames) {
            if (!sample.has(n)) {
                assertThat(written.get(n).isNull()).as(n + " is an optional field written as null").isTrue();
            }
        }
        assertThat(written.get("type").textValue()).isEqualTo(t.wire());
    }

    @Test
    void exactWireJsonOfADossierReceived() {
        assertThat(CODEC.toJson(EVENTS.get(EventType.DOSSIER_RECEIVED))).isEqualTo(
                "{\"id\":\"e1\",\"type\":\"dossier.received\",\"occurredAt\":\"2026-11-01T09:30:00+07:00\","
                        + "\"source\":\"one-stop\",\"unit\":\"SO-TP\",\"dossierId\":\"D-1\",\"procedure\":\"1.001234\","
                        + "\"channel\":\"ONLINE\",\"applicant\":\"CITIZEN\",\"dueAt\":\"2026-11-10T17:00:00+07:00\","
                        + "\"vneid\":true,\"fullProcess\":false}");
    }

    @Test
    void timesKeepTheirOffsetAndPrecision() {
        for (OffsetDateTime t : List.of(
                OffsetDateTime.of(2026, 11, 1, 2, 30, 0, 0, ZoneOffset.UTC),
                OffsetDateTime.of(2026, 11, 1, 9, 30, 0, 0, ZoneOffset.ofHours(7)),
                OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 120_000_000, ZoneOffset.ofHoursMinutes(-3, -30)),
                OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 123_456_000, ZoneOffset.ofHours(14)),
                OffsetDateTime.of(1, 1, 1, 0, 0, 0, 1, ZoneOffset.ofHoursMinutesSeconds(0, 5, 43)),
                OffsetDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_999, ZoneOffset.ofHours(-18)))) {
            DossierWithdrawn e = new DossierWithdrawn("x", t, "s", "u", "d");
            DossierWithdrawn back = (DossierWithdrawn) CODEC.fromJson(CODEC.toJson(e));
            assertThat(back).isEqualTo(e);
            assertThat(back.occurredAt().getOffset()).isEqualTo(t.getOffset());
        }
        assertThat(CODEC.toJson(new DossierWithdrawn("x",
                OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 120_000_000, ZoneOffset.ofHours(7)), "s", "u", "d")))
                .contains("\"occurredAt\":\"2026-01-02T03:04:05.120+07:00\"");
        assertThat(CODEC.toJson(new DossierWithdrawn("x",
                OffsetDateTime.of(2026, 1, 2, 3, 4, 0, 0, ZoneOffset.UTC), "s", "u", "d")))
                .contains("\"occurredAt\":\"2026-01-02T03:04:00Z\"");
    }

    @Test
    void optionalNullsAndUnicodeRoundTrip() {
        List<Event> events = List.of(
                new FeedbackAnswered("f", EventSamples.AT, "s", "u", "F", null),
                new CatalogUnit("c", EventSamples.AT, "s", "01", "01", "Thành phố Hà Nội", UnitLevel.CITY, null,
                        LocalDate.of(2008, 8, 1), LocalDate.of(2099, 12, 31)),
                new CatalogMerger("m", EventSamples.AT, "s", "00004", "00016", "00004", LocalDate.of(2025, 7, 1), null),
                new ReportAction("r", EventType.REPORT_RETURNED, EventSamples.AT, "s", "u", "reg", "2026-Q4",
                        Map.of(), "ông \"Nguyễn\"\n", "xin sửa lại \\ dòng 3 ✓"));
        for (Event e : events) {
            assertThat(CODEC.fromJson(CODEC.toJson(e))).isEqualTo(e);
        }
    }

    @Test
    void reportValuesOfAnyJavaNumberTypeRoundTrip() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("int", 3);
        values.put("long", 4L);
        values.put("short", (short) 5);
        values.put("double", 0.1);
        values.put("float", 0.5f);
        values.put("big", new java.math.BigInteger("123456789012345678901234567890"));
        values.put("bigSmall", java.math.BigInteger.TEN);
        values.put("decimal", new java.math.BigDecimal("2.50"));
        values.put("list", List.of(1, "a", true));
        values.put("bool", false);
        ReportAction e = new ReportAction("r", EventType.REPORT_SUBMITTED, EventSamples.AT, "s", "u", "reg", "2026-M11",
                values, "me", null);
        assertThat(e.values().get("int")).isEqualTo(3L);
        assertThat(e.values().get("float")).isEqualTo(0.5);
        assertThat(e.values().get("bigSmall")).isEqualTo(10L);
        assertThat(e.values().get("decimal")).isEqualTo(2.5);
        assertThat(CODEC.fromJson(CODEC.toJson(e))).isEqualTo(e);
        assertThatThrownBy(() -> e.values().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void reportActionConstructorRules() {
        assertThatThrownBy(() -> new ReportAction("r", EventType.DOSSIER_PAID, EventSamples.AT, "s", "u", "reg", "p",
                Map.of(), "me", null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("report.");
        assertThatThrownBy(() -> new ReportAction("r", EventType.REPORT_APPROVED, EventSamples.AT, "s", "u", "reg", "p",
                Map.of("when", LocalDate.of(2026, 1, 1)), "me", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("values.when");
        assertThatThrownBy(() -> new ReportAction("r", EventType.REPORT_APPROVED, EventSamples.AT, "s", "u", "reg", "p",
                Map.of("x", Double.NaN), "me", null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recordsRejectNullRequiredFields() {
        assertThatThrownBy(() -> new DossierWithdrawn(null, EventSamples.AT, "s", "u", "d"))
                .isInstanceOf(NullPointerException.class).hasMessage("id");
        assertThatThrownBy(() -> new DossierReceived("i", EventSamples.AT, "s", "u", "d", "p", null, Applicant.CITIZEN,
                EventSamples.AT, true, true)).isInstanceOf(NullPointerException.class).hasMessage("channel");
        assertThat(new FeedbackReceived("i", EventSamples.AT, "s", "u", "f", null).dossierId()).isNull();
    }
}
