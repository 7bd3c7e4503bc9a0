package org.civicpulse.reporting.dossier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.civicpulse.reporting.clickhouse.ClickHouseConnection;
import org.civicpulse.reporting.clickhouse.Sql;
import org.civicpulse.reporting.dossier.DossierCounts.Counts;
import org.civicpulse.reporting.testing.ClickHouseTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class DossierCountsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reporting period 2026-M11: 15 Oct – 14 Nov 2026, local time (UTC+7). */
    private static final Instant FROM = Instant.parse("2026-10-14T17:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-14T17:00:00Z");
    private static final Instant BEFORE = FROM.minus(Duration.ofDays(10));
    private static final Instant INSIDE = FROM.plus(Duration.ofDays(3));
    private static final Instant AFTER = TO.plus(Duration.ofDays(2));

    private static ClickHouseConnection ch;
    private DossierCounts counts;

    @BeforeAll
    static void connect() {
        ch = ClickHouseConnection.connect(ClickHouseTestServer.freshDatabase("dossier_counts"));
    }

    @AfterAll
    static void close() {
        if (ch != null) {
            ch.close();
        }
    }

    @BeforeEach
    void seed() {
        ch.execute("TRUNCATE TABLE dossier_facts");
        counts = new DossierCounts(ch);
        insert(
                dossier("d1", "A", INSIDE, INSIDE.plus(Duration.ofDays(1)), true, 1),
                dossier("d2", "A", INSIDE, INSIDE.plus(Duration.ofDays(2)), false, 1),
                dossier("d3", "B", BEFORE, INSIDE, true, 1),
                dossier("d4", "B", INSIDE, null, null, 1),
                dossier("d5", "C", INSIDE, INSIDE, true, 1),
                dossier("d6", "A", INSIDE, AFTER, true, 1),
                dossier("d7", "A", BEFORE, BEFORE.plus(Duration.ofDays(1)), true, 1),
                dossier("d8", "A", FROM, null, null, 1),
                dossier("d9", "A", TO, TO, true, 1),
                dossier("d10", "B", BEFORE, TO.minusSeconds(1), false, 1));
    }

    @Test
    void countsReceivedCompletedAndOnTimeInTheRange() {
        Counts c = counts.count(Set.of("A", "B"), FROM, TO);
        // received: d1 d2 d4 d6 d8 (d8 exactly at from; d9 exactly at to is out)
        assertThat(c.received()).isEqualTo(5);
        // completed: d1 d2 d3 d10 (d6 after, d7 before, d9 at to, d5 other unit)
        assertThat(c.completed()).isEqualTo(4);
        assertThat(c.completedOnTime()).isEqualTo(2);
        assertThat(c.onTimeRate()).isEqualTo(0.5);
        assertThat(c.noData()).isFalse();
    }

    @Test
    void onlyTheGivenUnitsCount() {
        assertThat(counts.count(Set.of("A"), FROM, TO)).isEqualTo(Counts.of(4, 2, 1));
        assertThat(counts.count(Set.of("C"), FROM, TO)).isEqualTo(Counts.of(1, 1, 1));
        assertThat(counts.count(Set.of("A", "B", "C"), FROM, TO)).isEqualTo(Counts.of(6, 5, 3));
    }

    @Test
    void aHigherVersionReplacesTheOlderRowUnderFinal() {
        // d4 completes on time (version 2); d2 gets a stale version 0 that must lose against version 1
        insert(dossier("d4", "B", INSIDE, INSIDE.plus(Duration.ofDays(4)), true, 2),
                dossier("d2", "A", INSIDE, null, null, 0));
        Counts c = counts.count(Set.of("A", "B"), FROM, TO);
        assertThat(c).isEqualTo(Counts.of(5, 5, 3));
        assertThat(c.onTimeRate()).isCloseTo(0.6, within(1e-12));
        assertThat(ch.queryLong(Sql.of("SELECT count() FROM dossier_facts FINAL"))).isEqualTo(10);

        ch.execute("OPTIMIZE TABLE dossier_facts FINAL");
        assertThat(ch.queryLong(Sql.of("SELECT count() FROM dossier_facts"))).isEqualTo(10);
        assertThat(counts.count(Set.of("A", "B"), FROM, TO)).isEqualTo(c);
    }

    @Test
    void aPeriodWithoutCompletionsHasNoRate() {
        Instant from = Instant.parse("2027-01-01T00:00:00Z");
        insert(dossier("late", "A", from.plusSeconds(60), null, null, 1));
        Counts c = counts.count(Set.of("A"), from, from.plus(Duration.ofDays(1)));
        assertThat(c).isEqualTo(new Counts(1, 0, 0, null));
        assertThat(c.noData()).isTrue();
    }

    @Test
    void noUnitsMeansNothing() {
        assertThat(counts.count(Set.of(), FROM, TO)).isEqualTo(new Counts(0, 0, 0, null));
        assertThat(counts.count(Set.of("nowhere", "' OR 1=1 --"), FROM, TO)).isEqualTo(new Counts(0, 0, 0, null));
    }

    @Test
    void periodBoundariesAreLocalTime() {
        // 2026-10-14T17:30Z is 15 Oct 00:30 in Hanoi: inside 2026-M11
        insert(dossier("edge", "E", Instant.parse("2026-10-14T17:30:00Z"), null, null, 1));
        assertThat(counts.count(Set.of("E"), FROM, TO).received()).isEqualTo(1);
        assertThat(counts.count(Set.of("E"), BEFORE, FROM).received()).isZero();
    }

    @Test
    void refusesAnEmptyRange() {
        assertThatThrownBy(() -> counts.count(Set.of("A"), TO, FROM)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> counts.count(Set.of("A"), FROM, FROM)).isInstanceOf(IllegalArgumentException.class);
    }

    // ------------------------------------------------------------------------------------------

    private static void insert(String... rows) {
        ch.insertJsonEachRow("dossier_facts", Arrays.asList(rows));
    }

    /** A complete dossier_facts row as the streaming job writes it. */
    private static String dossier(String id, String unit, Instant received, Instant completed, Boolean onTime,
                                  long version) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("dossier_id", id);
        row.put("unit", unit);
        row.put("procedure", "1.001234");
        row.put("channel", "ONLINE");
        row.put("applicant", "CITIZEN");
        row.put("vneid", 1);
        row.put("full_process", 1);
        row.put("received_at", ClickHouseConnection.jsonDateTime(received));
        row.put("due_at", ClickHouseConnection.jsonDateTime(received.plus(Duration.ofDays(5))));
        row.put("supplement_requests", 0);
        row.put("supplement_wait_seconds", 0);
        row.put("supplement_open_since", null);
        row.put("paid", 0);
        row.put("paid_online", 0);
        row.put("amount_vnd", 0);
        row.put("completed_at", completed == null ? null : ClickHouseConnection.jsonDateTime(completed));
        row.put("outcome", completed == null ? "NONE" : "APPROVED");
        row.put("e_result", completed == null ? 0 : 1);
        row.put("digitized", 0);
        row.put("reused_data", 0);
        row.put("returned_via", "NONE");
        row.put("returned_at", null);
        row.put("rating", null);
        row.put("rated_at", null);
        row.put("withdrawn_at", null);
        row.put("status", completed == null ? "IN_PROGRESS" : "COMPLETED");
        row.put("on_time", onTime == null ? null : (onTime ? 1 : 0));
        row.put("overdue_now", 0);
        row.put("source", "one-stop-shop");
        row.put("last_event_at", ClickHouseConnection.jsonDateTime(completed == null ? received : completed));
        row.put("event_count", completed == null ? 1 : 2);
        row.put("version", version);
        try {
            return JSON.writeValueAsString(row);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
