package org.civicpulse.dashboard.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.civicpulse.dashboard.support.TestCity;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The overview against the KPI API: every tile, the Decision 766 score and the unit ranking show the API's
 * numbers for the same period and unit; the filters live in the URL; exports download and parse; the
 * language switch; screenshots (laptop, tablet, print).
 */
class OverviewBrowserTest extends BrowserTestBase {

    private static final List<String> PLAN = List.of("P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8", "P9", "P10", "P11", "P12");

    @Test
    void tilesShowExactlyTheApiNumbers() {
        login("leader");
        for (String unit : List.of("HN", "BD")) {
            open("?period=" + TestCity.PERIOD + "&unit=" + unit);
            settle();
            Map<String, JsonNode> api = byKpi(json(get("leader", "/api/v1/kpis?period=" + TestCity.PERIOD + "&unit=" + unit)));
            for (String id : PLAN) {
                JsonNode row = api.get(id);
                WebElement tile = waitFor(By.id("tile-" + id));
                String where = unit + " " + id;
                assertThat(attr(tile, "data-unit")).as(where).isEqualTo(unit);
                assertThat(attr(tile, "data-period")).as(where).isEqualTo(TestCity.PERIOD);
                assertThat(attr(tile, "data-status")).as(where).isEqualTo(row.path("status").asText());
                assertThat(Expect.same(attr(tile, "data-value"), row.path("value"))).as(where + " value " + attr(tile, "data-value")
                        + " vs " + row.path("value")).isTrue();
                assertThat(Expect.same(attr(tile, "data-target"), row.path("target"))).as(where + " target").isTrue();
                assertThat(Expect.same(attr(tile, "data-numerator"), row.path("numerator"))).as(where + " numerator").isTrue();
                assertThat(Expect.same(attr(tile, "data-denominator"), row.path("denominator"))).as(where + " denominator").isTrue();
                assertThat(Expect.same(attr(tile, "data-projection"), row.path("projection"))).as(where + " projection").isTrue();
                // what a person reads: the value in Vietnamese format, the status in words, the freshness
                assertThat(text(By.id("tile-value-" + id))).as(where).isEqualTo(Expect.value(row, false));
                assertThat(tile.findElement(By.cssSelector(".cp-badge-text")).getText()).as(where)
                        .isEqualTo(Expect.STATUS_VI.get(row.path("status").asText()));
                if (!row.path("asOf").isNull()) {
                    assertThat(text(By.id("tile-fresh-" + id))).as(where).startsWith("cập nhật lúc "
                            + Expect.time(row.path("asOf").asText()));
                }
                assertThat(tile.findElements(By.cssSelector("e-chart[data-rendered=true]"))).as(where + " charts").hasSize(2);
            }
            // the Decision 766 score and its class
            JsonNode total = api.get("Q-TOTAL");
            WebElement score = waitFor(By.id("score-panel"));
            assertThat(Expect.same(attr(score, "data-value"), total.path("value"))).as("Q-TOTAL").isTrue();
            assertThat(Expect.same(attr(score, "data-points"), total.path("points"))).as("Q-TOTAL points").isTrue();
            assertThat(attr(score, "data-grade")).isEqualTo(total.path("grade").asText(""));
            assertThat(text(By.id("score-value"))).isEqualTo(Expect.twoDecimals(total.path("value").decimalValue(), false));
            for (WebElement g : driver.findElements(By.cssSelector("#score-groups tbody tr"))) {
                assertThat(Expect.same(attr(g, "data-points"), api.get(attr(g, "data-kpi")).path("points").isNull()
                        ? api.get(attr(g, "data-kpi")).path("value") : api.get(attr(g, "data-kpi")).path("points")))
                        .as(attr(g, "data-kpi")).isTrue();
            }
        }
        open("?period=" + TestCity.PERIOD + "&unit=HN");
        screenshot("overview");
    }

    @Test
    void unitsAreRankedByTheirGapWithTheApisBreakdownFigures() {
        login("analyst");
        open("?period=" + TestCity.PERIOD + "&unit=HN&rank=Q4.5");
        // rank by a KPI not offered in the picker is still honoured from the URL
        open("?period=" + TestCity.PERIOD + "&unit=HN&rank=P5");
        JsonNode api = json(get("analyst", "/api/v1/kpis?period=" + TestCity.PERIOD + "&unit=HN&kpi=P5&breakdown=children"));
        Map<String, JsonNode> byUnit = new HashMap<>();
        api.forEach(r -> byUnit.put(r.path("unit").asText(), r));
        List<WebElement> rows = waitFor(By.id("ranking-table")).findElements(By.cssSelector("tbody tr"));
        assertThat(rows).hasSize((int) byUnit.keySet().stream().filter(u -> !u.equals("HN")).count());
        java.math.BigDecimal previous = null;
        for (WebElement tr : rows) {
            JsonNode r = byUnit.get(attr(tr, "data-unit"));
            assertThat(r).as(attr(tr, "data-unit")).isNotNull();
            assertThat(Expect.same(attr(tr, "data-value"), r.path("value"))).as(attr(tr, "data-unit")).isTrue();
            assertThat(attr(tr, "data-rank")).isEqualTo(r.path("rank").asText(""));
            assertThat(attr(tr, "data-status")).isEqualTo(r.path("status").asText());
            if (!r.path("value").isNull()) {
                java.math.BigDecimal gap = r.path("value").decimalValue().subtract(r.path("target").decimalValue());
                assertThat(new java.math.BigDecimal(attr(tr, "data-gap"))).isEqualByComparingTo(gap);
                if (previous != null) {
                    assertThat(gap).as("largest shortfall first").isGreaterThanOrEqualTo(previous);
                }
                previous = gap;
            }
        }
    }

    @Test
    void filtersLiveInTheUrlAndSurviveAReload() {
        login("leader");
        open("?period=2026-Q4&unit=BD");
        assertThat(attr(waitFor(By.id("overview-subtitle")), "data-period")).isEqualTo("2026-Q4");
        // pick another unit in the unit picker: the URL changes, the period stays
        WebElement unit = waitFor(By.cssSelector("#filter-unit input"));
        unit.click();
        unit.sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"), "Phúc");
        WebElement item = waitUntil(d -> (WebElement) js("return Array.from(document.querySelectorAll('vaadin-combo-box-item'))"
                + ".find(i => i.textContent.includes('Phúc Xá')) || null;"));
        item.click();
        waitUntil(d -> d.getCurrentUrl().contains("unit=BD01"));
        waitForVaadin();
        assertThat(driver.getCurrentUrl()).contains("period=2026-Q4");
        assertThat(attr(waitFor(By.id("overview-subtitle")), "data-unit")).isEqualTo("BD01");
        // the navigation carries the filters to the other views
        assertThat(attr(waitFor(By.cssSelector("#nav-operations")), "path")).contains("unit=BD01");
        driver.navigate().refresh();
        waitForVaadin();
        WebElement subtitle = waitFor(By.id("overview-subtitle"));
        assertThat(attr(subtitle, "data-unit")).isEqualTo("BD01");
        assertThat(attr(subtitle, "data-period")).isEqualTo("2026-Q4");
        assertThat(js("return document.querySelector('#filter-unit input').value")).isEqualTo("Phường Phúc Xá");
        assertThat(attr(waitFor(By.id("tile-P5")), "data-unit")).isEqualTo("BD01");
        assertThat(attr(waitFor(By.id("tile-P5")), "data-period")).isEqualTo("2026-Q4");

        // a calendar month and a custom range are periods too
        open("?period=2026-10&unit=HN");
        assertThat(attr(waitFor(By.id("tile-P5")), "data-period")).isEqualTo("2026-10");
        open("?period=2026-10-01..2026-10-31&unit=HN");
        assertThat(attr(waitFor(By.id("tile-P5")), "data-period")).isEqualTo("2026-10-01..2026-10-31");
        assertThat(js("return document.querySelector('#filter-from input').value")).isEqualTo("01/10/2026");
    }

    @Test
    void exportsDownloadAndParse() throws Exception {
        login("analyst");
        open("?period=" + TestCity.PERIOD + "&unit=BD");
        JsonNode api = json(get("analyst", "/api/v1/kpis?period=" + TestCity.PERIOD + "&unit=BD"));

        click(By.id("export-overview-csv"));
        Path csv = download(".csv");
        byte[] bytes = Files.readAllBytes(csv);
        assertThat(bytes[0] & 0xFF).isEqualTo(0xEF);
        List<List<String>> lines = parseCsv(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8));
        List<String> header = lines.get(0);
        assertThat(header).startsWith("kpi", "name", "unit", "unitName", "period", "numerator", "denominator", "value");
        assertThat(lines).hasSize(api.size() + 1);
        for (int i = 0; i < api.size(); i++) {
            JsonNode row = api.get(i);
            List<String> line = lines.get(i + 1);
            assertThat(line.get(0)).isEqualTo(row.path("kpi").asText());
            assertThat(line.get(2)).isEqualTo("BD");
            String value = line.get(header.indexOf("value"));
            assertThat(Expect.same(value, row.path("value"))).as(row.path("kpi").asText()).isTrue();
        }

        click(By.id("export-overview-xlsx"));
        Path xlsx = download(".xlsx");
        try (InputStream in = Files.newInputStream(xlsx); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            Sheet sheet = wb.getSheetAt(0);
            int headerRow = -1;
            for (Row r : sheet) {
                if (r.getCell(0) != null && "kpi".equals(r.getCell(0).toString())) {
                    headerRow = r.getRowNum();
                }
            }
            assertThat(headerRow).isPositive();
            assertThat(sheet.getLastRowNum() - headerRow).isEqualTo(api.size());
            assertThat(sheet.getRow(1).getCell(1).getStringCellValue()).contains(TestCity.PERIOD);
            assertThat(sheet.getRow(headerRow + 1).getCell(0).getStringCellValue()).isEqualTo(api.get(0).path("kpi").asText());
        }
    }

    @Test
    void englishIsOneClickAwayAndBack() {
        login("leader");
        open("?period=" + TestCity.PERIOD + "&unit=HN");
        assertThat(text(By.cssSelector("#overview h1"))).isEqualTo("Tổng quan");
        waitFor(By.id("lang-switch")).click();
        waitUntil(d -> "Overview".equals(js("const h = document.querySelector('#overview h1'); return h && h.textContent.trim();")));
        waitForVaadin();
        settle();
        JsonNode p5 = byKpi(json(get("leader", "/api/v1/kpis?period=" + TestCity.PERIOD + "&unit=HN"))).get("P5");
        assertThat(text(By.id("tile-value-P5"))).isEqualTo(Expect.value(p5, true));
        assertThat(waitFor(By.id("tile-P5")).findElement(By.cssSelector(".cp-badge-text")).getText())
                .isEqualTo(Expect.STATUS_EN.get(p5.path("status").asText()));
        assertThat(js("return document.documentElement.lang")).isEqualTo("en");
        screenshot("overview-en");
        // the choice is kept for the next sign-in (cookie) and switched back in one click
        waitFor(By.id("lang-switch")).click();
        waitUntil(d -> "Tổng quan".equals(js("const h = document.querySelector('#overview h1'); return h && h.textContent.trim();")));
        waitForVaadin();
        assertThat(text(By.id("tile-value-P5"))).isEqualTo(Expect.value(p5, false));
    }

    @Test
    void tabletAndPrintLayouts() {
        login("leader");
        Dimension laptop = driver.manage().window().getSize();
        try {
            driver.manage().window().setSize(new Dimension(1024, 768));
            open("?period=" + TestCity.PERIOD + "&unit=HN");
            settle();
            Number overflow = (Number) js("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertThat(overflow.intValue()).as("no horizontal scrolling at 1024 px").isLessThanOrEqualTo(0);
            screenshot("overview-tablet");
        } finally {
            driver.manage().window().setSize(laptop);
        }
        open("?period=" + TestCity.PERIOD + "&unit=HN");
        ((ChromeDriver) driver).executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        try {
            settle();
            assertThat(waitFor(By.id("filters")).isDisplayed()).as("filters are not printed").isFalse();
            assertThat(waitFor(By.id("tile-P1")).isDisplayed()).isTrue();
            screenshot("overview-print");
        } finally {
            ((ChromeDriver) driver).executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
        }
    }

    private static Map<String, JsonNode> byKpi(JsonNode rows) {
        Map<String, JsonNode> m = new HashMap<>();
        rows.forEach(r -> m.put(r.path("kpi").asText(), r));
        return m;
    }

}
