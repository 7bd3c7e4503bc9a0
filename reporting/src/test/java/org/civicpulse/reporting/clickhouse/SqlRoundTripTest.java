package org.civicpulse.reporting.clickhouse;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.civicpulse.reporting.testing.ClickHouseTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every literal the renderer produces, evaluated by the real server. */
class SqlRoundTripTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static ClickHouseConnection ch;

    @BeforeAll
    static void connect() {
        ch = ClickHouseConnection.connect(ClickHouseTestServer.emptyDatabase("sql_roundtrip"));
        ch.ensureDatabase();
        ch.execute("CREATE TABLE texts (id UInt32, s String) ENGINE = MergeTree() ORDER BY id");
        ch.insertJsonEachRow("texts", List.of("{\"id\":1,\"s\":\"plain\"}", "{\"id\":2,\"s\":\"other\"}"));
        ch.execute("CREATE TABLE stored (id UInt32, s String) ENGINE = MergeTree() ORDER BY id");
    }

    @AfterAll
    static void close() {
        if (ch != null) {
            ch.close();
        }
    }

    static Stream<String> nastyStrings() {
        StringBuilder allControls = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            allControls.append(c);
        }
        allControls.append('\u007f');
        return Stream.of(
                "",
                "plain",
                "' OR 1=1 --",
                "'; DROP TABLE texts; --",
                "\\",
                "\\\\",
                "\\'",
                "'\\",
                "\\' OR 1=1 --",
                "x\\0y",
                "a\nb\r\nc\td",
                "NUL\0inside",
                allControls.toString(),
                "\"double\" `back` 'single'",
                "/* comment */ -- line",
                ":placeholder :other",
                "{param:String}",
                "%s %d %%",
                "Thành phố Hà Nội — Phường Hoàn Kiếm, Sở Khoa học và Công nghệ",
                Normalizer.normalize("Phường Cửa Nam", Normalizer.Form.NFD),
                Normalizer.normalize("Phường Cửa Nam", Normalizer.Form.NFC),
                "漢字 العربية emoji 🏛️👩‍💻",
                "\u00a0non-breaking\u2028line-separator\ufeffbom",
                "x".repeat(100_000));
    }

    @ParameterizedTest
    @MethodSource("nastyStrings")
    void stringsComeBackUnchanged(String s) {
        record Back(String value, long bytes) {
        }
        Back back = ch.query(Sql.of("SELECT :s AS value, length(:s) AS bytes").bind("s", s),
                r -> new Back(r.getString("value"), r.getLong("bytes"))).get(0);
        assertThat(back.value()).isEqualTo(s);
        assertThat(back.bytes()).isEqualTo(s.getBytes(StandardCharsets.UTF_8).length);
    }

    @ParameterizedTest
    @MethodSource("nastyStrings")
    void storedStringsAreFoundByEqualityAndNothingElse(String s) throws Exception {
        int id = Math.abs(s.hashCode() % 1_000_000) + 1_000;
        ch.insertJsonEachRow("stored", List.of(JSON.writeValueAsString(Map.of("id", id, "s", s))));
        assertThat(ch.queryLong(Sql.of("SELECT count() FROM stored WHERE s = :s AND id = :id").bind("s", s).bind("id", id)))
                .isEqualTo(1);
        assertThat(ch.query(Sql.of("SELECT s FROM stored WHERE id = :id").bind("id", id), r -> r.getString("s")))
                .allMatch(s::equals);
    }

    @Test
    void injectionAttemptsMatchNothing() {
        for (String attack : List.of("' OR 1=1 --", "' OR '1'='1", "plain' OR 'x'='x", "\\' OR 1=1 --",
                "plain'; SELECT 1; --")) {
            assertThat(ch.queryLong(Sql.of("SELECT count() FROM texts WHERE s = :s").bind("s", attack)))
                    .as(attack).isZero();
            assertThat(ch.queryLong(Sql.of("SELECT count() FROM texts WHERE s IN :s").bind("s", List.of(attack, "nope"))))
                    .as(attack).isZero();
        }
        assertThat(ch.queryLong(Sql.of("SELECT count() FROM texts"))).isPositive();
    }

    @Test
    void vietnameseNfcAndNfdStayDistinct() {
        String nfc = Normalizer.normalize("Hà Nội", Normalizer.Form.NFC);
        String nfd = Normalizer.normalize("Hà Nội", Normalizer.Form.NFD);
        assertThat(ch.queryLong(Sql.of("SELECT :a = :b").bind("a", nfc).bind("b", nfd))).isZero();
        assertThat(ch.queryLong(Sql.of("SELECT :a = :b").bind("a", nfc).bind("b", "Hà Nội"))).isEqualTo(1);
    }

    @Test
    void numbersKeepTheirValue() {
        assertThat(ch.queryLong(Sql.of("SELECT :n").bind("n", Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
        assertThat(ch.queryLong(Sql.of("SELECT :n").bind("n", Long.MIN_VALUE))).isEqualTo(Long.MIN_VALUE);
        assertThat(ch.queryLong(Sql.of("SELECT 5 - :n").bind("n", -3))).isEqualTo(8);
        assertThat(ch.queryLong(Sql.of("SELECT -:n").bind("n", -3))).isEqualTo(3);
        assertThat(ch.query(Sql.of("SELECT :n AS n").bind("n", new BigInteger("18446744073709551615")),
                r -> r.getBigDecimal("n"))).containsExactly(new BigDecimal("18446744073709551615"));
        assertThat(ch.query(Sql.of("SELECT :d * 2 AS d").bind("d", new BigDecimal("12345678901234567890.123456")),
                r -> r.getBigDecimal("d").stripTrailingZeros()))
                .containsExactly(new BigDecimal("24691357802469135780.246912"));
        assertThat(ch.queryLong(Sql.of("SELECT :d > 100 AND :d < toUInt64(124)").bind("d", new BigDecimal("123.45"))))
                .isEqualTo(1);
        assertThat(ch.query(Sql.of("SELECT :x AS x").bind("x", 1.0E-5), r -> r.getDouble("x"))).containsExactly(1.0E-5);
        assertThat(ch.query(Sql.of("SELECT :x AS x").bind("x", -2.5), r -> r.getDouble("x"))).containsExactly(-2.5);
        assertThat(ch.queryLong(Sql.of("SELECT :t + :f").bind("t", true).bind("f", false))).isEqualTo(1);
    }

    @Test
    void timesAreTheSameInstant() {
        Instant t = Instant.parse("2026-10-14T17:30:00Z");
        assertThat(ch.query(Sql.of("SELECT :t AS t, toString(:t) AS local, toYYYYMMDD(:t) AS day").bind("t", t),
                r -> List.of(r.getInstant("t"), r.getString("local"), r.getLong("day"))))
                .containsExactly(List.of(t, "2026-10-15 00:30:00", 20261015L));
        assertThat(ch.queryLong(Sql.of("SELECT toUnixTimestamp(:t)").bind("t", t))).isEqualTo(t.getEpochSecond());
        for (ZoneId zone : List.of(ZoneOffset.UTC, ZoneOffset.ofHours(7), ZoneOffset.ofHours(-3), ZoneId.of("Europe/Paris"))) {
            assertThat(ch.queryLong(Sql.of("SELECT toUnixTimestamp(:t)", zone).bind("t", t)))
                    .as(zone.toString()).isEqualTo(t.getEpochSecond());
        }
        assertThat(ch.query(Sql.of("SELECT :d AS d").bind("d", LocalDate.of(2026, 2, 28)), r -> r.getLocalDate("d")))
                .containsExactly(LocalDate.of(2026, 2, 28));
    }

    @Test
    void uuidsParse() {
        UUID u = UUID.randomUUID();
        assertThat(ch.query(Sql.of("SELECT toString(:u) AS u").bind("u", u), r -> r.getString("u")))
                .containsExactly(u.toString());
    }

    @Test
    void collectionsWorkWithIn() {
        assertThat(ch.queryLong(Sql.of("SELECT count() FROM texts WHERE s IN :s").bind("s", Set.of("plain", "other"))))
                .isEqualTo(2);
        assertThat(ch.queryLong(Sql.of("SELECT count() FROM texts WHERE id IN :ids").bind("ids", List.of(1, 2, 99))))
                .isEqualTo(2);
        assertThat(ch.queryLong(Sql.of("SELECT (1, 'a') IN :pairs")
                .bind("pairs", List.of(List.of(1, "a"), List.of(2, "b"))))).isEqualTo(1);
        List<Integer> many = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            many.add(i);
        }
        assertThat(ch.queryLong(Sql.of("SELECT count() FROM texts WHERE id IN :ids").bind("ids", many))).isEqualTo(2);
    }

    @Test
    void emptyCollectionsMatchNothingForEveryColumnType() {
        ch.execute("CREATE TABLE IF NOT EXISTS kinds (s String, n UInt32, t DateTime('Asia/Ho_Chi_Minh'), "
                + "m Nullable(String), e Enum8('A' = 1)) ENGINE = MergeTree() ORDER BY n");
        ch.insertJsonEachRow("kinds", List.of("{\"s\":\"a\",\"n\":1,\"t\":\"2026-01-01 00:00:00\",\"m\":null,\"e\":\"A\"}",
                "{\"s\":\"b\",\"n\":2,\"t\":\"2026-01-02 00:00:00\",\"m\":\"x\",\"e\":\"A\"}"));
        for (String column : List.of("s", "n", "t", "m", "e")) {
            assertThat(ch.queryLong(Sql.of("SELECT count() FROM kinds WHERE :c IN :empty")
                    .bindIdentifier("c", column).bind("empty", List.of()))).as(column + " IN ()").isZero();
            assertThat(ch.queryLong(Sql.of("SELECT count() FROM kinds WHERE :c NOT IN :empty")
                    .bindIdentifier("c", column).bind("empty", Set.of()))).as(column + " NOT IN ()").isEqualTo(2);
        }
    }

    @Test
    void identifiersAndNullsWork() {
        assertThat(ch.queryLong(Sql.of("SELECT count() FROM :t").bindIdentifier("t", "texts"))).isPositive();
        assertThat(ch.queryLong(Sql.of("SELECT count() FROM :t").bindIdentifier("t", ch.database() + ".texts")))
                .isPositive();
        assertThat(ch.queryLong(Sql.of("SELECT isNull(:x)").bind("x", null))).isEqualTo(1);
        assertThat(ch.queryLong(Sql.of("SELECT :e = 'NEW'").bind("e", Thread.State.NEW))).isEqualTo(1);
    }
}
