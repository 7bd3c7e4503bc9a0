package org.civicpulse.dashboard.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.civicpulse.dashboard.support.TestCity;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * From a tile to the KPI's page; the breakdown against the API's; one level down and back up by the
 * breadcrumb; the records behind a figure (lazy grid, filters in the URL, sorting, export).
 */
class KpiPageBrowserTest extends BrowserTestBase {

    @Test
    void aTileOpensTheKpiPageWhoseBreakdownIsTheApis() {
        login("leader");
        open("?period=" + TestCity.PERIOD + "&unit=HN");
        settle();
        click(By.id("tile-link-P5"));
        waitUntil(d -> d.getCurrentUrl().contains("/kpi/P5"));
        waitForVaadin();
        assertThat(driver.getCurrentUrl()).contains("period=" + TestCity.PERIOD).contains("unit=HN");
        assertBreakdownIsTheApis("P5", "HN");
        JsonNode p5 = json(get("leader", "/api/v1/kpis?period=" + TestCity.PERIOD + "&unit=HN&kpi=P5")).get(0);
        WebElement summary = waitFor(By.id("kpi-summary"));
        assertThat(Expect.same(attr(summary, "data-value"), p5.path("value"))).isTrue();
        assertThat(text(By.id("kpi-value"))).isEqualTo(Expect.value(p5, false));
        screenshot("kpi");
    }

    @Test
    void drillDownOneLevelAndBackUpByTheBreadcrumb() {
        login("leader");
        open("kpi/Q4.5?period=" + TestCity.PERIOD + "&unit=HN");
        assertBreakdownIsTheApis("Q4.5", "HN");
        click(By.cssSelector("#breakdown-table [data-unit-link=BD]"));
        waitUntil(d -> d.getCurrentUrl().contains("unit=BD"));
        waitForVaadin();
        assertThat(driver.getCurrentUrl()).contains("/kpi/Q4.5").contains("period=" + TestCity.PERIOD);
        assertThat(attr(waitFor(By.id("kpi-page")), "data-unit")).isEqualTo("BD");
        assertBreakdownIsTheApis("Q4.5", "BD");
        assertThat(text(By.id("breadcrumb"))).contains("Tổng quan").contains("Thành phố Hà Nội").contains("Quận Ba Đình");
        // back up
        click(By.cssSelector("#breadcrumb a[data-unit=HN]"));
        waitUntil(d -> d.getCurrentUrl().contains("unit=HN"));
        waitForVaadin();
        assertThat(attr(waitFor(By.id("kpi-page")), "data-unit")).isEqualTo("HN");
        assertThat(driver.getCurrentUrl()).contains("period=" + TestCity.PERIOD);
        // and to the overview, filters kept
        click(By.id("breadcrumb-overview"));
        waitUntil(d -> !d.getCurrentUrl().contains("/kpi/"));
        waitForVaadin();
        assertThat(attr(waitFor(By.id("overview-subtitle")), "data-period")).isEqualTo(TestCity.PERIOD);

        // an officer's breadcrumb starts at the own unit
        login("officer");
        open("kpi/Q4.5?period=" + TestCity.PERIOD + "&unit=BD01");
        assertThat(driver.findElements(By.cssSelector("#breadcrumb a[data-unit=HN]"))).isEmpty();
        assertThat(driver.findElements(By.cssSelector("#breadcrumb a[data-unit=BD]"))).hasSize(1);
        assertThat(waitFor(By.id("breakdown-none")).getText()).contains("Phường Phúc Xá");
    }

    @Test
    void theRecordsBehindAFigureArePagedFilteredSortedAndExported() throws Exception {
        login("analyst");
        String base = "kpi/Q4.5?period=" + TestCity.PERIOD + "&unit=BD&part=denominator";
        open(base);
        JsonNode page = json(get("analyst", "/api/v1/kpis/Q4.5/drill?period=" + TestCity.PERIOD
                + "&unit=BD&part=denominator&size=100"));
        long total = page.path("total").asLong();
        assertThat(attr(waitFor(By.id("drill-total")), "data-total")).isEqualTo(String.valueOf(total));
        Set<String> apiIds = new HashSet<>();
        page.path("items").forEach(i -> apiIds.add(i.path("id").asText()));
        assertThat(gridIds()).containsExactlyInAnyOrderElementsOf(apiIds);

        // filters live in the URL: channel ONLINE, kept across a reload
        open(base + "&channel=ONLINE");
        long online = 0;
        for (JsonNode i : page.path("items")) {
            // the engine hands the Enum8 through as its name or as its number (ONLINE = 1)
            String channel = i.path("fields").path("channel").asText();
            online += "ONLINE".equals(channel) || "1".equals(channel) ? 1 : 0;
        }
        assertThat(attr(waitFor(By.id("drill-total")), "data-total")).isEqualTo(String.valueOf(online));
        driver.navigate().refresh();
        waitForVaadin();
        assertThat(attr(waitFor(By.id("drill-total")), "data-total")).isEqualTo(String.valueOf(online));
        assertThat(waitFor(By.id("drill-channel")).getText()).contains("Trực tuyến");

        // sorting by id, both ways
        open(base);
        WebElement sorter = waitUntil(d -> d.findElements(By.cssSelector("#drill-grid vaadin-grid-sorter")).stream()
                .filter(s -> s.getText().strip().equals("Mã")).findFirst().orElse(null));
        js("arguments[0].scrollIntoView({block: 'center'});", sorter);
        sorter.click();
        waitForVaadin();
        List<String> ascending = gridIds();
        assertThat(ascending).isSorted();
        sorter.click();
        waitForVaadin();
        List<String> descending = gridIds();
        assertThat(descending).isSortedAccordingTo(java.util.Comparator.reverseOrder());

        // export of the records
        click(By.id("export-drill-csv"));
        List<List<String>> csv = parseCsv(new String(java.nio.file.Files.readAllBytes(download(".csv")),
                java.nio.charset.StandardCharsets.UTF_8).substring(1));
        assertThat(csv.get(0)).startsWith("id", "unit", "at", "procedure", "channel");
        assertThat(csv.subList(1, csv.size()).stream().map(l -> l.get(0)).toList()).containsExactlyInAnyOrderElementsOf(apiIds);
    }

    @Test
    void compositeKpisNameTheirComponentsInsteadOfRecords() {
        login("leader");
        open("kpi/P6?period=" + TestCity.PERIOD + "&unit=HN");
        assertThat(waitFor(By.id("drill-none")).getText()).contains("chỉ số tổng hợp");
        assertThat(waitFor(By.id("drill")).getText()).contains("Q2.1").contains("P6f");
    }

    private void assertBreakdownIsTheApis(String kpi, String unit) {
        JsonNode api = json(get("leader", "/api/v1/kpis?period=" + TestCity.PERIOD + "&unit=" + unit + "&kpi=" + kpi
                + "&breakdown=children"));
        Map<String, JsonNode> byUnit = new HashMap<>();
        api.forEach(r -> byUnit.put(r.path("unit").asText(), r));
        List<WebElement> rows = waitFor(By.id("breakdown-table")).findElements(By.cssSelector("tbody tr"));
        assertThat(rows).hasSize(api.size());
        for (int i = 0; i < rows.size(); i++) {
            WebElement tr = rows.get(i);
            JsonNode r = api.get(i);
            String where = kpi + " " + unit + " row " + i;
            assertThat(attr(tr, "data-unit")).as(where + " order as the API").isEqualTo(r.path("unit").asText());
            assertThat(Expect.same(attr(tr, "data-value"), r.path("value"))).as(where).isTrue();
            assertThat(Expect.same(attr(tr, "data-numerator"), r.path("numerator"))).as(where).isTrue();
            assertThat(Expect.same(attr(tr, "data-denominator"), r.path("denominator"))).as(where).isTrue();
            assertThat(attr(tr, "data-rank")).as(where).isEqualTo(r.path("rank").asText(""));
            assertThat(attr(tr, "data-status")).as(where).isEqualTo(r.path("status").asText());
            assertThat(tr.getText()).as(where).contains(Expect.value(r, false));
        }
    }

    /** The ids in the grid's first column, in row order (all rows are in view here). */
    @SuppressWarnings("unchecked")
    private List<String> gridIds() {
        waitForVaadin();
        waitUntil(d -> Boolean.TRUE.equals(js("const g = document.querySelector('#drill-grid');"
                + " return g && !g.loading && !g._dataProviderController?.isLoading?.();")));
        return (List<String>) js("""
                const g = document.querySelector('#drill-grid');
                const rows = Array.from(g.shadowRoot.querySelectorAll('tbody#items tr'))
                    .filter(r => !r.hidden && r.index !== undefined && r.index < g.size)
                    .sort((a, b) => a.index - b.index);
                return rows.map(r => {
                    const slot = r.querySelector('td slot');
                    const content = slot && slot.assignedElements()[0];
                    return content ? content.textContent.trim() : '';
                }).filter(t => t.length > 0);""");
    }
}
