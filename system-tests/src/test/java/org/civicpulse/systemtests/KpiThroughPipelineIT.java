package org.civicpulse.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.civicpulse.domain.calendar.ReportingCalendar;
import org.civicpulse.domain.calendar.ReportingPeriod;
import org.junit.jupiter.api.Test;

/**
 * Issue "KPI engine": hand-built events for a ward of our own go through the real pipeline
 * (catalogue import, ingestion, Kafka, Flink, ClickHouse) and the KPI API of the running
 * dashboard must answer, for 2026-M11 (15 Oct – 14 Nov 2026, Decree 09 cut-off), exactly the
 * values worked out by hand below from the rules of docs/KPIS.md.
 */
class KpiThroughPipelineIT {

  private static final String PERIOD = "2026-M11";
  private final RunningStack stack = RunningStack.fromEnvironment();
  private final String run = "K" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
  private final String ward = run + "A";
  private final String emptyWard = run + "B";
  private final List<ObjectNode> events = new ArrayList<>();
  private int seq;

  @Test
  void kpiValuesThroughThePipelineEqualTheHandComputedOnes() throws Exception {
    importCatalogue();

    // d1 on time, fully online with e-result, paid online, returned online, rated 5
    received("d1", "PA", "ONLINE", true, true, "2026-10-20T09:00:00+07:00", "2026-10-27T23:59:59+07:00");
    completed("d1", "2026-10-26T10:00:00+07:00", true);
    dossier("dossier.paid", "d1", "2026-10-21T09:00:00+07:00").put("online", true).put("amountVnd", 50000);
    returned("d1", "ONLINE", "2026-10-26T11:00:00+07:00");
    rated("d1", 5, "2026-10-26T12:00:00+07:00");
    // d2 completed after its due date but within due + its 3-day supplement pause: on time; returned by post, rated 2
    received("d2", "PB", "DIRECT", false, false, "2026-10-16T08:00:00+07:00", "2026-10-20T23:59:59+07:00");
    supplement("d2", "2026-10-17T08:00:00+07:00", "2026-10-20T08:00:00+07:00");
    completed("d2", "2026-10-22T10:00:00+07:00", false);
    returned("d2", "POSTAL", "2026-10-22T11:00:00+07:00");
    rated("d2", 2, "2026-10-23T09:00:00+07:00");
    // d3 two supplement requests: late, although completed long before its due date
    received("d3", "PB", "ONLINE", true, false, "2026-10-18T10:00:00+07:00", "2026-11-10T23:59:59+07:00");
    supplement("d3", "2026-10-19T10:00:00+07:00", "2026-10-20T10:00:00+07:00");
    supplement("d3", "2026-10-21T10:00:00+07:00", "2026-10-22T10:00:00+07:00");
    completed("d3", "2026-10-25T10:00:00+07:00", false);
    returned("d3", "ONLINE", "2026-10-25T11:00:00+07:00");
    // d4 in progress at the period end and not late then (due 20 Nov)
    received("d4", "PA", "ONLINE", false, true, "2026-11-10T09:00:00+07:00", "2026-11-20T23:59:59+07:00");
    // d5 in progress and late at the period end (due 5 Nov)
    received("d5", "PC", "DIRECT", false, false, "2026-10-25T09:00:00+07:00", "2026-11-05T23:59:59+07:00");
    // d6 completed after the period end (16 Nov): judged in progress at the end, and late then (due 12 Nov)
    received("d6", "PB", "DIRECT", false, false, "2026-11-01T09:00:00+07:00", "2026-11-12T23:59:59+07:00");
    completed("d6", "2026-11-16T10:00:00+07:00", false);
    // d7 in progress, waiting for a supplement since 5 Nov: its clock stopped, not late at the end
    received("d7", "PB", "DIRECT", false, false, "2026-10-28T09:00:00+07:00", "2026-11-07T23:59:59+07:00");
    dossier("dossier.supplement_requested", "d7", "2026-11-05T09:00:00+07:00");
    // d8 carried over from 2026-M10, completed in M11 on time, returned online
    received("d8", "PB", "DIRECT", false, false, "2026-10-10T09:00:00+07:00", "2026-10-20T23:59:59+07:00");
    completed("d8", "2026-10-19T15:00:00+07:00", false);
    returned("d8", "ONLINE", "2026-10-19T16:00:00+07:00");
    // d9 carried over, still in progress, not late
    received("d9", "PB", "DIRECT", false, false, "2026-09-20T09:00:00+07:00", "2026-12-31T23:59:59+07:00");
    // d10 completed before the period: not in M11 at all
    received("d10", "PB", "DIRECT", false, false, "2026-09-16T09:00:00+07:00", "2026-10-20T23:59:59+07:00");
    completed("d10", "2026-10-10T10:00:00+07:00", false);
    // d11 received 14 Oct 23:59 local (M10, sent in UTC), completed 16 Oct: carried over, on time
    received("d11", "PB", "DIRECT", false, false, "2026-10-14T16:59:00Z", "2026-10-20T23:59:59+07:00");
    completed("d11", "2026-10-16T10:00:00+07:00", false);
    returned("d11", "DIRECT", "2026-10-16T11:00:00+07:00");
    // d12 received 15 Oct 00:00 local (= 14 Oct 17:00 UTC): in M11; in progress, not late
    received("d12", "PB", "DIRECT", false, false, "2026-10-14T17:00:00Z", "2026-11-30T23:59:59+07:00");
    // d13 received at 2026-10-14T17:30Z = 15 Oct 00:30 local: in M11; completed on time
    received("d13", "PB", "ONLINE", false, false, "2026-10-14T17:30:00Z", "2026-10-31T23:59:59+07:00");
    completed("d13", "2026-10-30T10:00:00+07:00", false);
    // d14 withdrawn in M11: out of every denominator
    received("d14", "PA", "ONLINE", true, true, "2026-10-20T09:00:00+07:00", "2026-10-30T23:59:59+07:00");
    dossier("dossier.withdrawn", "d14", "2026-10-25T10:00:00+07:00");

    StringBuilder body = new StringBuilder();
    events.forEach(e -> body.append(e).append('\n'));
    // two lines ingestion must reject (no procedure; a date that is not one), naming the ward
    body.append(DossierScenario.JSON.createObjectNode().put("id", run + "-bad1").put("type", "dossier.received")
        .put("occurredAt", "2026-10-20T09:00:00+07:00").put("source", "one-stop").put("unit", ward)
        .put("dossierId", run + "-bad1")).append('\n');
    body.append("{\"id\":\"" + run + "-bad2\",\"type\":\"dossier.completed\",\"occurredAt\":\"yesterday\","
        + "\"source\":\"one-stop\",\"unit\":\"" + ward + "\",\"dossierId\":\"" + run + "-d1\"}\n");
    HttpResponse<String> posted = stack.postEvents("one-stop", body.toString());
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
    assertThat(DossierScenario.JSON.readTree(posted.body()).path("rejected").asInt()).as(posted.body()).isEqualTo(2);
    awaitFacts(14);

    // Hand computation for the ward, 2026-M11:
    // Q2.1 denominator: received in M11 (d1–d7, d12, d13) + carried over (d8, d9, d11) = 12; d14 withdrawn, d10 done before.
    //      on time or in progress and not late at the end: d1 d2 d4 d7 d8 d9 d11 d12 d13 = 9 → 75.00 %
    // completed in M11: d1 d2 d3 d8 d11 d13 = 6 (d6 completed in M12, d10 in M10)
    //      O1 returned online: d1 d3 d8 = 3 → 50.00 %;  O2 by post: d2 = 1 → 16.67 %;  O4 rated: d1 d2 = 2 → 33.33 %
    //      Q4.1 e-result among completed dossiers of paper-result procedures (PA): d1 of d1 → 100.00 %
    // received in M11 without d14: 9 dossiers; online ones d1 d3 d4 d13, with VNeID d1 d3
    //      P2b 2 / 4 = 50.00 %;  Q4.5 2 / 9 = 22.22 %
    Map<String, JsonNode> kpis = kpisOf(ward);
    assertRate(kpis, "Q2.1", 9, 12, 75.00);
    assertRate(kpis, "O1", 3, 6, 50.00);
    assertRate(kpis, "O2", 1, 6, 16.67);
    assertRate(kpis, "O4", 2, 6, 33.33);
    assertRate(kpis, "Q4.1", 1, 1, 100.00);
    assertRate(kpis, "P2b", 2, 4, 50.00);
    assertRate(kpis, "Q4.5", 2, 9, 22.22);

    // O5r, the share of lines rejected, in the period the rejections happened (today's): the two rejected
    // lines over the ward's events of that period (accepted, by event time: its dossier events then, and
    // the catalog.unit event that brought the ward in at the start of this test) plus those two.
    awaitCount("SELECT uniqExact(dead_letter_id) FROM rejected_events WHERE unit = '" + ward + "'", 2);
    ReportingPeriod today = ReportingCalendar.defaults().periodOf(ReportingPeriod.Kind.MONTH, Instant.now());
    Instant from = today.startInstant(ReportingCalendar.defaults().zone());
    long accepted = events.stream().map(e -> OffsetDateTime.parse(e.path("occurredAt").asText()).toInstant())
        .filter(t -> !t.isBefore(from) && t.isBefore(Instant.now())).count() + 1;
    JsonNode o5r = kpisOf(ward, today.code()).get("O5r");
    assertThat(o5r.path("numerator").asLong()).as("O5r numerator " + o5r).isEqualTo(2);
    assertThat(o5r.path("denominator").asLong()).as("O5r denominator " + o5r).isEqualTo(accepted + 2);

    // A ward with nothing: every event-based rate is NO_DATA, never 0 % or 100 %.
    Map<String, JsonNode> empty = kpisOf(emptyWard);
    for (String kpi : List.of("Q2.1", "O1", "O4", "P2b", "Q4.5")) {
      assertThat(empty.get(kpi).path("status").asText()).as(kpi).isEqualTo("NO_DATA");
      assertThat(empty.get(kpi).path("value").isNull()).as(kpi + " value").isTrue();
    }
  }

  /**
   * A ward abolished in the July 2025 reform (its merger into a new ward imported with the catalogue):
   * the dossiers it received and never finished before the reform are the new ward's carried-over
   * dossiers in 2026-M11.
   */
  @Test
  void dossiersOfAWardAbolishedInTheReformCountAtItsSuccessor() throws Exception {
    String district = run + "D";
    String oldWard = run + "O";
    String newWard = run + "N";
    // the merger map first, so that the dashboard knows it when it first sees the new ward
    post("mergers", "old_code,new_code,effective,merge_type\n" + oldWard + "," + newWard + ",2025-07-01,WHOLE\n");
    awaitCount("SELECT count() FROM org_mergers FINAL WHERE new_code = '" + newWard + "'", 1);
    post("units", "code,name,level,parent,valid_from,valid_to\n"
        + district + ",Quận Cũ " + run + ",DISTRICT,01,2020-01-01,2025-06-30\n"
        + oldWard + ",Phường Cũ " + run + ",COMMUNE," + district + ",2020-01-01,2025-06-30\n"
        + newWard + ",Phường Mới " + run + ",COMMUNE,01,2025-07-01,\n");
    post("procedures", "code,name,field,authority_level,unit,full_process_eligible,online_service,national_portal,"
        + "ux_redesigned,has_fee,paper_result,simplified,legal_days\n"
        + run + "-PB,Thủ tục B,Hộ tịch,COMMUNE,01,false,PARTIAL,false,false,false,false,true,5\n");

    // r1 received by the old ward before the reform, still in progress, long late
    receivedAt(oldWard, "r1", "PB", "DIRECT", false, "2025-06-25T09:00:00+07:00", "2025-07-02T23:59:59+07:00");
    // r2 received by the old ward before the reform, completed late in M11, returned online
    receivedAt(oldWard, "r2", "PB", "DIRECT", false, "2025-06-28T09:00:00+07:00", "2025-07-08T23:59:59+07:00");
    dossierAt(oldWard, "dossier.completed", "r2", "2026-10-20T10:00:00+07:00").put("outcome", "APPROVED")
        .put("eResult", false).put("digitized", true).put("reusedData", false);
    dossierAt(oldWard, "dossier.returned", "r2", "2026-10-20T11:00:00+07:00").put("delivery", "ONLINE");
    // r3 received by the new ward in M11, completed on time, returned by post
    receivedAt(newWard, "r3", "PB", "ONLINE", true, "2026-10-20T09:00:00+07:00", "2026-10-30T23:59:59+07:00");
    dossierAt(newWard, "dossier.completed", "r3", "2026-10-25T10:00:00+07:00").put("outcome", "APPROVED")
        .put("eResult", false).put("digitized", true).put("reusedData", false);
    dossierAt(newWard, "dossier.returned", "r3", "2026-10-25T11:00:00+07:00").put("delivery", "POSTAL");

    StringBuilder body = new StringBuilder();
    events.forEach(e -> body.append(e).append('\n'));
    HttpResponse<String> posted = stack.postEvents("one-stop", body.toString());
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
    assertThat(DossierScenario.JSON.readTree(posted.body()).path("rejected").asInt()).as(posted.body()).isZero();
    // every event in: r1 has one, r2 and r3 three each
    awaitCount("SELECT count() FROM dossier_facts FINAL WHERE dossier_id LIKE '" + run + "-r%'"
        + " AND event_count >= if(dossier_id LIKE '%-r1', 1, 3)", 3);

    // By hand, the new ward in 2026-M11: received r3; carried over r1 (in progress, late) and r2 (completed
    // in M11, late) from the abolished ward → Q2.1 1/3 = 33.33 %; completed r2, r3 → O1 (online) 1/2,
    // O2 (post) 1/2; received r3 only → Q4.5 (VNeID) 1/1. Without the merger map it would be 1/1 = 100 %.
    Map<String, JsonNode> kpis = kpisOf(newWard);
    assertRate(kpis, "Q2.1", 1, 3, 33.33);
    assertRate(kpis, "O1", 1, 2, 50.00);
    assertRate(kpis, "O2", 1, 2, 50.00);
    assertRate(kpis, "Q4.5", 1, 1, 100.00);
  }

  private void post(String kind, String csv) throws Exception {
    HttpResponse<String> response = stack.postCatalog(kind, csv);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(DossierScenario.JSON.readTree(response.body()).path("rejected").asInt()).as(response.body()).isZero();
  }

  private void awaitCount(String sql, long expected) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (stack.clickhouseLong(sql) < expected && System.nanoTime() < deadline) {
      Thread.sleep(500);
    }
    assertThat(stack.clickhouseLong(sql)).as(sql).isEqualTo(expected);
    Thread.sleep(2500); // one more sink flush
  }

  private ObjectNode dossierAt(String unit, String type, String dossier, String at) {
    return dossier(type, dossier, at).put("unit", unit);
  }

  private void receivedAt(String unit, String d, String procedure, String channel, boolean vneid, String at, String due) {
    dossierAt(unit, "dossier.received", d, at).put("procedure", run + "-" + procedure).put("channel", channel)
        .put("applicant", "CITIZEN").put("dueAt", due).put("vneid", vneid).put("fullProcess", false);
  }

  // ----------------------------------------------------------------------------------------------

  private void importCatalogue() throws Exception {
    String units = "code,name,level,parent,valid_from,valid_to\n"
        + ward + ",Phường Kiểm Thử " + run + ",COMMUNE,01,2025-07-01,\n"
        + emptyWard + ",Xã Kiểm Thử " + run + ",COMMUNE,01,2025-07-01,\n";
    String procedures = "code,name,field,authority_level,unit,full_process_eligible,online_service,national_portal,"
        + "ux_redesigned,has_fee,paper_result,simplified,legal_days\n"
        + run + "-PA,Thủ tục A,Hộ tịch,COMMUNE,01,true,FULL,true,true,true,true,false,5\n"
        + run + "-PB,Thủ tục B,Hộ tịch,COMMUNE,01,false,PARTIAL,false,false,false,false,true,5\n"
        + run + "-PC,Thủ tục C,Hộ tịch,COMMUNE,01,true,NONE,false,false,true,false,false,5\n";
    for (var kind : Map.of("units", units, "procedures", procedures).entrySet()) {
      HttpResponse<String> response = stack.postCatalog(kind.getKey(), kind.getValue());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      assertThat(DossierScenario.JSON.readTree(response.body()).path("rejected").asInt()).as(response.body()).isZero();
    }
  }

  private ObjectNode dossier(String type, String dossier, String at) {
    ObjectNode node = DossierScenario.JSON.createObjectNode()
        .put("id", run + "-" + (++seq)).put("type", type).put("occurredAt", at)
        .put("source", "one-stop").put("unit", ward).put("dossierId", run + "-" + dossier);
    events.add(node);
    return node;
  }

  private void received(String d, String procedure, String channel, boolean vneid, boolean fullProcess, String at, String due) {
    dossier("dossier.received", d, at).put("procedure", run + "-" + procedure).put("channel", channel)
        .put("applicant", "CITIZEN").put("dueAt", due).put("vneid", vneid).put("fullProcess", fullProcess);
  }

  private void supplement(String d, String requested, String back) {
    dossier("dossier.supplement_requested", d, requested);
    dossier("dossier.supplement_received", d, back);
  }

  private void completed(String d, String at, boolean eResult) {
    dossier("dossier.completed", d, at).put("outcome", "APPROVED").put("eResult", eResult)
        .put("digitized", true).put("reusedData", false);
  }

  private void returned(String d, String delivery, String at) {
    dossier("dossier.returned", d, at).put("delivery", delivery);
  }

  private void rated(String d, int score, String at) {
    dossier("dossier.rated", d, at).put("score", score);
  }

  private void awaitFacts(int dossiers) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    String sql = "SELECT count() FROM dossier_facts FINAL WHERE unit = '" + ward + "'";
    while (stack.clickhouseLong(sql) < dossiers && System.nanoTime() < deadline) {
      Thread.sleep(500);
    }
    assertThat(stack.clickhouseLong(sql)).isEqualTo(dossiers);
    Thread.sleep(2500); // one more sink flush: the last events of each dossier
  }

  /** The KPI API of the running dashboard, retried while it has not yet picked up the new units. */
  private Map<String, JsonNode> kpisOf(String unit) throws Exception {
    return kpisOf(unit, PERIOD);
  }

  private Map<String, JsonNode> kpisOf(String unit, String period) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    HttpResponse<String> response = stack.getKpis(period, unit);
    while (response.statusCode() == 400 && System.nanoTime() < deadline) {
      Thread.sleep(1000);
      response = stack.getKpis(period, unit);
    }
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    Map<String, JsonNode> byKpi = new HashMap<>();
    for (JsonNode row : DossierScenario.JSON.readTree(response.body())) {
      assertThat(row.path("unit").asText()).isEqualTo(unit);
      assertThat(row.path("period").asText()).isEqualTo(period);
      byKpi.put(row.path("kpi").asText(), row);
    }
    return byKpi;
  }

  private static void assertRate(Map<String, JsonNode> kpis, String kpi, long numerator, long denominator, double value) {
    JsonNode row = kpis.get(kpi);
    assertThat(row).as(kpi + " in the API answer").isNotNull();
    assertThat(row.path("numerator").asDouble()).as(kpi + " numerator").isEqualTo(numerator);
    assertThat(row.path("denominator").asDouble()).as(kpi + " denominator").isEqualTo(denominator);
    assertThat(row.path("value").asDouble()).as(kpi + " value").isCloseTo(value, within(0.005));
    assertThat(OffsetDateTime.parse(row.path("asOf").asText())).as(kpi + " asOf").isNotNull();
  }
}
