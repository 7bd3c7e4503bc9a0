package org.civicpulse.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Issue "A live city to run against": a year of backfill for the whole city (every ward, commune
 * and department; dossier volume scaled down to keep the suite short) goes through the running
 * stack, and what ClickHouse holds matches the simulator's ledger of acknowledged events exactly:
 * every acknowledged event stored once, every dossier one fact row holding all its events.
 */
class CitySimulatorBackfillIT {

  private final RunningStack stack = RunningStack.fromEnvironment();

  @Test
  void aYearOfBackfillLandsExactlyOnceAsInTheLedger() throws Exception {
    long seed = ThreadLocalRandom.current().nextLong(1_000, 1_000_000); // ids carry the seed: a rerun never collides
    LocalDate today = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));
    Path work = Files.createTempDirectory("backfill");
    Path ledger = work.resolve("ledger.csv");

    Process simulator = new ProcessBuilder(List.of(
        javaBin(), "-Xmx512m", "-cp", stack.ingestionJar(),
        "-Dloader.main=org.civicpulse.ingestion.simulator.CitySimulatorMain",
        "org.springframework.boot.loader.launch.PropertiesLauncher",
        "--mode", "backfill", "--seed", String.valueOf(seed),
        "--from", today.minusDays(365).toString(), "--to", today.minusDays(1).toString(),
        "--dossiers-per-day", "150", "--url", stack.ingestionUrl,
        "--token-file", stack.tokensFile(), "--ledger", ledger.toString(), "--progress-seconds", "10"))
        .redirectErrorStream(true).redirectOutput(work.resolve("simulator.log").toFile()).start();
    assertThat(simulator.waitFor(15, TimeUnit.MINUTES)).as("simulator finished within 15 min").isTrue();
    assertThat(simulator.exitValue()).as("simulator exit code; log: %s", Files.readString(work.resolve("simulator.log")))
        .isZero();

    // The ledger (1–2 M lines) goes into ClickHouse as it is, beside the facts, and is compared there.
    String ledgerTable = "ledger_" + seed;
    stack.clickhouse("CREATE TABLE " + ledgerTable + " (id String, type String, aggregate_id String) ENGINE = Memory");
    try {
      stack.clickhouseInsertFile(ledgerTable, "CSVWithNames", ledger);
      long acknowledged = stack.clickhouseLong("SELECT count() FROM " + ledgerTable);
      assertThat(stack.clickhouseLong("SELECT uniqExact(id) FROM " + ledgerTable)).as("ledger ids unique").isEqualTo(acknowledged);
      Map<String, Long> ledgerByType = countsByType("SELECT type, count() FROM " + ledgerTable + " GROUP BY type");
      assertThat(ledgerByType.keySet()).as("every family of the city simulated")
          .contains("dossier.received", "dossier.completed", "portal.login", "document.processed", "service.probe");
      assertThat(acknowledged).as("a year of the whole city").isGreaterThan(300_000);
      long dossiers = stack.clickhouseLong("SELECT uniqExact(aggregate_id) FROM " + ledgerTable + " WHERE type LIKE 'dossier.%'");
      long dossierEvents = stack.clickhouseLong("SELECT count() FROM " + ledgerTable + " WHERE type LIKE 'dossier.%'");

      awaitEqual(() -> stack.clickhouseLong("SELECT count() FROM events FINAL WHERE id IN (SELECT id FROM " + ledgerTable + ")"),
          acknowledged, "every acknowledged event stored once in `events`");
      assertThat(countsByType("SELECT type, count() FROM events FINAL WHERE id IN (SELECT id FROM " + ledgerTable + ") GROUP BY type"))
          .isEqualTo(ledgerByType);

      awaitEqual(() -> stack.clickhouseLong("SELECT count() FROM dossier_facts FINAL WHERE dossier_id IN "
          + "(SELECT aggregate_id FROM " + ledgerTable + " WHERE type LIKE 'dossier.%')"), dossiers, "one fact row per dossier");
      awaitEqual(() -> stack.clickhouseLong("SELECT sum(event_count) FROM dossier_facts FINAL WHERE dossier_id IN "
          + "(SELECT aggregate_id FROM " + ledgerTable + " WHERE type LIKE 'dossier.%')"), dossierEvents,
          "every dossier event counted in its fact, once");
      assertThat(stack.clickhouseLong("SELECT count() FROM probe_facts FINAL WHERE event_id IN (SELECT id FROM " + ledgerTable + ")"))
          .isEqualTo(ledgerByType.get("service.probe"));
      assertThat(stack.clickhouseLong("SELECT count() FROM login_facts FINAL WHERE event_id IN (SELECT id FROM " + ledgerTable + ")"))
          .isEqualTo(ledgerByType.get("portal.login"));
      assertThat(stack.clickhouseLong("SELECT count() FROM document_facts FINAL WHERE event_id IN (SELECT id FROM " + ledgerTable + ")"))
          .isEqualTo(ledgerByType.get("document.processed"));
    } finally {
      stack.clickhouse("DROP TABLE IF EXISTS " + ledgerTable);
      Files.deleteIfExists(ledger);
    }
  }

  private Map<String, Long> countsByType(String sql) {
    return stack.clickhouse(sql).stream()
        .collect(Collectors.toMap(r -> r[0], r -> Long.parseLong(r[1]), (a, b) -> a, TreeMap::new));
  }

  private static void awaitEqual(java.util.function.LongSupplier actual, long expected, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    long value = actual.getAsLong();
    while (value != expected && System.nanoTime() < deadline) {
      Thread.sleep(2000);
      value = actual.getAsLong();
    }
    assertThat(value).as(what).isEqualTo(expected);
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
