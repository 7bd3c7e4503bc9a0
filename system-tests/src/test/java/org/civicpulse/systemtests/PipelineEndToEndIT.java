package org.civicpulse.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.civicpulse.systemtests.DossierScenario.Dossier;
import org.junit.jupiter.api.Test;

/**
 * Issue "Pipeline end to end": a few thousand events — shuffled out of order, with duplicates and
 * invalid lines — go through the running ingestion service, Kafka and the Flink job into
 * ClickHouse. Every valid dossier must end up as exactly one fact row equal to the one computed
 * here from the same events; every invalid line must be answered with its error and sit in the
 * dead-letter topic; posting everything again must change nothing.
 */
class PipelineEndToEndIT {

  private static final int DOSSIERS = 900;
  private static final int BATCH = 400;
  private static final Duration SETTLE = Duration.ofSeconds(120);

  private final RunningStack stack = RunningStack.fromEnvironment();
  private final String runId = "e2e" + UUID.randomUUID().toString().substring(0, 8);
  private final String unitA = runId + "-U1";
  private final String unitB = runId + "-U2";

  /** One request body and what the answer must say about its invalid lines (line → code). */
  record Batch(List<String> lines, Map<Integer, String> expectedErrors) {}

  @Test
  void eventsBecomeExactlyOneCorrectFactPerDossier() throws Exception {
    DossierScenario scenario = new DossierScenario(runId, 20261127L, Instant.now());
    List<Dossier> dossiers = new ArrayList<>();
    for (int i = 0; i < DOSSIERS; i++) {
      dossiers.add(scenario.generate(i, i % 3 == 0 ? unitB : unitA));
    }
    List<Batch> batches = batches(dossiers, scenario);
    int validEvents = dossiers.stream().mapToInt(d -> d.events.size()).sum();
    assertThat(validEvents).as("a few thousand events").isGreaterThan(2500);

    // 1. Every answer counts exactly the accepted lines and names each rejected line and why.
    int rejected = 0;
    for (Batch batch : batches) {
      rejected += postAndCheckAnswer(batch);
    }
    pushWatermarkToNow("first");

    // 2. Exactly one fact row per valid dossier, equal to the row computed from the events.
    Map<String, String> expected = expectedFacts(dossiers, scenario.now());
    Map<String, String> actual = awaitFacts(expected);
    assertThat(actual).containsExactlyInAnyOrderEntriesOf(expected);
    assertThat(stack.clickhouseLong("SELECT count() FROM dossier_facts FINAL WHERE unit IN " + units()))
        .isEqualTo(DOSSIERS);

    // 3. The first query of the reporting side agrees with counts done here.
    assertCountsAgree(dossiers, scenario.now().minus(Duration.ofDays(60)), scenario.now());
    assertCountsAgree(dossiers, scenario.now().minus(Duration.ofDays(20)), scenario.now().minus(Duration.ofDays(10)));

    // 4. Every rejected line is in the dead-letter topic with its reason and original payload.
    List<JsonNode> deadLetters = awaitDeadLetters(rejected);
    assertThat(deadLetters).hasSize(rejected);
    assertThat(deadLetters).allSatisfy(dl -> {
      assertThat(dl.path("errors").isArray() && dl.path("errors").size() > 0).as("reason in %s", dl).isTrue();
      assertThat(dl.path("payload").asText()).contains(runId);
    });

    // 5. Posting the whole batch again changes nothing: same answers, same facts, same versions.
    Map<String, String> versionsBefore = versions();
    for (Batch batch : batches) {
      postAndCheckAnswer(batch);
    }
    pushWatermarkToNow("again");
    Thread.sleep(3000); // the sink flushes at least every 2 s: anything re-emitted is visible now
    assertThat(facts()).containsExactlyInAnyOrderEntriesOf(expected);
    assertThat(versions()).isEqualTo(versionsBefore);
    assertThat(stack.clickhouseLong("SELECT count() FROM events FINAL WHERE unit IN " + units() + " AND type LIKE 'dossier.%'"))
        .as("raw events stored once each").isEqualTo(validEvents);
  }

  // ----------------------------------------------------------------------------------------------

  private List<Batch> batches(List<Dossier> dossiers, DossierScenario scenario) {
    List<String> events = new ArrayList<>();
    dossiers.forEach(d -> events.addAll(d.events));
    Collections.shuffle(events, new Random(7)); // out of order, also within a dossier
    List<List<String>> chunks = new ArrayList<>();
    for (int i = 0; i < events.size(); i += BATCH) {
      chunks.add(new ArrayList<>(events.subList(i, Math.min(events.size(), i + BATCH))));
    }
    List<Batch> batches = new ArrayList<>();
    Random random = new Random(11);
    for (int c = 0; c < chunks.size(); c++) {
      List<String> lines = new ArrayList<>(chunks.get(c));
      Map<Integer, String> errors = new TreeMap<>();
      if (c > 0) { // resend some of the previous request's events: accepted again, counted once
        List<String> previous = new ArrayList<>(chunks.get(c - 1));
        Collections.shuffle(previous, random);
        for (String resent : previous.subList(0, 40)) {
          lines.add(random.nextInt(lines.size()), resent);
        }
      }
      if (c == 0) {
        lines.add(lines.get(3)); // the same id twice in one request: the second is refused
        errors.put(lines.size(), "DUPLICATE_ID");
      }
      if (c == 1) {
        for (Map.Entry<String, String> bad : invalidLines(scenario).entrySet()) {
          int at = random.nextInt(lines.size());
          lines.add(at, bad.getKey());
          shift(errors, at + 1);
          errors.put(at + 1, bad.getValue());
        }
      }
      batches.add(new Batch(lines, errors));
    }
    return batches;
  }

  private static void shift(Map<Integer, String> errors, int fromLine) {
    Map<Integer, String> moved = new TreeMap<>();
    errors.forEach((line, code) -> moved.put(line >= fromLine ? line + 1 : line, code));
    errors.clear();
    errors.putAll(moved);
  }

  /** Bad input of every kind the contract names, each with the code the answer must carry. */
  private Map<String, String> invalidLines(DossierScenario scenario) {
    Dossier ghost = new Dossier(runId + "-BAD", unitA, scenario.now().minus(Duration.ofDays(1)),
        scenario.now().plus(Duration.ofDays(3)), "ONLINE", true, true);
    Map<String, String> bad = new LinkedHashMap<>();
    bad.put("{\"id\":\"" + runId + "-BAD-1\",\"type\":\"dossier.received\",", "MALFORMED_JSON");
    bad.put("[\"" + runId + "-BAD-2\"]", "NOT_AN_OBJECT");
    bad.put(received(scenario, ghost, 3).without("dueAt").toString(), "MISSING_FIELD");
    bad.put(received(scenario, ghost, 4).put("vneid", "yes").toString(), "WRONG_TYPE");
    bad.put(received(scenario, ghost, 5).put("type", "dossier.teleported").toString(), "UNKNOWN_TYPE");
    bad.put(received(scenario, ghost, 6).put("occurredAt", "2026-10-01T10:00:00").toString(), "TIME_WITHOUT_OFFSET");
    bad.put(received(scenario, ghost, 7).put("occurredAt", Instant.now().plus(Duration.ofDays(2)).toString()).toString(), "FUTURE_TIME");
    bad.put(received(scenario, ghost, 8).put("channel", "WEB").toString(), "INVALID_VALUE");
    bad.put(scenario.event("dossier.rated", ghost, scenario.now()).put("id", runId + "-BAD-9").put("score", 9).toString(), "INVALID_VALUE");
    bad.put(received(scenario, ghost, 10).put("source", "portal").toString(), "SOURCE_MISMATCH");
    return bad;
  }

  private ObjectNode received(DossierScenario scenario, Dossier d, int n) {
    return scenario.event("dossier.received", d, d.received).put("id", runId + "-BAD-" + n)
        .put("procedure", "1.001000").put("channel", "ONLINE").put("applicant", "CITIZEN")
        .put("dueAt", d.due.toString()).put("vneid", true).put("fullProcess", true);
  }

  /** Posts one batch and checks the answer line by line; returns how many lines were rejected. */
  private int postAndCheckAnswer(Batch batch) throws Exception {
    HttpResponse<String> response = stack.postEvents("one-stop", String.join("\n", batch.lines()) + "\n");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode answer = DossierScenario.JSON.readTree(response.body());
    Map<Integer, String> errors = new TreeMap<>();
    for (JsonNode error : answer.path("errors")) {
      errors.put(error.path("line").asInt(), error.path("code").asText());
      assertThat(error.path("message").asText()).as("a reason a person can act on").isNotBlank();
    }
    assertThat(errors).as("per-line errors").isEqualTo(batch.expectedErrors());
    assertThat(answer.path("rejected").asInt()).isEqualTo(batch.expectedErrors().size());
    assertThat(answer.path("accepted").asInt()).isEqualTo(batch.lines().size() - batch.expectedErrors().size());
    return batch.expectedErrors().size();
  }

  /**
   * Probe events stamped "now" on many keys, so every Kafka partition's watermark passes the
   * test's clock and the overdue timers of past-due dossiers fire; waits until all are stored.
   */
  private void pushWatermarkToNow(String round) {
    StringBuilder body = new StringBuilder();
    int probes = 30;
    for (int i = 0; i < probes; i++) {
      body.append(DossierScenario.JSON.createObjectNode()
          .put("id", runId + "-probe-" + round + "-" + i).put("type", "service.probe")
          .put("occurredAt", Instant.now().toString()).put("source", "uptime").put("unit", unitA)
          .put("service", runId + "-svc-" + i).put("up", true).put("latencyMs", 12 + i)).append('\n');
    }
    HttpResponse<String> response = stack.postEvents("uptime", body.toString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    awaitTrue(() -> stack.clickhouseLong("SELECT count() FROM probe_facts FINAL WHERE event_id LIKE '" + runId + "-probe-" + round + "-%'") == probes,
        "the " + probes + " watermark probes reach probe_facts");
  }

  private Map<String, String> expectedFacts(List<Dossier> dossiers, Instant now) {
    Map<String, String> expected = new HashMap<>();
    for (Dossier d : dossiers) {
      Set<String> distinctIds = new HashSet<>(d.events);
      expected.put(d.id, String.join("|",
          d.unit, d.status(), d.onTime(), String.valueOf(d.pauses.size()), String.valueOf(d.closedPauseSeconds()),
          d.overdueNow(now), d.channel, bit(d.vneid), bit(d.fullProcess), bit(d.paidAt != null), bit(d.paidOnline),
          String.valueOf(d.amount), d.rating == null ? "\\N" : String.valueOf(d.rating), d.returnedVia,
          String.valueOf(d.received.getEpochSecond()), String.valueOf(d.due.getEpochSecond()),
          d.completed == null ? "\\N" : String.valueOf(d.completed.getEpochSecond()),
          d.withdrawn == null ? "\\N" : String.valueOf(d.withdrawn.getEpochSecond()),
          String.valueOf(distinctIds.size())));
    }
    return expected;
  }

  private Map<String, String> facts() {
    return stack.clickhouse("SELECT dossier_id, unit, status, on_time, supplement_requests, supplement_wait_seconds,"
            + " overdue_now, channel, vneid, full_process, paid, paid_online, amount_vnd, rating, returned_via,"
            + " toUnixTimestamp(received_at), toUnixTimestamp(due_at), toUnixTimestamp(completed_at),"
            + " toUnixTimestamp(withdrawn_at), event_count FROM dossier_facts FINAL WHERE unit IN " + units())
        .stream().collect(Collectors.toMap(r -> r[0], r -> String.join("|", List.of(r).subList(1, r.length))));
  }

  private Map<String, String> versions() {
    return stack.clickhouse("SELECT dossier_id, version FROM dossier_facts FINAL WHERE unit IN " + units())
        .stream().collect(Collectors.toMap(r -> r[0], r -> r[1]));
  }

  private Map<String, String> awaitFacts(Map<String, String> expected) throws InterruptedException {
    long deadline = System.nanoTime() + SETTLE.toNanos();
    Map<String, String> actual = facts();
    while (!actual.equals(expected) && System.nanoTime() < deadline) {
      Thread.sleep(1000);
      actual = facts();
    }
    return actual;
  }

  private void assertCountsAgree(List<Dossier> dossiers, Instant from, Instant to) {
    long received = dossiers.stream().filter(d -> !d.received.isBefore(from) && d.received.isBefore(to)).count();
    List<Dossier> completed = dossiers.stream()
        .filter(d -> d.completed != null && !d.completed.isBefore(from) && d.completed.isBefore(to)).toList();
    long onTime = completed.stream().filter(d -> d.onTime().equals("1")).count();
    ReportingQueries.Counts counts = ReportingQueries.dossierCounts(stack.clickhouseUrl, Set.of(unitA, unitB), from, to);
    assertThat(counts.received()).as("received in [%s, %s)", from, to).isEqualTo(received);
    assertThat(counts.completed()).as("completed in [%s, %s)", from, to).isEqualTo(completed.size());
    assertThat(counts.completedOnTime()).as("completed on time").isEqualTo(onTime);
    if (completed.isEmpty()) {
      assertThat(counts.onTimeRate()).as("no completed dossier: NO_DATA, not 0%").isNull();
    } else {
      assertThat(counts.onTimeRate()).isCloseTo((double) onTime / completed.size(), org.assertj.core.data.Offset.offset(1e-9));
    }
  }

  private List<JsonNode> awaitDeadLetters(int expected) throws Exception {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    List<JsonNode> mine = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions = consumer.partitionsFor("civicpulse.rejected.v1").stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (mine.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          if (record.value().contains(runId)) {
            mine.add(DossierScenario.JSON.readTree(record.value()));
          }
        }
      }
    }
    return mine;
  }

  private static void awaitTrue(java.util.function.BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + SETTLE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + SETTLE.toSeconds() + " s waiting until " + what);
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private String units() {
    return "('" + unitA + "', '" + unitB + "')";
  }

  private static String bit(boolean b) {
    return b ? "1" : "0";
  }
}
