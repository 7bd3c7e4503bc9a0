package org.civicpulse.domain.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civicpulse.domain.event.EventSamples.CODEC;
import static org.civicpulse.domain.event.EventSamples.EVENTS;
import static org.civicpulse.domain.event.EventSamples.JSON;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventCodecParseTest {

    @ParameterizedTest
    @EnumSource(EventType.class)
    void validExampleOfEveryTypeParses(EventType t) {
        ParseResult r = CODEC.parse(JSON.get(t));
        assertThat(r.problems()).isEmpty();
        assertThat(r.ok()).isTrue();
        assertThat(r.event()).isEqualTo(EVENTS.get(t));
        assertThat(r.event().type()).isEqualTo(t);
        assertThat(r.id()).isEqualTo(EVENTS.get(t).id());
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void bytesAndTreeInputsGiveTheSameEvent(EventType t) throws Exception {
        assertThat(CODEC.parse(JSON.get(t).getBytes(StandardCharsets.UTF_8)).event()).isEqualTo(EVENTS.get(t));
        assertThat(CODEC.parse(EventSamples.MAPPER.readTree(JSON.get(t))).event()).isEqualTo(EVENTS.get(t));
        assertThat(CODEC.fromJson(JSON.get(t).getBytes(StandardCharsets.UTF_8))).isEqualTo(EVENTS.get(t));
    }

    @Test
    void recordsExposeTheirFields() {
        DossierReceived d = (DossierReceived) CODEC.fromJson(JSON.get(EventType.DOSSIER_RECEIVED));
        assertThat(d.dossierId()).isEqualTo("D-1");
        assertThat(d.procedure()).isEqualTo("1.001234");
        assertThat(d.channel()).isEqualTo(Channel.ONLINE);
        assertThat(d.applicant()).isEqualTo(Applicant.CITIZEN);
        assertThat(d.dueAt()).isEqualTo(OffsetDateTime.parse("2026-11-10T17:00:00+07:00"));
        assertThat(d.vneid()).isTrue();
        assertThat(d.fullProcess()).isFalse();
        assertThat(d.family()).isEqualTo(EventType.Family.DOSSIER);
        assertThat(d).isInstanceOf(DossierEvent.class);
    }

    @Test
    void unknownFieldsAreIgnored() {
        String json = EventSamples.with(EventType.DOSSIER_PAID, "extra", "{\"deep\":[1,2,{\"x\":null}]}")
                .replace("{\"id\"", "{\"schemaVersion\":3,\"Id\":\"not-the-id\",\"id\"");
        ParseResult r = CODEC.parse(json);
        assertThat(r.problems()).isEmpty();
        assertThat(r.event()).isEqualTo(EVENTS.get(EventType.DOSSIER_PAID));
    }

    @Test
    void fieldOrderDoesNotMatter() throws Exception {
        var tree = EventSamples.tree(EventType.DOSSIER_COMPLETED);
        var reversed = EventSamples.MAPPER.createObjectNode();
        List<String> names = new ArrayList<>();
        tree.fieldNames().forEachRemaining(names::add);
        for (int i = names.size() - 1; i >= 0; i--) {
            reversed.set(names.get(i), tree.get(names.get(i)));
        }
        assertThat(CODEC.parse(reversed.toString()).event()).isEqualTo(EVENTS.get(EventType.DOSSIER_COMPLETED));
    }

    @Test
    void utcZAndPlus0700AreAcceptedAndTheOffsetIsKept() {
        Event z = CODEC.fromJson(EventSamples.with(EventType.DOSSIER_WITHDRAWN, "occurredAt", "\"2026-11-01T02:30:00Z\""));
        assertThat(z.occurredAt()).isEqualTo(OffsetDateTime.of(2026, 11, 1, 2, 30, 0, 0, ZoneOffset.UTC));
        assertThat(z.occurredAt().getOffset()).isEqualTo(ZoneOffset.UTC);

        Event hanoi = CODEC.fromJson(EventSamples.with(EventType.DOSSIER_WITHDRAWN, "occurredAt",
                "\"2026-11-01T09:30:00+07:00\""));
        assertThat(hanoi.occurredAt().getOffset()).isEqualTo(ZoneOffset.ofHours(7));
        assertThat(hanoi.occurredAt().toInstant()).isEqualTo(z.occurredAt().toInstant());
        assertThat(hanoi).isNotEqualTo(z); // same instant, different offset: kept as sent
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "2026-11-01T02:30:00Z", "2026-11-01t02:30:00z", "2026-11-01T02:30:00+00:00", "2026-11-01T02:30:00-00:00",
        "2026-11-01T09:30:00+07:00", "2026-10-31T21:30:00-05:00", "2026-11-01T02:30:00.5Z",
        "2026-11-01T02:30:00.123456789Z", "2026-11-01 09:30:00+07:00", "2026-11-01T09:30+07:00",
        "2026-11-01T08:00:00+05:30"})
    void rfc3339VariantsAreAccepted(String time) {
        ParseResult r = CODEC.parse(EventSamples.with(EventType.DOSSIER_WITHDRAWN, "occurredAt", EventSamples.q(time)));
        assertThat(r.problems()).isEmpty();
        assertThat(r.event().occurredAt().toInstant()).isBetween(
                OffsetDateTime.parse("2026-11-01T02:30:00Z").toInstant(),
                OffsetDateTime.parse("2026-11-01T02:30:01Z").toInstant());
    }

    @Test
    void optionalFieldsMayBeAbsentOrNull() {
        assertThat(CODEC.parse(EventSamples.without(EventType.FEEDBACK_RECEIVED, "dossierId")).event())
                .isEqualTo(new FeedbackReceived("e9", EventSamples.AT, "one-stop", "UB-HK", "F-1", null));
        assertThat(CODEC.parse(EventSamples.with(EventType.FEEDBACK_RECEIVED, "dossierId", "null")).ok()).isTrue();
        assertThat(CODEC.parse(EventSamples.without(EventType.REPORT_RETURNED, "comment")).ok()).isTrue();
        assertThat(CODEC.parse(EventSamples.with(EventType.REPORT_RETURNED, "comment", "null")).ok()).isTrue();
        assertThat(CODEC.parse(EventSamples.with(EventType.REPORT_RETURNED, "comment", "\"\"")).ok()).isTrue();
        assertThat(CODEC.parse(EventSamples.with(EventType.CATALOG_UNIT, "parent", "null")).ok()).isTrue();
        assertThat(CODEC.parse(EventSamples.without(EventType.CATALOG_UNIT, "parent")).ok()).isTrue();
        assertThat(CODEC.parse(EventSamples.with(EventType.CATALOG_UNIT, "validTo", "null")).ok()).isTrue();
        CatalogUnit u = (CatalogUnit) CODEC.parse(EventSamples.with(EventType.CATALOG_UNIT, "validTo", "\"2025-07-01\""))
                .event();
        assertThat(u.validTo()).isEqualTo(u.validFrom());
        assertThat(CODEC.parse(EventSamples.without(EventType.CATALOG_MERGER, "mergeType")).event())
                .isEqualTo(new CatalogMerger("c3", EventSamples.AT, "one-stop", "00004", "00013", "00004",
                        LocalDate.of(2025, 7, 1), null));
        assertThat(CODEC.parse(EventSamples.with(EventType.CATALOG_MERGER, "mergeType", "null")).ok()).isTrue();
    }

    @Test
    void catalogMergerExposesTheMapRowAndBelongsToTheNewUnit() {
        CatalogMerger m = (CatalogMerger) CODEC.fromJson(EventSamples.with(EventType.CATALOG_MERGER, "mergeType", "\"PART\""));
        assertThat(m.oldCode()).isEqualTo("00013");
        assertThat(m.newCode()).isEqualTo("00004").isEqualTo(m.unit());
        assertThat(m.effective()).isEqualTo(LocalDate.of(2025, 7, 1));
        assertThat(m.mergeType()).isEqualTo(MergeType.PART);
        assertThat(m.family()).isEqualTo(EventType.Family.CATALOG);
    }

    @Test
    void integralFloatsAreAcceptedForIntegers() {
        DossierPaid p = (DossierPaid) CODEC.fromJson(EventSamples.with(EventType.DOSSIER_PAID, "amountVnd", "150000.0"));
        assertThat(p.amountVnd()).isEqualTo(150_000L);
        assertThat(CODEC.parse(EventSamples.with(EventType.DOSSIER_PAID, "amountVnd", "0")).ok()).isTrue();
        assertThat(CODEC.parse(EventSamples.with(EventType.DOSSIER_RATED, "score", "1")).ok()).isTrue();
        assertThat(CODEC.parse(EventSamples.with(EventType.DOSSIER_RATED, "score", "5")).ok()).isTrue();
    }

    @Test
    void reportValuesAreNormalised() {
        ReportAction r = (ReportAction) CODEC.fromJson(JSON.get(EventType.REPORT_SUBMITTED));
        assertThat(r.values()).containsEntry("P12.submitted", 41L).containsEntry("rate", 0.875)
                .containsEntry("empty", null);
        assertThat(r.values().keySet()).containsExactly("P12.submitted", "rate", "note", "nested", "empty");
        assertThat(r.values().get("nested")).isEqualTo(java.util.Map.of("a", List.of(1L, 2L)));
    }

    @Test
    void theCodecIsSafeToShareAcrossThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> futures = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                futures.add(pool.submit(() -> {
                    for (int k = 0; k < 200; k++) {
                        for (EventType t : EventType.values()) {
                            Event e = CODEC.parse(JSON.get(t)).event();
                            if (!EVENTS.get(t).equals(e) || !CODEC.fromJson(CODEC.toJson(e)).equals(e)) {
                                return false;
                            }
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : futures) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
