package org.civicpulse.dashboard.report;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;

import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.civicpulse.domain.event.EventCodec;
import org.civicpulse.domain.event.ParseResult;
import org.civicpulse.domain.event.ReportAction;
import org.civicpulse.domain.kpi.ReportRegimes;
import org.civicpulse.domain.kpi.MeasureUnit;
import org.civicpulse.reporting.clickhouse.ClickHouseConnection;
import org.civicpulse.reporting.clickhouse.ClickHouseSettings;
import org.civicpulse.reporting.report.ReportFixture;
import org.civicpulse.reporting.report.ReportText;
import org.civicpulse.reporting.testing.ClickHouseTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's reports and submissions end to end over HTTP, against reporting's report city in its own
 * ClickHouse database: "generate now" archives and e-mails the reports (GreenMail), the archived PDF carries the
 * KPI API's numbers, and the workflow posts its events to ingestion (a stand-in HTTP server that checks the token and
 * stores each event as the pipeline would, as a report_actions row) — refused steps are never posted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ReportApiTest.FixedClock.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@org.springframework.test.annotation.DirtiesContext(classMode = org.springframework.test.annotation.DirtiesContext.ClassMode.AFTER_CLASS)
class ReportApiTest {

    /**
     * This class runs its own app (own database, SMTP and ingestion). Spring Security's context holder strategy is
     * JVM-global and each app installs its own: the one in force before is put back after this class, so the shared
     * app of the other tests (its audit filter reads the global holder) keeps seeing its users.
     */
    static org.springframework.security.core.context.SecurityContextHolderStrategy previousStrategy;

    @TestConfiguration(proxyBeanMethods = false)
    static class FixedClock {
        @Bean
        @Primary
        Clock fixedClock() {
            return Clock.fixed(ReportFixture.NOW, ZoneOffset.UTC);
        }
    }

    static final String TOKEN = "test-reports-token";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    static final Map<String, String> PASSWORDS = new HashMap<>();
    static final List<ReportAction> POSTED = Collections.synchronizedList(new ArrayList<>());

    static ClickHouseSettings db;
    static HttpServer ingestion;
    static GreenMail smtp;
    static Path archive;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) throws IOException {
        previousStrategy = org.springframework.security.core.context.SecurityContextHolder.getContextHolderStrategy();
        db = ClickHouseTestServer.freshDatabase("dashboard_reports");
        try (ClickHouseConnection c = ClickHouseConnection.connect(db)) {
            ReportFixture.load(c);
        }
        ingestion = fakeIngestion();
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        archive = Files.createTempDirectory("report-archive");
        r.add("civicpulse.clickhouse.url", db::url);
        r.add("civicpulse.clickhouse.database", db::database);
        r.add("civicpulse.clickhouse.user", db::user);
        r.add("civicpulse.clickhouse.password", db::password);
        r.add("civicpulse.ingestion.url", () -> "http://127.0.0.1:" + ingestion.getAddress().getPort());
        r.add("civicpulse.ingestion.token", () -> TOKEN);
        r.add("spring.mail.host", () -> "127.0.0.1");
        r.add("spring.mail.port", () -> smtp.getSmtp().getPort());
        r.add("civicpulse.reports.mail.from", () -> "civicpulse@test.example");
        r.add("civicpulse.reports.archive-dir", () -> archive.toString());
        r.add("civicpulse.reports.scheduler.enabled", () -> "false");
        user(r, "admin", "ADMIN", null);
        user(r, "leader", "LEADER", null);
        user(r, "officertp", "UNIT_OFFICER", "SO-TP");
        user(r, "officermoi", "UNIT_OFFICER", "00100");
        user(r, "approverqx", "APPROVER", "QX");
        user(r, "approvercity", "APPROVER", "01");
    }

    @AfterAll
    static void stop() {
        if (previousStrategy != null) {
            org.springframework.security.core.context.SecurityContextHolder.setContextHolderStrategy(previousStrategy);
        }
        if (ingestion != null) {
            ingestion.stop(0);
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    static void user(DynamicPropertyRegistry r, String name, String roles, String unit) {
        PASSWORDS.put(name, "pw-" + name + "-" + System.nanoTime());
        r.add("civicpulse.users." + name + ".password", () -> PASSWORDS.get(name));
        r.add("civicpulse.users." + name + ".roles", () -> roles);
        if (unit != null) {
            r.add("civicpulse.users." + name + ".unit", () -> unit);
        }
    }

    /** Ingestion's contract (bearer token of source "reports", NDJSON, 200 with accepted/rejected) plus the pipeline's effect. */
    static HttpServer fakeIngestion() throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        s.createContext("/api/v1/events", ex -> {
            byte[] answer;
            int status = 200;
            if (!("Bearer " + TOKEN).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                status = 401;
                answer = "{\"error\":\"unauthorized\"}".getBytes(StandardCharsets.UTF_8);
            } else {
                String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                int accepted = 0;
                for (String line : body.split("\n")) {
                    if (line.isBlank()) {
                        continue;
                    }
                    ParseResult p = EventCodec.lenient().parse(line);
                    if (p.ok() && p.event() instanceof ReportAction a && a.source().equals("reports")) {
                        POSTED.add(a);
                        try (ClickHouseConnection c = ClickHouseConnection.connect(db)) {
                            c.insertJsonEachRow("report_actions", List.of(ReportFixture.stored(a)));
                        }
                        accepted++;
                    }
                }
                answer = ("{\"accepted\":" + accepted + ",\"rejected\":0,\"errors\":[]}").getBytes(StandardCharsets.UTF_8);
            }
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(status, answer.length);
            ex.getResponseBody().write(answer);
            ex.close();
        });
        s.start();
        return s;
    }

    HttpResponse<byte[]> call(String user, String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(120))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + PASSWORDS.get(user)).getBytes(StandardCharsets.UTF_8)));
        if (method.equals("POST")) {
            b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body == null ? "{}" : body));
        } else {
            b.GET();
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<byte[]> r) throws IOException {
        return JSON.readTree(r.body());
    }

    static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------------------------------ archive

    @Test
    @Order(1)
    void generateNowArchivesAndMailsEveryReportAndOnlyAnAdminMayAskForIt() throws Exception {
        assertThat(call("leader", "POST", "/api/v1/reports/generate?regime=DG-MONTHLY&period=2026-M11", null)
                .statusCode()).isEqualTo(403);
        HttpResponse<byte[]> r = call("admin", "POST", "/api/v1/reports/generate?regime=DG-MONTHLY&period=2026-M11", null);
        assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
        assertThat(json(r).get("reports").asInt()).isEqualTo(5);
        assertThat(json(r).get("error").isNull()).isTrue();

        var dg = ReportRegimes.standard().get("DG-MONTHLY");
        assertThat(smtp.waitForIncomingEmail(10_000, 5 * dg.recipients().size())).isTrue();
        MimeMessage[] mails = smtp.getReceivedMessages();
        assertThat(mails).hasSize(5 * dg.recipients().size());
        assertThat(mails).allSatisfy(m -> {
            assertThat(m.getFrom()[0].toString()).isEqualTo("civicpulse@test.example");
            assertThat(((Multipart) m.getContent()).getCount()).isEqualTo(3);
        });
        assertThat(List.of(mails).stream().map(m -> {
            try {
                return m.getSubject();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        })).anyMatch(s -> s.contains("Phường Mới"));

        JsonNode all = json(call("admin", "GET", "/api/v1/reports?regime=DG-MONTHLY&period=2026-M11", null));
        assertThat(all).hasSize(10);
        for (JsonNode f : all) {
            assertThat(archive.resolve(f.get("path").asText())).isRegularFile();
        }
    }

    @Test
    @Order(2)
    void theArchivedPdfCarriesTheKpiApisNumbersAndIsScopedToTheUsersUnits() throws Exception {
        JsonNode mine = json(call("officertp", "GET", "/api/v1/reports?period=2026-M11", null));
        assertThat(mine).hasSize(2).allSatisfy(f -> assertThat(f.get("unit").asText()).isEqualTo("SO-TP"));
        String pdfId = null;
        for (JsonNode f : mine) {
            if (f.get("format").asText().equals("PDF")) {
                pdfId = f.get("id").asText();
            }
        }
        HttpResponse<byte[]> file = call("officertp", "GET", "/api/v1/reports/" + pdfId, null);
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Type")).get().asString().startsWith("application/pdf");
        String text;
        try (PDDocument pdf = Loader.loadPDF(file.body())) {
            PDFTextStripper s = new PDFTextStripper();
            s.setSortByPosition(true);
            text = s.getText(pdf);
        }
        JsonNode kpis = json(call("officertp", "GET", "/api/v1/kpis?period=2026-M11&unit=SO-TP", null));
        Map<String, JsonNode> byId = new HashMap<>();
        kpis.forEach(k -> byId.put(k.get("kpi").asText(), k));
        var dg = ReportRegimes.standard().get("DG-MONTHLY");
        int checked = 0;
        for (int i = 0; i < dg.indicators().size(); i++) {
            String id = dg.indicators().get(i).kpi();
            JsonNode k = byId.get(id);
            int from = text.indexOf("\n" + (i + 1) + " " + id + " ");
            assertThat(from).as(id + " row in\n" + text).isNotNegative();
            String row = text.substring(from, Math.min(text.length(), from + 400)).replace('\n', ' ');
            assertThat(row).as(id).containsSubsequence(number(k.get("numerator")), number(k.get("denominator")),
                    k.get("value").isNull() ? "–" : ReportText.value(k.get("value").decimalValue(),
                            MeasureUnit.valueOf(k.get("measure") == null || k.get("measure").isNull() ? "PERCENT"
                                    : k.get("measure").asText())));
            checked++;
        }
        assertThat(checked).isEqualTo(10);
        // another unit's file: refused
        JsonNode others = json(call("admin", "GET", "/api/v1/reports?unit=00004&period=2026-M11", null));
        HttpResponse<byte[]> denied = call("officertp", "GET", "/api/v1/reports/" + others.get(0).get("id").asText(), null);
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(json(call("officertp", "GET", "/api/v1/reports?unit=00004", null))).isEmpty();
    }

    static String number(JsonNode n) {
        return n == null || n.isNull() ? "–" : ReportText.number(n.decimalValue());
    }

    // ------------------------------------------------------------------------------------------ workflow

    @Test
    @Order(3)
    void theWorkflowPostsItsStepsToIngestionAndRefusesForbiddenOnesBeforePosting() throws Exception {
        String report = "/api/v1/submissions/DG-MONTHLY/00100/2026-M11";
        JsonNode form = json(call("officermoi", "GET", report, null));
        assertThat(form.get("status").asText()).isEqualTo("DRAFT");
        assertThat(form.get("editable").asBoolean()).isTrue();
        assertThat(form.get("fields")).hasSize(10);

        // approving a draft: refused, nothing posted
        HttpResponse<byte[]> draftApproval = call("approverqx", "POST", report + "/approve", "{}");
        assertThat(draftApproval.statusCode()).isEqualTo(409);
        assertThat(json(draftApproval).get("refusal").asText()).isEqualTo("NOT_SUBMITTED");

        // invalid figures: 422 with the field errors
        HttpResponse<byte[]> invalid = call("officermoi", "POST", report + "/submit",
                "{\"values\": {\"P9.numerator\": \"5\", \"P9.denominator\": \"x\"}}");
        assertThat(invalid.statusCode()).isEqualTo(422);
        assertThat(json(invalid).get("fields").has("P9.denominator")).isTrue();
        assertThat(json(invalid).get("fields").has("P10.numerator")).isTrue();
        assertThat(POSTED).isEmpty();

        HttpResponse<byte[]> ok = call("officermoi", "POST", report + "/submit",
                "{\"values\": {\"P9.numerator\": \"12\", \"P9.denominator\": \"15\", \"P10.numerator\": \"1\", \"P10.denominator\": \"1\"}}");
        assertThat(ok.statusCode()).as(text(ok)).isEqualTo(200);
        assertThat(POSTED).hasSize(1);
        ReportAction submitted = POSTED.get(0);
        assertThat(submitted.type().wire()).isEqualTo("report.submitted");
        assertThat(submitted.source()).isEqualTo("reports");
        assertThat(submitted.by()).isEqualTo("officermoi");
        assertThat(submitted.aggregateId()).isEqualTo("DG-MONTHLY/00100/2026-M11");
        assertThat(submitted.values()).containsEntry("P9.numerator", 12L).containsEntry("P9.denominator", 15L);
        assertThat(json(call("officermoi", "GET", report, null)).get("status").asText()).isEqualTo("SUBMITTED");

        // approving another unit's report: 00008 is not below QX
        HttpResponse<byte[]> foreign = call("approverqx", "POST", "/api/v1/submissions/DG-MONTHLY/00008/2026-M11/approve", "{}");
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(json(foreign).get("refusal").asText()).isEqualTo("SCOPE");

        HttpResponse<byte[]> approved = call("approverqx", "POST", report + "/approve", "{\"comment\": \"Đồng ý\"}");
        assertThat(approved.statusCode()).as(text(approved)).isEqualTo(200);
        assertThat(POSTED).hasSize(2);
        assertThat(POSTED.get(1).values()).containsEntry("submission", submitted.id());
        assertThat(json(call("officermoi", "GET", report, null)).get("status").asText()).isEqualTo("APPROVED");

        // editing and submitting after the lock
        HttpResponse<byte[]> edit = call("officermoi", "POST", report + "/draft", "{\"values\": {\"P9.numerator\": \"13\"}}");
        assertThat(edit.statusCode()).isEqualTo(409);
        assertThat(json(edit).get("refusal").asText()).isEqualTo("LOCKED");
        HttpResponse<byte[]> again = call("officermoi", "POST", report + "/submit",
                "{\"values\": {\"P9.numerator\": \"13\", \"P9.denominator\": \"15\", \"P10.numerator\": \"1\", \"P10.denominator\": \"1\"}}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).get("message").asText()).contains("locked");
        assertThat(POSTED).as("refused steps are never posted").hasSize(2);

        JsonNode list = json(call("approverqx", "GET", "/api/v1/submissions?period=2026-M11", null));
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("status").asText()).isEqualTo("APPROVED");
        assertThat(list.get(0).get("flag").asText()).isEqualTo("LATE");
    }

    @Test
    @Order(4)
    void theViewsNeedASignIn() {
        for (String path : List.of("/reports", "/submissions")) {
            try {
                HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
                assertThat(r.statusCode()).as(path).isEqualTo(302);
                assertThat(r.headers().firstValue("Location")).get().asString().endsWith("/login");
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    // ------------------------------------------------------------------------------------------ views (Chromium)

    @Test
    @Order(5)
    void theViewsInABrowserApproveAReportAndPreviewTheArchive() throws Exception {
        org.openqa.selenium.chrome.ChromeOptions options = new org.openqa.selenium.chrome.ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        Path profile = Files.createTempDirectory("cp-report-browser");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--user-data-dir=" + profile, "--window-size=1366,1000", "--hide-scrollbars");
        org.openqa.selenium.chrome.ChromeDriverService service = new org.openqa.selenium.chrome.ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver")).toFile())
                .build();
        org.openqa.selenium.WebDriver driver = new org.openqa.selenium.chrome.ChromeDriver(service, options);
        try {
            login(driver, "approvercity");
            driver.get("http://127.0.0.1:" + port + "/submissions");
            waitForVaadin(driver);
            org.openqa.selenium.WebElement row = waitFor(driver, org.openqa.selenium.By.xpath(
                    "//vaadin-grid-cell-content[contains(., 'Phường Ngọc Hà (00008)')]"));
            row.click();
            waitFor(driver, org.openqa.selenium.By.id("form-approve"));
            waitForVaadin(driver);
            // the form opens pre-filled: 00008's submitted P9 = 10/10
            assertThat(waitFor(driver, org.openqa.selenium.By.cssSelector("#field-P9\\.numerator input")).getAttribute("value"))
                    .isEqualTo("10");
            screenshot(driver, "submissions");
            driver.findElement(org.openqa.selenium.By.cssSelector("#form-comment textarea")).sendKeys("Đồng ý");
            driver.findElement(org.openqa.selenium.By.id("form-approve")).click();
            waitForVaadin(driver);
            new org.openqa.selenium.support.ui.WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> String.valueOf(
                    ((org.openqa.selenium.JavascriptExecutor) d).executeScript(
                            "return document.getElementById('submission-form').textContent")).contains("trạng thái: Đã phê duyệt"));
            assertThat(POSTED).hasSize(3);
            assertThat(POSTED.get(2).type().wire()).isEqualTo("report.approved");
            assertThat(POSTED.get(2).unit()).isEqualTo("00008");
            assertThat(POSTED.get(2).comment()).isEqualTo("Đồng ý");

            login(driver, "admin");
            driver.get("http://127.0.0.1:" + port + "/reports");
            waitForVaadin(driver);
            waitFor(driver, org.openqa.selenium.By.id("generate-now"));
            waitFor(driver, org.openqa.selenium.By.xpath("//vaadin-grid-cell-content[contains(., 'Sở Tư pháp (SO-TP)')]")).click();
            waitForVaadin(driver);
            org.openqa.selenium.WebElement frame = waitFor(driver, org.openqa.selenium.By.cssSelector("iframe#report-preview"));
            String src = frame.getAttribute("src");
            assertThat(src).isNotBlank();
            Thread.sleep(1500); // let Chromium's PDF viewer draw
            screenshot(driver, "reports");
            // the preview URL serves the PDF inline to the signed-in session
            String cookie = driver.manage().getCookieNamed("JSESSIONID").getValue();
            HttpResponse<byte[]> pdf = HTTP.send(HttpRequest.newBuilder(URI.create(src)).header("Cookie", "JSESSIONID=" + cookie)
                    .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(pdf.statusCode()).isEqualTo(200);
            assertThat(new String(pdf.body(), 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
            assertThat(pdf.headers().firstValue("Content-Disposition").orElse("inline")).doesNotContain("attachment");
            // a browser shows it in the same-origin iframe only if frames are not denied
            assertThat(pdf.headers().firstValue("X-Frame-Options").orElse("SAMEORIGIN")).isEqualToIgnoringCase("SAMEORIGIN");
        } finally {
            driver.quit();
        }
    }

    void login(org.openqa.selenium.WebDriver driver, String user) {
        driver.manage().deleteAllCookies();
        driver.get("http://127.0.0.1:" + port + "/login");
        org.openqa.selenium.WebElement name = waitFor(driver, org.openqa.selenium.By.cssSelector("vaadin-login-form #vaadinLoginUsername input"));
        name.sendKeys(user);
        org.openqa.selenium.WebElement pw = driver.findElement(org.openqa.selenium.By.cssSelector("vaadin-login-form #vaadinLoginPassword input"));
        pw.sendKeys(PASSWORDS.get(user));
        pw.sendKeys(org.openqa.selenium.Keys.ENTER);
        new org.openqa.selenium.support.ui.WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> !d.getCurrentUrl().contains("/login"));
        waitForVaadin(driver);
    }

    static org.openqa.selenium.WebElement waitFor(org.openqa.selenium.WebDriver driver, org.openqa.selenium.By by) {
        return new org.openqa.selenium.support.ui.WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> {
            List<org.openqa.selenium.WebElement> found = d.findElements(by);
            return found.isEmpty() ? null : found.get(0);
        });
    }

    static void waitForVaadin(org.openqa.selenium.WebDriver driver) {
        new org.openqa.selenium.support.ui.WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> Boolean.TRUE.equals(
                ((org.openqa.selenium.JavascriptExecutor) d).executeScript("""
                        if (document.readyState !== 'complete') return false;
                        if (!window.Vaadin || !window.Vaadin.Flow || !window.Vaadin.Flow.clients) return false;
                        const clients = Object.values(window.Vaadin.Flow.clients);
                        return clients.length > 0 && clients.every(c => !c.isActive || !c.isActive());""")));
    }

    /** A screenshot of the whole view to target/report-screens/ (to look at; not compared). */
    static void screenshot(org.openqa.selenium.WebDriver driver, String name) throws IOException {
        Number h = (Number) ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "return Math.max(document.documentElement.scrollHeight, (document.querySelector('.cp-page')||document.body).scrollHeight + 80);");
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1366, Math.min(4000, Math.max(1000, h.intValue() + 60))));
        waitForVaadin(driver);
        byte[] png = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
        Path dir = Path.of("target", "report-screens");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name + ".png"), png);
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1366, 1000));
    }
}
