package org.civicpulse.reporting.kpi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.civicpulse.reporting.clickhouse.ClickHouseConnection;
import org.civicpulse.reporting.clickhouse.Sql;
import org.civicpulse.reporting.testing.ClickHouseTestServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Supplier;

/**
 * Benchmark harness (a main, not a test): latency of the engine on a synthetic city: the real shape (city, 15 departments, 126 communes, plus
 * the 30 districts and 526 wards before the 2025 reform) and {@code -Dkpi.bench=<dossiers>} dossier
 * facts spread over 2025-07 … 2026-11 (each completed within 0–17 days unless that is after "now"; 0.5 %
 * never completed: the stragglers carried over from period to period). Run it with
 * {@code ./civicpulse bench kpi [dossiers] [runs]}; it prints p50/p95 per query and appends them, with
 * the command and the machine, to {@code docs/benchmarks/kpi-engine.md}. It checks the results are
 * sane, not the timings: the build machines are shared and noisy.
 */
public final class KpiBenchmark {

    private static final List<String> lines = new ArrayList<>();

    public static void main(String[] args) throws IOException {
        long n = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        Path results = Path.of(args.length > 2 ? args[2] : "docs/benchmarks/kpi-engine.md");
        lines.add("");
        lines.add("## " + Instant.now() + " — " + String.format("%,d", n) + " dossier facts, " + runs + " runs each");
        lines.add("");
        lines.add("Command: `./civicpulse bench kpi " + n + " " + runs + "`; machine: "
                + Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + ", Java " + System.getProperty("java.version")
                + ", load average before the run " + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        lines.add("");
        lines.add("```");
        try (ClickHouseConnection ch = ClickHouseConnection.connect(ClickHouseTestServer.freshDatabase("kpi_bench"))) {
            List<String> units = new ArrayList<>();
            units.add(KpiFixture.unit("01", "Hà Nội", "CITY", null, "1970-01-01", null));
            for (int i = 1; i <= 15; i++) {
                units.add(KpiFixture.unit("S" + i, "Sở " + i, "DEPARTMENT", "01", "2025-03-01", null));
            }
            for (int i = 1; i <= 126; i++) {
                units.add(KpiFixture.unit(String.format("%05d", i * 4), "Phường " + i, "COMMUNE", "01", "2025-07-01", null));
            }
            for (int d = 1; d <= 30; d++) {
                units.add(KpiFixture.unit(String.format("%03d", d), "Quận " + d, "DISTRICT", "01", "1970-01-01", "2025-06-30"));
            }
            for (int w = 1; w <= 526; w++) {
                units.add(KpiFixture.unit(String.format("1%04d", w), "Phường cũ " + w, "COMMUNE",
                        String.format("%03d", 1 + w % 30), "1970-01-01", "2025-06-30"));
            }
            ch.insertJsonEachRow("org_units", units);
            ch.insertJsonEachRow("procedures", List.of(
                    KpiFixture.procedure("PA", "S1", "DEPARTMENT", 1, "FULL", 1, 1, 1, 1, 0),
                    KpiFixture.procedure("PB", "S2", "DEPARTMENT", 0, "PARTIAL", 0, 0, 0, 0, 1),
                    KpiFixture.procedure("PC", "01", "COMMUNE", 1, "NONE", 0, 0, 1, 0, 0)));
            long t0 = System.nanoTime();
            // 141 agencies: 15 departments S1..S15 and 126 communes 00004..00504
            ch.execute(Sql.of("""
                    INSERT INTO dossier_facts (dossier_id, unit, procedure, channel, applicant, vneid, full_process,
                        received_at, due_at, supplement_requests, supplement_wait_seconds, paid, paid_online, amount_vnd,
                        completed_at, outcome, e_result, digitized, reused_data, returned_via, rating, status,
                        source, last_event_at, event_count, version)
                    SELECT
                        concat('b', toString(number)) AS dossier_id,
                        if(h % 141 < 15, concat('S', toString(h % 141 + 1)),
                           substring(concat('00000', toString((h % 141 - 14) * 4)), length(toString((h % 141 - 14) * 4)) + 1, 5)) AS unit,
                        ['PA', 'PB', 'PC'][h % 3 + 1] AS procedure,
                        ['ONLINE', 'DIRECT', 'POSTAL'][intDiv(h, 7) % 3 + 1] AS channel,
                        'CITIZEN' AS applicant,
                        intDiv(h, 11) % 2 AS vneid,
                        intDiv(h, 13) % 2 AS full_process,
                        toDateTime(:from) + intDiv(h, 17) % :span AS received_at,
                        received_at + 864000 AS due_at,
                        intDiv(h, 19) % 3 AS supplement_requests,
                        if(supplement_requests > 0, 86400, 0) AS supplement_wait_seconds,
                        intDiv(h, 23) % 2 AS paid, intDiv(h, 29) % 2 AS paid_online, 10000 AS amount_vnd,
                        if(intDiv(h, 31) % 200 = 0 OR received_at + intDiv(h, 37) % 1500000 > toDateTime(:now),
                           NULL, received_at + intDiv(h, 37) % 1500000) AS completed_at,
                        if(isNull(completed_at), 'NONE', 'APPROVED') AS outcome,
                        intDiv(h, 41) % 2 AS e_result, intDiv(h, 43) % 2 AS digitized, intDiv(h, 47) % 2 AS reused_data,
                        if(isNull(completed_at), 'NONE', ['ONLINE', 'POSTAL', 'DIRECT'][intDiv(h, 53) % 3 + 1]) AS returned_via,
                        if(intDiv(h, 59) % 3 = 0, toUInt8(1 + intDiv(h, 61) % 5), NULL) AS rating,
                        if(isNull(completed_at), 'IN_PROGRESS', 'COMPLETED') AS status,
                        'dvc' AS source, received_at AS last_event_at, 3 AS event_count, 1 AS version
                    FROM (SELECT number, cityHash64(number) AS h FROM numbers(:n))
                    """).bind("from", "2025-07-01 00:00:00").bind("now", "2026-11-27 10:00:00")
                    .bind("span", 44_000_000L).bind("n", n));
            log(String.format("inserted %,d dossier facts in %.1f s (ClickHouse %s)", n, (System.nanoTime() - t0) / 1e9,
                    ch.serverVersion().text()));
            if (Boolean.getBoolean("kpi.bench.optimize")) {
                // the steady state of old partitions: background merges leave one part each
                long t1 = System.nanoTime();
                ch.execute("OPTIMIZE TABLE dossier_facts FINAL");
                log(String.format("optimized in %.1f s", (System.nanoTime() - t1) / 1e9));
            }

            Clock clock = Clock.fixed(Instant.parse("2026-11-27T03:00:00Z"), ZoneOffset.UTC);
            // Rollups: every month counts as quiet at once here (the default waits a minute after the
            // last write); the first query of a period builds them, and is timed on its own.
            try (KpiEngine engine = KpiEngine.builder(ch).clock(clock).rollupQuietPeriod(Duration.ZERO).build()) {
                for (String period : List.of("2026-M11", "2026-M12")) {
                    long t = System.nanoTime();
                    check(engine.compute("01", period).size() == engine.registry().all().size(), "one value per KPI");
                    log(String.format("%-40s       %5d ms   (first query: builds every month's rollup)",
                            "compute(01, " + period + ")", (System.nanoTime() - t) / 1_000_000));
                    time("compute(01, " + period + ")", runs, () -> engine.compute("01", period));
                    check(engine.breakdown("Q2.1", "01", period).size() >= 141, "a row per department and commune");
                    time("breakdown(Q2.1, 01, " + period + ")", runs, () -> engine.breakdown("Q2.1", "01", period));
                    time("breakdown(P5, 01, " + period + ")", runs, () -> engine.breakdown("P5", "01", period));
                    time("compute(00040, " + period + ")", runs, () -> engine.compute("00040", period));
                    time("drill(Q2.1 numerator, page 0)", runs, () -> engine.drillThrough("Q2.1", "01", period,
                            Part.NUMERATOR, null, 0, 50));
                }
            }
            // A live city: 5,000 dossiers of November written to since the rollups were built (new
            // versions in new parts). Their month keeps its build, corrected by those dossiers.
            ch.execute(Sql.of("""
                    INSERT INTO dossier_facts (dossier_id, unit, procedure, channel, applicant, vneid, full_process,
                        received_at, due_at, supplement_requests, supplement_wait_seconds, paid, paid_online, amount_vnd,
                        completed_at, outcome, e_result, digitized, reused_data, returned_via, rating, status,
                        source, last_event_at, event_count, version)
                    SELECT dossier_id, unit, procedure, channel, applicant, vneid, full_process, received_at, due_at,
                        supplement_requests, supplement_wait_seconds, paid, paid_online, amount_vnd,
                        ifNull(completed_at, toDateTime('2026-11-27 09:00:00')), 'APPROVED', e_result, digitized,
                        reused_data, 'ONLINE', toUInt8(5), 'COMPLETED', source, last_event_at, event_count + 1, version + 1
                    FROM dossier_facts
                    WHERE toYYYYMM(received_at) = 202611
                    LIMIT 5000
                    """));
            try (KpiEngine engine = KpiEngine.builder(ch).clock(clock).rollupQuietPeriod(Duration.ofHours(1)).build()) {
                time("compute(01, 2026-M12), 5,000 written since", runs, () -> engine.compute("01", "2026-M12"));
                time("breakdown(Q2.1, 01, 2026-M12), same", runs, () -> engine.breakdown("Q2.1", "01", "2026-M12"));
                time("compute(01, 2026-M11), same", runs, () -> engine.compute("01", "2026-M11"));
            }
            // Side by side in the same run: the same queries without rollups (every dossier read).
            int fewer = Math.max(3, runs / 5);
            try (KpiEngine engine = KpiEngine.builder(ch).clock(clock).rollupQuietPeriod(null).build()) {
                time("compute(01, 2026-M11), no rollups", fewer, () -> engine.compute("01", "2026-M11"));
                time("breakdown(Q2.1, 01, 2026-M11), no rollups", fewer, () -> engine.breakdown("Q2.1", "01", "2026-M11"));
            }
        }
        lines.add("```");
        Files.createDirectories(results.toAbsolutePath().getParent());
        Files.write(results, lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        System.out.println("appended to " + results);
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("benchmark sanity check failed: " + what);
        }
    }

    private static void log(String line) {
        System.out.println(line);
        lines.add(line);
    }

    private static void time(String what, int runs, Supplier<?> r) {
        r.get(); // warm up
        long[] ms = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            r.get();
            ms[i] = (System.nanoTime() - t) / 1_000_000;
        }
        Arrays.sort(ms);
        log(String.format("%-40s p50 %5d ms   p95 %5d ms", what, ms[runs / 2], ms[(int) Math.ceil(runs * 0.95) - 1]));
    }
}
