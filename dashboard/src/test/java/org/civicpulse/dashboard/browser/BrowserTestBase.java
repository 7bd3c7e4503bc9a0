package org.civicpulse.dashboard.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.civicpulse.dashboard.support.ApiTestBase;
import org.civicpulse.dashboard.support.TestCity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in Debian's headless Chromium, driven by Selenium through {@code /usr/bin/chromedriver}
 * (never Selenium Manager, which would try to download a browser). One browser per test class, with a fresh
 * profile; the app is the shared Spring context of {@link ApiTestBase} (started once per JVM). Missing
 * chromium or chromedriver fails the test with the command that installs them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BrowserTestBase extends ApiTestBase {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
    static final Duration WAIT = Duration.ofSeconds(30);

    protected WebDriver driver;
    protected Path profile;
    protected Path downloads;

    @BeforeAll
    void startBrowser() throws IOException {
        assertThat(Path.of(CHROMIUM)).as("Chromium is missing: install it with "
                + "`apt-get install -y chromium chromium-driver` (Debian)").isExecutable();
        assertThat(Path.of(CHROMEDRIVER)).as("chromedriver is missing: install it with "
                + "`apt-get install -y chromium chromium-driver` (Debian), or pass -Dwebdriver.chrome.driver=<path>")
                .isExecutable();
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        profile = Files.createTempDirectory("cp-chromium-profile");
        downloads = Files.createTempDirectory("cp-downloads");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=1366,900", "--lang=en-US", "--hide-scrollbars",
                "--force-device-scale-factor=1");
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false, "intl.accept_languages", "en-US,en"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile()).build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
        for (Path p : new Path[] {profile, downloads}) {
            if (p != null) {
                try (Stream<Path> files = Files.walk(p)) {
                    files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }

    protected String url(String pathAndQuery) {
        return "http://127.0.0.1:" + port + "/" + (pathAndQuery.startsWith("/") ? pathAndQuery.substring(1) : pathAndQuery);
    }

    /** Signs out whoever is signed in, then signs {@code user} in through the login form. */
    protected void login(String user) {
        driver.manage().deleteAllCookies();
        driver.get(url("login"));
        WebElement name = waitFor(By.cssSelector("vaadin-login-form #vaadinLoginUsername input"));
        name.sendKeys(user);
        WebElement password = driver.findElement(By.cssSelector("vaadin-login-form #vaadinLoginPassword input"));
        password.sendKeys(TestCity.password(user));
        password.sendKeys(Keys.ENTER);
        waitUntil(d -> !d.getCurrentUrl().contains("/login"));
        waitFor(By.id("current-user"));
        settle();
    }

    /** Opens a view (path and query) and waits until Vaadin has rendered it. */
    protected void open(String pathAndQuery) {
        driver.get(url(pathAndQuery));
        waitForVaadin();
    }

    protected WebElement waitFor(By by) {
        return new WebDriverWait(driver, WAIT).until(d -> {
            List<WebElement> found = d.findElements(by);
            return found.isEmpty() ? null : found.get(0);
        });
    }

    protected <T> T waitUntil(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).until(condition::apply);
    }

    protected Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Waits until no Vaadin request is in flight. */
    protected void waitForVaadin() {
        waitUntil(d -> Boolean.TRUE.equals(js("""
                if (document.readyState !== 'complete') return false;
                if (!window.Vaadin || !window.Vaadin.Flow || !window.Vaadin.Flow.clients) return false;
                const clients = Object.values(window.Vaadin.Flow.clients);
                return clients.length > 0 && clients.every(c => !c.isActive || !c.isActive());""")));
    }

    /** Waits for Vaadin and for every chart on the page to have drawn. */
    protected void settle() {
        waitForVaadin();
        waitUntil(d -> Boolean.TRUE.equals(js(
                "return Array.from(document.querySelectorAll('e-chart')).every(e => e.getAttribute('data-rendered') === 'true');")));
    }

    /** Scrolls an element to the middle of the window and clicks it (nothing sticky lies over it then). */
    protected void click(By by) {
        WebElement e = waitFor(by);
        js("arguments[0].scrollIntoView({block: 'center'});", e);
        e.click();
    }

    protected String attr(WebElement e, String name) {
        String v = e.getAttribute(name);
        return v == null ? "" : v;
    }

    /**
     * Saves a screenshot of the whole page to {@code docs/screenshots/<name>.png} (the window is made as tall as
     * the page for it, then restored).
     */
    protected Path screenshot(String name) {
        settle();
        js("let e = document.querySelector('.cp-page'); while (e) { if (e.scrollTop) { e.scrollTop = 0; }"
                + " e = e.assignedSlot || e.parentElement || (e.getRootNode && e.getRootNode().host); } window.scrollTo(0, 0);");
        Dimension before = driver.manage().window().getSize();
        Number height = (Number) js("""
                const page = document.querySelector('.cp-page') || document.body;
                const top = page.getBoundingClientRect().top + (window.scrollY || 0);
                return Math.max(document.documentElement.scrollHeight, Math.ceil(top + page.scrollHeight + 24));""");
        int h = Math.min(6000, Math.max(before.getHeight(), height.intValue() + 120));
        driver.manage().window().setSize(new Dimension(before.getWidth(), h));
        settle();
        try {
            Thread.sleep(300); // charts follow the resize through their ResizeObserver
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        byte[] png = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        driver.manage().window().setSize(before);
        Path dir = screenshotDir();
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".png");
            Files.write(file, png);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code docs/screenshots} of the repository (the module's parent), else {@code target/screenshots}. */
    static Path screenshotDir() {
        Path module = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        Path docs = module.getParent() == null ? null : module.getParent().resolve("docs");
        return docs != null && Files.isDirectory(docs) ? docs.resolve("screenshots") : module.resolve("target/screenshots");
    }

    /** The text of an element, whitespace collapsed. */
    protected String text(By by) {
        WebElement e = waitFor(by);
        String t = e.getText();
        if (t == null || t.isBlank()) { // scrolled out of view in a scrolling container: read the DOM text
            t = (String) js("return arguments[0].textContent;", e);
        }
        return t.replaceAll("\\s+", " ").strip();
    }

    /** Waits for the one new complete file ending in {@code extension} in the download folder, then removes it. */
    protected Path download(String extension) throws IOException {
        Path file = waitUntil(d -> {
            try (Stream<Path> files = Files.list(downloads)) {
                return files.filter(f -> f.toString().endsWith(extension)).findFirst().orElse(null);
            } catch (IOException e) {
                return null;
            }
        });
        Path copy = Files.createTempFile("cp-export", extension);
        Files.copy(file, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.delete(file);
        copy.toFile().deleteOnExit();
        return copy;
    }

    static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r') {
                // CRLF
            } else if (c == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                cell.append(c);
            }
        }
        return rows;
    }
}
