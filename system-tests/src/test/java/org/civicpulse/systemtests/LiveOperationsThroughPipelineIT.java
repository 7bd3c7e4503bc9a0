package org.civicpulse.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue "Dashboard": an event posted to ingestion changes the live operations view of the running
 * dashboard, in a real browser, within 10 seconds and without a reload — through Kafka, Flink,
 * ClickHouse and server push.
 */
class LiveOperationsThroughPipelineIT {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of(System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver"));

  private final RunningStack stack = RunningStack.fromEnvironment();
  private final String run = "L" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
  private final String ward = run + "W";

  @Test
  void aPostedDossierShowsUpInLiveOperationsWithinTenSecondsWithoutReload() throws Exception {
    HttpResponse<String> imported = stack.postCatalog("units",
        "code,name,level,parent,valid_from,valid_to\n" + ward + ",Phường Trực Tiếp " + run + ",COMMUNE,01,2025-07-01,\n");
    assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);

    WebDriver browser = chromium();
    try {
      signIn(browser, stack.userWithRole("LEADER"));
      // The dashboard picks up the new ward from the catalogue within seconds.
      WebElement inProgress = new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> {
        d.get(stack.dashboardUrl() + "/operations?unit=" + ward);
        return new WebDriverWait(d, Duration.ofSeconds(5)).until(x -> x.findElements(By.id("ops-in-progress")).stream().findFirst().orElse(null));
      });
      assertThat(inProgress.getAttribute("data-value")).isEqualTo("0");
      String pageId = (String) ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
          "return window.__cpPage = window.__cpPage || Math.random().toString()");

      Instant now = Instant.now();
      String event = DossierScenario.JSON.createObjectNode()
          .put("id", run + "-1").put("type", "dossier.received").put("occurredAt", now.toString())
          .put("source", "one-stop").put("unit", ward).put("dossierId", run + "-D1").put("procedure", "1.000419")
          .put("channel", "ONLINE").put("applicant", "CITIZEN").put("dueAt", now.plus(Duration.ofDays(5)).toString())
          .put("vneid", true).put("fullProcess", true).toString();
      long posted = System.nanoTime();
      HttpResponse<String> response = stack.postEvents("one-stop", event + "\n");
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);

      new WebDriverWait(browser, Duration.ofSeconds(10)).until(d ->
          "1".equals(d.findElement(By.id("ops-in-progress")).getAttribute("data-value")));
      long seconds = Duration.ofNanos(System.nanoTime() - posted).toSeconds();
      assertThat(seconds).as("event → live view").isLessThanOrEqualTo(10);
      assertThat(((org.openqa.selenium.JavascriptExecutor) browser).executeScript("return window.__cpPage"))
          .as("the same page, not a reload").isEqualTo(pageId);
    } finally {
      browser.quit();
    }
  }

  private void signIn(WebDriver browser, String[] user) {
    browser.get(stack.dashboardUrl() + "/login");
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    WebElement name = wait.until(d -> d.findElements(By.cssSelector("vaadin-login-form #vaadinLoginUsername input"))
        .stream().findFirst().orElse(null));
    name.sendKeys(user[0]);
    WebElement password = browser.findElement(By.cssSelector("vaadin-login-form #vaadinLoginPassword input"));
    password.sendKeys(user[1]);
    password.sendKeys(Keys.ENTER);
    wait.until(d -> !d.getCurrentUrl().contains("/login"));
  }

  private static WebDriver chromium() throws IOException {
    assertThat(CHROMIUM).as("Chromium is missing: apt-get install -y chromium chromium-driver").isExecutable();
    assertThat(CHROMEDRIVER).as("chromedriver is missing: apt-get install -y chromium chromium-driver").isExecutable();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toString());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--user-data-dir=" + Files.createTempDirectory("cp-st-chromium"), "--window-size=1366,900");
    return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build(), options);
  }
}
