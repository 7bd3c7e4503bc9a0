package org.civicpulse.ingestion.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.civicpulse.domain.event.EventCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line. */
class CitySimulatorMainTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return CitySimulatorMain.run(args, new PrintStream(out, true), new PrintStream(err, true));
    }

    @Test
    void badUsageExits2() {
        assertThat(run("--mode", "sideways")).isEqualTo(2);
        assertThat(run("--mode", "backfill", "--nonsense", "1")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown option --nonsense").contains("Usage:");
        assertThat(run("--mode", "backfill", "--from", "2026-01-10", "--to", "2026-01-05", "--dry-run")).isEqualTo(2);
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("--mode backfill");
    }

    @Test
    void backfillToAFileIsDeterministicAndValid() throws Exception {
        Path a = tmp.resolve("a.ndjson");
        Path b = tmp.resolve("b.ndjson");
        String[] common = {"--mode", "backfill", "--seed", "5", "--from", "2026-03-02", "--to", "2026-03-03",
                "--dossiers-per-day", "150", "--progress-seconds", "0"};
        assertThat(run(concat(common, "--out", a.toString(), "--ledger", tmp.resolve("l.csv").toString()))).isZero();
        assertThat(run(concat(common, "--out", b.toString()))).isZero();
        assertThat(Files.mismatch(a, b)).isEqualTo(-1L);
        List<String> lines = Files.readAllLines(a);
        assertThat(lines).hasSizeGreaterThan(1000);
        EventCodec codec = new EventCodec();
        for (String line : lines) {
            assertThat(codec.parse(line).ok()).as(line).isTrue();
        }
        assertThat(Files.readAllLines(tmp.resolve("l.csv"))).hasSize(lines.size() + 1);
        assertThat(out.toString()).contains("backfill done").contains("dossier.received=");
    }

    @Test
    void backfillPostsToIngestionWithTheTokenFileAndWritesTheLedger() throws Exception {
        try (FakeIngestion server = new FakeIngestion()) {
            Path tokens = tmp.resolve("tokens.properties");
            Files.writeString(tokens, server.tokenFileText());
            Path ledger = tmp.resolve("ledger.csv");
            int code = run("--mode", "backfill", "--from", "2026-03-02", "--to", "2026-03-02", "--dossiers-per-day", "200",
                    "--url", server.url(), "--token-file", tokens.toString(), "--ledger", ledger.toString(),
                    "--progress-seconds", "0");
            assertThat(code).as(err.toString()).isZero();
            long posted = server.accepted.stream().mapToLong(r -> r.events().size()).sum();
            assertThat(posted).isGreaterThan(1000);
            assertThat(Files.readAllLines(ledger)).hasSize((int) posted + 1);
        }
    }

    @Test
    void missingTokensAreReportedBeforeSending() throws Exception {
        Path tokens = tmp.resolve("tokens.properties");
        Files.writeString(tokens, "one-stop=abcdefabcdefabcdef\n");
        assertThat(run("--mode", "backfill", "--from", "2026-03-02", "--to", "2026-03-02", "--token-file", tokens.toString(),
                "--url", "http://127.0.0.1:9")).isEqualTo(2);
        assertThat(err.toString()).contains("no token for").contains("payment");
    }

    @Test
    void liveSendsHistoryFirstThenEventsStampedNow() throws Exception {
        Path file = tmp.resolve("live.ndjson");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        int code = run("--mode", "live", "--from", now.minus(3, ChronoUnit.HOURS).toString(), "--now", now.toString(),
                "--speed", "100000", "--dossiers-per-day", "100", "--max-events", "6000", "--out", file.toString(),
                "--progress-seconds", "0");
        assertThat(code).as(err.toString()).isZero();
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(6000);
        EventCodec codec = new EventCodec();
        Instant last = Instant.MIN;
        for (String line : lines) {
            var r = codec.parse(line);
            assertThat(r.ok()).as(line).isTrue();
            last = r.event().occurredAt().toInstant();
        }
        assertThat(last).isAfterOrEqualTo(now).isBefore(Instant.now().plusSeconds(2));
        assertThat(out.toString()).contains("live from").contains("after sending the history since");
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
