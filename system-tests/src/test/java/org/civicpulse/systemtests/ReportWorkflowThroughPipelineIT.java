package org.civicpulse.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Issue "Periodic reports": a ward's monthly report goes draft → submitted → approved through the
 * running dashboard, and every step travels as a {@code report.*} event through ingestion, Kafka
 * and Flink into ClickHouse, from which the workflow state and the KPI engine read it. Forbidden
 * steps are refused with a reason before anything is posted.
 *
 * <p>The report is 2025-M6 of ward 00004 (Phường Trúc Bạch then, under district 001): old enough
 * that the simulator's year of backfill never reported it.
 */
class ReportWorkflowThroughPipelineIT {

  private static final String REPORT = "/api/v1/submissions/DG-MONTHLY/00004/2025-M6";
  private final RunningStack stack = RunningStack.fromEnvironment();

  @Test
  void submitAndApproveTravelThroughThePipelineAndLockTheReport() throws Exception {
    String[] officer = stack.user("officer.badinh");
    String[] approver = stack.user("approver.city");

    JsonNode form = json(stack.dashboard(officer, "GET", REPORT, null), 200);
    assertThat(form.path("editable").asBoolean()).as(form.toString()).isTrue();
    assertThat(form.path("fields").toString()).contains("P9", "P10");

    // Approving a report nobody submitted is refused, with a reason, and posts nothing.
    HttpResponse<String> early = stack.dashboard(approver, "POST", REPORT + "/approve", "{}");
    assertThat(early.statusCode()).as(early.body()).isBetween(400, 499);
    assertThat(early.body()).isNotBlank();
    // A unit officer may not approve at all.
    assertThat(stack.dashboard(officer, "POST", REPORT + "/approve", "{}").statusCode()).isBetween(400, 499);

    HttpResponse<String> submitted = stack.dashboard(officer, "POST", REPORT + "/submit",
        "{\"values\": {\"P9.numerator\": \"12\", \"P9.denominator\": \"15\", \"P10.numerator\": \"1\", \"P10.denominator\": \"1\"}}");
    assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(200);
    awaitStatus(officer, "SUBMITTED");

    HttpResponse<String> approved = stack.dashboard(approver, "POST", REPORT + "/approve", "{\"comment\": \"Đồng ý\"}");
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
    awaitStatus(officer, "APPROVED");

    // Approved data is locked: editing and submitting again are refused with a reason.
    HttpResponse<String> again = stack.dashboard(officer, "POST", REPORT + "/submit",
        "{\"values\": {\"P9.numerator\": \"13\", \"P9.denominator\": \"15\", \"P10.numerator\": \"1\", \"P10.denominator\": \"1\"}}");
    assertThat(again.statusCode()).as(again.body()).isBetween(400, 499);
    assertThat(json(stack.dashboard(officer, "GET", REPORT, null), 200).path("editable").asBoolean()).isFalse();

    // The audit trail is the pipeline's: exactly the two accepted actions reach ClickHouse (the
    // dashboard shows its own actions at once, before they come back through Kafka and Flink).
    String trail = "SELECT action, by_user FROM report_actions FINAL WHERE unit = '00004' "
        + "AND regime = 'DG-MONTHLY' AND period = '2025-M6' ORDER BY occurred_at, event_id";
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (stack.clickhouse(trail).size() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(500);
    }
    assertThat(stack.clickhouse(trail)).extracting(r -> r[0] + " by " + r[1])
        .containsExactly("SUBMITTED by officer.badinh", "APPROVED by approver.city");

    // And the KPI engine reads the approved figures: P9 = 12 / 15 for the ward in 2025-M6.
    HttpResponse<String> kpis = stack.getKpis("2025-M6", "00004");
    assertThat(kpis.statusCode()).as(kpis.body()).isEqualTo(200);
    JsonNode p9 = null;
    for (JsonNode row : DossierScenario.JSON.readTree(kpis.body())) {
      if (row.path("kpi").asText().equals("P9")) {
        p9 = row;
      }
    }
    assertThat(p9).isNotNull();
    assertThat(p9.path("numerator").asDouble()).isEqualTo(12);
    assertThat(p9.path("denominator").asDouble()).isEqualTo(15);
  }

  private void awaitStatus(String[] user, String status) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    String seen = null;
    while (System.nanoTime() < deadline) {
      seen = json(stack.dashboard(user, "GET", REPORT, null), 200).path("status").asText();
      if (status.equals(seen)) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("report status stayed " + seen + ", expected " + status + " within 60 s");
  }

  private static JsonNode json(HttpResponse<String> response, int status) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    return DossierScenario.JSON.readTree(response.body());
  }
}
