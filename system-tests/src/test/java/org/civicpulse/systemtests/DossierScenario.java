package org.civicpulse.systemtests;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded dossier lifecycles for the end-to-end test, with the fact each one must produce
 * computed here, from the test's own model, by the rules of docs/KPIS.md — not by the code under test.
 */
final class DossierScenario {

  static final ObjectMapper JSON = new ObjectMapper();

  /** One dossier's story and the fact row the pipeline must end up with. */
  static final class Dossier {
    final String id;
    final String unit;
    final Instant received;
    final Instant due;
    final String channel;
    final boolean vneid;
    final boolean fullProcess;
    final List<Instant[]> pauses = new ArrayList<>(); // [requested, received or null]
    Instant paidAt;
    boolean paidOnline;
    long amount;
    Instant completed;
    boolean eResult;
    Instant returned;
    String returnedVia = "NONE";
    Integer rating;
    Instant withdrawn;
    Instant latestEvent = Instant.MIN;
    final List<String> events = new ArrayList<>();

    Dossier(String id, String unit, Instant received, Instant due, String channel, boolean vneid, boolean fullProcess) {
      this.id = id;
      this.unit = unit;
      this.received = received;
      this.due = due;
      this.channel = channel;
      this.vneid = vneid;
      this.fullProcess = fullProcess;
    }

    String status() {
      return withdrawn != null ? "WITHDRAWN" : completed != null ? "COMPLETED" : "IN_PROGRESS";
    }

    long closedPauseSeconds() {
      return pauses.stream().filter(p -> p[1] != null).mapToLong(p -> Duration.between(p[0], p[1]).toSeconds()).sum();
    }

    boolean pauseOpen() {
      return pauses.stream().anyMatch(p -> p[1] == null);
    }

    /** KPIS.md Q2.1: on time when completed by the due date plus the supplement pauses, with at most one request. */
    String onTime() {
      if (completed == null) {
        return "\\N";
      }
      boolean onTime = pauses.size() <= 1 && !completed.isAfter(due.plusSeconds(closedPauseSeconds()));
      return onTime ? "1" : "0";
    }

    /** Still in progress, not waiting for the applicant, and past its due date (plus pauses) now. */
    String overdueNow(Instant now) {
      boolean overdue = "IN_PROGRESS".equals(status()) && !pauseOpen() && due.plusSeconds(closedPauseSeconds()).isBefore(now);
      return overdue ? "1" : "0";
    }
  }

  private final String runId;
  private final Random random;
  private final Instant now;
  private int eventSeq;

  DossierScenario(String runId, long seed, Instant now) {
    this.runId = runId;
    this.random = new Random(seed);
    this.now = now.truncatedTo(ChronoUnit.SECONDS);
  }

  /**
   * A dossier whose "overdue now" would flip within minutes of the test's clock is drawn again
   * (the test checks a point in time, the pipeline's watermark moves on), and so is one whose
   * story would reach past the test's clock.
   */
  Dossier generate(int index, String unit) {
    while (true) {
      Dossier d = draw(index, unit);
      Instant effectiveDue = d.due.plusSeconds(d.closedPauseSeconds());
      boolean borderline = "IN_PROGRESS".equals(d.status())
          && effectiveDue.isAfter(now.minus(Duration.ofMinutes(10))) && effectiveDue.isBefore(now.plus(Duration.ofMinutes(30)));
      boolean inTheFuture = d.latestEvent.isAfter(now.minus(Duration.ofMinutes(2)));
      if (!borderline && !inTheFuture) {
        return d;
      }
    }
  }

  Instant now() {
    return now;
  }

  private Dossier draw(int index, String unit) {
    String channel = pick("ONLINE", "ONLINE", "DIRECT", "POSTAL");
    boolean online = channel.equals("ONLINE");
    int kind = random.nextInt(10); // 0–5 completed, 6 withdrawn, 7–9 still in progress
    Instant received;
    Instant due;
    if (kind <= 6) {
      received = now.minus(Duration.ofMinutes(60L * 24 * 4 + random.nextInt(60 * 24 * 36)));
      due = received.plus(Duration.ofHours(24L * (2 + random.nextInt(9))));
    } else if (kind == 7) { // in progress and overdue: due well before now
      received = now.minus(Duration.ofDays(20 + random.nextInt(10)));
      due = received.plus(Duration.ofDays(3 + random.nextInt(5)));
    } else { // in progress, due in the future
      received = now.minus(Duration.ofHours(6 + random.nextInt(48)));
      due = now.plus(Duration.ofDays(3 + random.nextInt(5)));
    }
    Dossier d = new Dossier(runId + "-D" + index, unit, received, due, channel, online && random.nextInt(3) > 0,
        online && random.nextBoolean());
    d.events.add(event("dossier.received", d, received)
        .put("procedure", "1.00" + (1000 + random.nextInt(20)))
        .put("channel", channel)
        .put("applicant", random.nextInt(4) == 0 ? "BUSINESS" : "CITIZEN")
        .put("dueAt", iso(due))
        .put("vneid", d.vneid)
        .put("fullProcess", d.fullProcess)
        .toString());

    Instant cursor = received.plus(Duration.ofHours(2));
    int supplements = kind >= 8 ? random.nextInt(2) : pickWeighted(new int[] {6, 3, 1}); // 0, 1 or 2 requests
    for (int s = 0; s < supplements; s++) {
      Instant requested = cursor.plus(Duration.ofHours(1 + random.nextInt(30)));
      boolean lastAndOpen = kind >= 7 && s == supplements - 1 && random.nextInt(3) == 0;
      Instant back = lastAndOpen ? null : requested.plus(Duration.ofHours(4 + random.nextInt(80)));
      if (back != null && back.isAfter(now.minusSeconds(60))) {
        back = null;
      }
      d.pauses.add(new Instant[] {requested, back});
      d.events.add(event("dossier.supplement_requested", d, requested).toString());
      if (back == null) {
        cursor = requested;
        break;
      }
      d.events.add(event("dossier.supplement_received", d, back).toString());
      cursor = back;
    }
    if (random.nextInt(3) == 0) {
      d.paidAt = cursor.plus(Duration.ofMinutes(30));
      d.paidOnline = random.nextBoolean();
      d.amount = 10_000L * (1 + random.nextInt(50));
      d.events.add(event("dossier.paid", d, d.paidAt).put("online", d.paidOnline).put("amountVnd", d.amount).toString());
    }
    if (kind <= 5 && !d.pauseOpen()) {
      // Completion lands before or after the due date (plus pauses), so both outcomes occur.
      long window = Duration.between(cursor, d.due.plusSeconds(d.closedPauseSeconds())).toMinutes();
      long offset = Math.max(60, window + (random.nextInt(4) == 0 ? 60L * (1 + random.nextInt(72)) : -Math.min(window - 60, 60L * random.nextInt(48))));
      Instant completed = cursor.plus(Duration.ofMinutes(offset));
      if (completed.isBefore(now.minus(Duration.ofHours(3)))) {
        d.completed = completed;
        d.eResult = random.nextBoolean();
        d.events.add(event("dossier.completed", d, completed)
            .put("outcome", pick("APPROVED", "APPROVED", "APPROVED", "REJECTED"))
            .put("eResult", d.eResult).put("digitized", random.nextBoolean()).put("reusedData", random.nextBoolean())
            .toString());
        if (random.nextInt(4) > 0) {
          d.returned = completed.plus(Duration.ofHours(1));
          d.returnedVia = pick("ONLINE", "POSTAL", "DIRECT");
          d.events.add(event("dossier.returned", d, d.returned).put("delivery", d.returnedVia).toString());
        }
        if (random.nextInt(3) == 0) {
          d.rating = 1 + random.nextInt(5);
          d.events.add(event("dossier.rated", d, completed.plus(Duration.ofHours(2))).put("score", d.rating).toString());
        }
      }
    } else if (kind == 6) {
      d.withdrawn = cursor.plus(Duration.ofHours(5));
      d.events.add(event("dossier.withdrawn", d, d.withdrawn).toString());
    }
    return d;
  }

  ObjectNode event(String type, Dossier d, Instant at) {
    if (at.isAfter(d.latestEvent)) {
      d.latestEvent = at;
    }
    ObjectNode node = JSON.createObjectNode();
    node.put("id", runId + "-E" + (++eventSeq));
    node.put("type", type);
    // Half the events carry +07:00, half Z: both are RFC 3339 with an offset.
    node.put("occurredAt", eventSeq % 2 == 0 ? iso(at) : at.atOffset(ZoneOffset.ofHours(7)).toString());
    node.put("source", "one-stop");
    node.put("unit", d.unit);
    node.put("dossierId", d.id);
    return node;
  }

  static String iso(Instant instant) {
    return instant.toString();
  }

  private String pick(String... values) {
    return values[random.nextInt(values.length)];
  }

  private int pickWeighted(int[] weights) {
    int total = 0;
    for (int w : weights) {
      total += w;
    }
    int r = random.nextInt(total);
    for (int i = 0; i < weights.length; i++) {
      r -= weights[i];
      if (r < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }
}
