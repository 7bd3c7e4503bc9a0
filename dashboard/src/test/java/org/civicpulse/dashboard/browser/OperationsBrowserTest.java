package org.civicpulse.dashboard.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.civicpulse.dashboard.ops.LiveOperationsPoller;
import org.civicpulse.dashboard.support.TestCity;
import org.civicpulse.reporting.clickhouse.ClickHouseConnection;
import org.civicpulse.reporting.clickhouse.Sql;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Live operations: the counters equal a direct count over the facts; a dossier fact inserted into ClickHouse
 * shows within 10 s without a reload (server push); "overdue now" is computed from the columns (a dossier
 * waiting for a supplement is paused, not overdue); only attached UIs are polled.
 */
class OperationsBrowserTest extends BrowserTestBase {

    private static final DateTimeFormatter F = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final ZoneId HANOI = ZoneId.of("Asia/Ho_Chi_Minh");

    @Autowired
    LiveOperationsPoller poller;

    @Test
    void countersAreTheFactsCountedFromTheirColumns() {
        login("leader");
        open("operations?unit=HN");
        try (ClickHouseConnection c = ClickHouseConnection.connect(TestCity.database())) {
            long now = TestCity.NOW.getEpochSecond();
            long inProgress = c.queryLong(Sql.of("SELECT count() FROM dossier_facts FINAL WHERE status = 'IN_PROGRESS'"));
            long overdue = c.queryLong(Sql.of("SELECT count() FROM dossier_facts FINAL WHERE status = 'IN_PROGRESS'"
                    + " AND isNull(supplement_open_since) AND toInt64(due_at) + toInt64(supplement_wait_seconds) < :now")
                    .bind("now", now));
            waitUntil(d -> String.valueOf(inProgress).equals(attr(d.findElement(By.id("ops-in-progress")), "data-value")));
            assertThat(attr(waitFor(By.id("ops-overdue")), "data-value")).isEqualTo(String.valueOf(overdue));
        }
        // per unit rows add up to the total
        long sum = 0;
        for (WebElement tr : waitFor(By.id("ops-units-table")).findElements(By.cssSelector("tbody tr"))) {
            sum += Long.parseLong(attr(tr, "data-in-progress"));
        }
        assertThat(String.valueOf(sum)).isEqualTo(attr(waitFor(By.id("ops-in-progress")), "data-value"));

        // field filter: only that field's procedures
        open("operations?unit=HN&field=" + enc("Hộ tịch"));
        for (WebElement tr : waitFor(By.id("ops-procedures-table")).findElements(By.cssSelector("tbody tr"))) {
            assertThat(attr(tr, "data-code")).isEqualTo("2.002");
        }
        screenshotAt("operations?unit=HN", "operations");
    }

    @Test
    void aNewDossierShowsWithinTenSecondsWithoutReload() {
        login("leader");
        open("operations?unit=HN");
        int inProgress = Integer.parseInt(attr(waitFor(By.id("ops-in-progress")), "data-value"));
        int overdue = Integer.parseInt(attr(waitFor(By.id("ops-overdue")), "data-value"));
        int paused = Integer.parseInt(attr(waitFor(By.id("ops-paused")), "data-value"));
        String hk = hkInProgress();
        js("window.__cpNoReload = 'still here';");
        assertThat(poller.subscribers()).isGreaterThanOrEqualTo(1);

        Instant inserted = Instant.now();
        try (ClickHouseConnection c = ClickHouseConnection.connect(TestCity.database())) {
            // overdue now: due two days before "now", no pause open; the job's overdue_now flag says 0 on purpose
            c.insertJsonEachRow("dossier_facts", List.of(dossier("LIVE-1", "HK01", TestCity.NOW.minus(Duration.ofDays(6)),
                    TestCity.NOW.minus(Duration.ofDays(2)), null)));
        }
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d ->
                String.valueOf(inProgress + 1).equals(attr(d.findElement(By.id("ops-in-progress")), "data-value")));
        long seconds = Duration.between(inserted, Instant.now()).toSeconds();
        assertThat(seconds).isLessThanOrEqualTo(10);
        assertThat(attr(waitFor(By.id("ops-overdue")), "data-value")).isEqualTo(String.valueOf(overdue + 1));
        assertThat(js("return window.__cpNoReload")).as("updated in place, no reload").isEqualTo("still here");
        assertThat(hkInProgress()).isEqualTo(String.valueOf(Integer.parseInt(hk) + 1));

        // past its deadline but waiting for the applicant's supplement: paused, not overdue
        try (ClickHouseConnection c = ClickHouseConnection.connect(TestCity.database())) {
            c.insertJsonEachRow("dossier_facts", List.of(dossier("LIVE-2", "BD01", TestCity.NOW.minus(Duration.ofDays(9)),
                    TestCity.NOW.minus(Duration.ofDays(1)), TestCity.NOW.minus(Duration.ofDays(3)))));
        }
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d ->
                String.valueOf(paused + 1).equals(attr(d.findElement(By.id("ops-paused")), "data-value")));
        assertThat(attr(waitFor(By.id("ops-in-progress")), "data-value")).isEqualTo(String.valueOf(inProgress + 2));
        assertThat(attr(waitFor(By.id("ops-overdue")), "data-value")).isEqualTo(String.valueOf(overdue + 1));
        assertThat(js("return window.__cpNoReload")).isEqualTo("still here");

        // leaving the view ends its subscription: nothing is polled for a detached UI
        open("?period=" + TestCity.PERIOD);
        waitUntil(d -> poller.subscribers() == 0);
    }

    @Test
    void aUnitOfficerSeesOnlyTheOwnSubtree() {
        login("officer");
        open("operations");
        List<WebElement> rows = waitFor(By.id("ops-units-table")).findElements(By.cssSelector("tbody tr"));
        assertThat(rows).isNotEmpty();
        for (WebElement tr : rows) {
            assertThat(attr(tr, "data-code")).isIn("BD", "BD01");
        }
    }

    private String hkInProgress() {
        return waitFor(By.id("ops-units-table")).findElements(By.cssSelector("tbody tr")).stream()
                .filter(tr -> "HK".equals(attr(tr, "data-code"))).map(tr -> attr(tr, "data-in-progress")).findFirst()
                .orElse("0");
    }

    private void screenshotAt(String path, String name) {
        open(path);
        settle();
        screenshot(name);
    }

    private static String dossier(String id, String unit, Instant received, Instant due, Instant supplementOpenSince) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dossier_id", id);
        m.put("unit", unit);
        m.put("procedure", "2.002");
        m.put("channel", "ONLINE");
        m.put("applicant", "CITIZEN");
        m.put("vneid", 1);
        m.put("full_process", 1);
        m.put("received_at", local(received));
        m.put("due_at", local(due));
        m.put("supplement_requests", supplementOpenSince == null ? 0 : 1);
        m.put("supplement_wait_seconds", 0);
        m.put("supplement_open_since", supplementOpenSince == null ? null : local(supplementOpenSince));
        m.put("paid", 0);
        m.put("paid_online", 0);
        m.put("amount_vnd", 0);
        m.put("completed_at", null);
        m.put("outcome", "NONE");
        m.put("e_result", 0);
        m.put("digitized", 1);
        m.put("reused_data", 0);
        m.put("returned_via", "NONE");
        m.put("returned_at", null);
        m.put("rating", null);
        m.put("rated_at", null);
        m.put("withdrawn_at", null);
        m.put("status", "IN_PROGRESS");
        m.put("on_time", null);
        m.put("overdue_now", 0);
        m.put("source", "one-stop");
        m.put("last_event_at", local(received));
        m.put("event_count", 1);
        m.put("version", 1);
        try {
            return new ObjectMapper().writeValueAsString(m);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String local(Instant i) {
        return F.format(LocalDateTime.ofInstant(i, HANOI));
    }
}
