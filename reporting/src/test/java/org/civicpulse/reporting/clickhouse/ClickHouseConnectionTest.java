package org.civicpulse.reporting.clickhouse;

import org.civicpulse.reporting.testing.ClickHouseTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.ServerSocket;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClickHouseConnectionTest {

    private static ClickHouseConnection ch;

    @BeforeAll
    static void connect() {
        ClickHouseSettings settings = ClickHouseTestServer.emptyDatabase("connection");
        ch = ClickHouseConnection.connect(settings);
        ch.ensureDatabase();
        ch.execute("""
                CREATE TABLE typed
                (
                    id       String,
                    at       DateTime('Asia/Ho_Chi_Minh'),
                    maybe_at Nullable(DateTime('Asia/Ho_Chi_Minh')),
                    day      Date,
                    flag     UInt8,
                    maybe    Nullable(UInt8),
                    label    Nullable(String),
                    big      UInt64,
                    kind     Enum8('A' = 1, 'B' = 2),
                    version  UInt64
                )
                ENGINE = ReplacingMergeTree(version)
                ORDER BY id
                """);
    }

    @AfterAll
    static void close() {
        if (ch != null) {
            ch.close();
        }
    }

    @Test
    void detectsTheServerVersion() {
        String reported = ch.query(Sql.of("SELECT version() AS v"), r -> r.getString("v")).get(0);
        assertThat(ch.serverVersion()).isEqualTo(ServerVersion.parse(reported));
        assertThat(ch.isLegacyServer()).isEqualTo(ch.serverVersion().major() < 20);
        assertThat(ch.toString()).contains(reported);
    }

    @Test
    void queriesRunInTheConfiguredDatabase() {
        assertThat(ch.query(Sql.of("SELECT currentDatabase() AS db"), r -> r.getString("db")))
                .containsExactly(ch.database());
    }

    @Test
    void ensureDatabaseIsIdempotent() {
        ch.ensureDatabase();
        ch.ensureDatabase();
        assertThat(ch.queryLong(Sql.of("SELECT count() FROM system.databases WHERE name = :db")
                .bind("db", ch.database()))).isEqualTo(1);
    }

    /** Several rows with Nullable columns both NULL and set: the case client-v2's Native reader gets wrong. */
    @Test
    void readsEveryColumnTypeOfTheSchemaIncludingNullables() {
        ch.execute("TRUNCATE TABLE typed");
        ch.insertJsonEachRow("typed", List.of(
                "{\"id\":\"r1\",\"at\":\"2026-10-15 00:30:00\",\"maybe_at\":null,\"day\":\"2026-10-15\",\"flag\":1,"
                        + "\"maybe\":null,\"label\":null,\"big\":18446744073709551615,\"kind\":\"B\",\"version\":1}",
                "{\"id\":\"r2\",\"at\":\"2026-10-15 00:30:01\",\"maybe_at\":\"2026-11-01 08:00:00\",\"day\":\"2026-10-16\","
                        + "\"flag\":0,\"maybe\":5,\"label\":\"Hà Nội\",\"big\":7,\"kind\":\"A\",\"version\":1}",
                "{\"id\":\"r3\",\"at\":\"2026-10-15 00:30:02\",\"maybe_at\":null,\"day\":\"2026-10-17\",\"flag\":1,"
                        + "\"maybe\":0,\"label\":\"\",\"big\":0,\"kind\":\"A\",\"version\":1}"));

        record Typed(String id, Instant at, Instant maybeAt, LocalDate day, boolean flag, Integer maybe, String label,
                     BigDecimal big, String kind) {
        }
        List<Typed> rows = ch.query(Sql.of("SELECT * FROM typed FINAL ORDER BY id"), r -> new Typed(
                r.getString("id"), r.getInstant("at"), r.getInstant("maybe_at"), r.getLocalDate("day"),
                r.getBoolean("flag"), r.getNullableInt("maybe"), r.getString("label"), r.getBigDecimal("big"),
                r.getString("kind")));

        assertThat(rows).containsExactly(
                new Typed("r1", Instant.parse("2026-10-14T17:30:00Z"), null, LocalDate.of(2026, 10, 15), true, null, null,
                        new BigDecimal("18446744073709551615"), "B"),
                new Typed("r2", Instant.parse("2026-10-14T17:30:01Z"), Instant.parse("2026-11-01T01:00:00Z"),
                        LocalDate.of(2026, 10, 16), false, 5, "Hà Nội", BigDecimal.valueOf(7), "A"),
                new Typed("r3", Instant.parse("2026-10-14T17:30:02Z"), null, LocalDate.of(2026, 10, 17), true, 0, "",
                        BigDecimal.ZERO, "A"));
    }

    @Test
    void rowGettersAreStrictAboutNullAndTypes() {
        ch.query(Sql.of("SELECT CAST(NULL AS Nullable(UInt8)) AS n, 'x' AS s, toUInt64(18446744073709551615) AS u, "
                + "CAST('B' AS Enum8('A' = 1, 'B' = 2)) AS e"), r -> {
            assertThat(r.columnNames()).containsExactly("n", "s", "u", "e");
            assertThat(r.isNull("n")).isTrue();
            assertThat(r.getNullableLong("n")).isNull();
            assertThat(r.getNullableBoolean("n")).isNull();
            assertThatThrownBy(() -> r.getLong("n")).isInstanceOf(IllegalStateException.class).hasMessageContaining("NULL");
            assertThatThrownBy(() -> r.getLong("s")).isInstanceOf(IllegalStateException.class).hasMessageContaining("String");
            assertThatThrownBy(() -> r.getLong("u")).isInstanceOf(IllegalStateException.class).hasMessageContaining("long");
            assertThatThrownBy(() -> r.getString("nope")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("nope");
            assertThat(r.getString("e")).isEqualTo("B");
            assertThat(r.getLong("e")).isEqualTo(2);
            return null;
        });
    }

    @Test
    void readsArraysAndAggregates() {
        record Agg(List<Long> arr, List<String> names, long uniq, double median) {
        }
        List<Agg> rows = ch.query(Sql.of("SELECT [1, 2, 3] AS arr, groupArray(toString(number)) AS names, "
                        + "uniqExact(number) AS uniq, quantile(0.5)(number) AS median FROM numbers(4)"),
                r -> new Agg(r.<Number>getList("arr").stream().map(Number::longValue).toList(), r.getList("names"),
                        r.getLong("uniq"), r.getDouble("median")));
        assertThat(rows).containsExactly(new Agg(List.of(1L, 2L, 3L), List.of("0", "1", "2", "3"), 4, 1.5));
    }

    @Test
    void joinsWithAliasedSubqueriesWork() {
        assertThat(ch.query(Sql.of("SELECT a.k AS k, b.v AS v FROM (SELECT 1 AS k) AS a "
                        + "ALL LEFT JOIN (SELECT 1 AS k, :v AS v) AS b USING k").bind("v", "x"),
                r -> r.getLong("k") + r.getString("v"))).containsExactly("1x");
    }

    @Test
    void queryLongReadsTheFirstColumn() {
        assertThat(ch.queryLong(Sql.of("SELECT toUInt8(42) AS a, 'x' AS b"))).isEqualTo(42);
        assertThat(ch.queryLong(Sql.of("SELECT count() FROM system.one WHERE 0"))).isEqualTo(0);
        assertThatThrownBy(() -> ch.queryLong(Sql.of("SELECT 1 AS x WHERE 0")))
                .isInstanceOf(ClickHouseQueryException.class);
    }

    @Test
    void readsLargeResultsAcrossBlocks() {
        List<Long> numbers = ch.query(Sql.of("SELECT number AS n, if(number % 3 = 0, NULL, toString(number)) AS s "
                        + "FROM system.numbers LIMIT :n").bind("n", 200_000),
                r -> {
                    long n = r.getLong("n");
                    assertThat(r.getString("s")).isEqualTo(n % 3 == 0 ? null : Long.toString(n));
                    return n;
                });
        assertThat(numbers).hasSize(200_000);
        assertThat(numbers.get(199_999)).isEqualTo(199_999L);
    }

    @Test
    void emptyResultIsAnEmptyList() {
        assertThat(ch.query(Sql.of("SELECT toNullable(1) AS x WHERE 0"), r -> r.getLong("x"))).isEmpty();
    }

    @Test
    void insertIntoQualifiedTableAndRejectBadNames() {
        ch.execute("CREATE TABLE IF NOT EXISTS qualified (x UInt8) ENGINE = MergeTree() ORDER BY x");
        ch.insertJsonEachRow(ch.database() + ".qualified", List.of("{\"x\":1}", "{\"x\":2}"));
        ch.insertJsonEachRow("qualified", List.of());
        assertThat(ch.queryLong(Sql.of("SELECT sum(x) FROM qualified"))).isEqualTo(3);
        assertThatThrownBy(() -> ch.insertJsonEachRow("qualified; DROP TABLE typed", List.of("{}")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void badInsertIsAClearError() {
        assertThatThrownBy(() -> ch.insertJsonEachRow("typed", List.of("{\"id\":\"x\",\"at\":\"not a time\"}")))
                .isInstanceOf(ClickHouseQueryException.class)
                .hasMessageContaining("typed");
    }

    @Test
    void serverErrorsCarryCodeAndSql() {
        assertThatThrownBy(() -> ch.execute("SELEC 1"))
                .isInstanceOf(ClickHouseQueryException.class)
                .hasMessageContaining("SELEC 1")
                .satisfies(e -> assertThat(((ClickHouseQueryException) e).serverCode()).isEqualTo(62));
        assertThatThrownBy(() -> ch.query(Sql.of("SELECT * FROM no_such_table"), r -> 1))
                .isInstanceOf(ClickHouseQueryException.class)
                .satisfies(e -> assertThat(((ClickHouseQueryException) e).serverCode()).isEqualTo(60));
    }

    @Test
    void connectionRemainsUsableAfterErrors() {
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> ch.query(Sql.of("SELECT throwIf(1) AS x"), r -> 1))
                    .isInstanceOf(ClickHouseQueryException.class);
            assertThat(ch.queryLong(Sql.of("SELECT 1"))).isEqualTo(1);
        }
    }

    @Test
    void isSafeToShareBetweenThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Long>> futures = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                long n = i;
                futures.add(pool.submit(() -> ch.queryLong(Sql.of("SELECT :n + 1").bind("n", n))));
            }
            for (int i = 0; i < futures.size(); i++) {
                assertThat(futures.get(i).get()).isEqualTo(i + 1L);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void unreachableServerIsAClearError() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ClickHouseSettings nowhere = new ClickHouseSettings("http://127.0.0.1:" + port, null, null, null);
        assertThatThrownBy(() -> ClickHouseConnection.connect(nowhere))
                .isInstanceOf(ClickHouseQueryException.class)
                .hasMessageContaining("Cannot reach ClickHouse at http://127.0.0.1:" + port);
    }

    @Test
    void unknownUserIsAClearError() {
        ClickHouseSettings stranger = new ClickHouseSettings(ch.settings().url(), null, "nobody_here", "x");
        assertThatThrownBy(() -> ClickHouseConnection.connect(stranger))
                .isInstanceOf(ClickHouseQueryException.class)
                .hasMessageContaining("nobody_here");
    }

    @Test
    void formatsTimesForJsonEachRow() {
        assertThat(ClickHouseConnection.jsonDateTime(Instant.parse("2026-10-14T17:30:00.900Z")))
                .isEqualTo("2026-10-15 00:30:00");
        assertThat(ClickHouseConnection.jsonDate(LocalDate.of(2026, 1, 2))).isEqualTo("2026-01-02");
    }
}
