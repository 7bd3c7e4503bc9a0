package org.civicpulse.dashboard.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.civicpulse.dashboard.support.ApiTestBase;
import org.civicpulse.dashboard.support.TestCity;
import org.civicpulse.domain.calendar.ReportingCalendar;
import org.civicpulse.domain.calendar.ReportingPeriod;
import org.civicpulse.domain.kpi.KpiRegistry;
import org.junit.jupiter.api.Test;

/** The KPI API's JSON answers: rows, breakdowns, drill-through, registry and defaults. */
class KpiApiTest extends ApiTestBase {

    private static final Set<String> CONTRACT = Set.of("kpi", "unit", "period", "numerator", "denominator", "value",
            "target", "status", "asOf");
    private static final Set<String> STATUSES = Set.of("MET", "ON_TRACK", "AT_RISK", "MISSED", "NO_DATA", "NO_TARGET");

    @Test
    void oneRowPerKpiForAUnitAndPeriod() {
        HttpResponse<byte[]> r = get("analyst", "/api/v1/kpis?period=" + TestCity.PERIOD + "&unit=BD");
        assertThat(r.statusCode()).as(describe(r)).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
        JsonNode rows = json(r);
        int registered = KpiRegistry.standard().all().size();
        assertThat(rows.size()).isEqualTo(registered);
        Set<String> ids = new HashSet<>();
        for (JsonNode row : rows) {
            List<String> fields = new ArrayList<>();
            row.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).containsAll(CONTRACT);
            assertThat(fields.subList(0, 9)).containsExactly("kpi", "unit", "period", "numerator", "denominator",
                    "value", "target", "status", "asOf");
            assertThat(row.path("unit").asText()).isEqualTo("BD");
            assertThat(row.path("unitName").asText()).isEqualTo("Quận Ba Đình");
            assertThat(row.path("period").asText()).isEqualTo(TestCity.PERIOD);
            assertThat(row.path("status").asText()).isIn(STATUSES);
            assertThat(row.has("rank")).isFalse();
            if (row.path("value").isNull()) {
                assertThat(row.path("status").asText()).isEqualTo("NO_DATA");
            }
            ids.add(row.path("kpi").asText());
        }
        assertThat(ids).hasSize(registered);

        // National e-ID use: dossiers with VNeID / all dossiers received, BD and BD01: 3 of 6.
        JsonNode q45 = only(json(get("analyst", "/api/v1/kpis?period=" + TestCity.PERIOD + "&unit=BD&kpi=Q4.5")));
        assertThat(q45.path("kpi").asText()).isEqualTo("Q4.5");
        assertThat(q45.path("name").asText()).isNotBlank();
        assertThat(q45.path("denominator").decimalValue()).isEqualByComparingTo("6");
        assertThat(q45.path("numerator").decimalValue()).isEqualByComparingTo("3");
        assertThat(q45.path("value").decimalValue()).isEqualByComparingTo("50");
        assertThat(q45.path("measure").asText()).isEqualTo("PERCENT");
        assertThat(Instant.parse(q45.path("asOf").asText())).isNotNull();
    }

    @Test
    void kpiListFiltersAndKeepsTheOrderAsked() {
        JsonNode rows = json(get("analyst", "/api/v1/kpis?period=" + TestCity.PERIOD + "&unit=HN&kpi=q4.5,P5,Q2.1,P5"));
        assertThat(rows.size()).isEqualTo(3);
        assertThat(List.of(rows.get(0).path("kpi").asText(), rows.get(1).path("kpi").asText(),
                rows.get(2).path("kpi").asText())).containsExactly("Q4.5", "P5", "Q2.1");
        // city: 4 of 10 dossiers with VNeID
        assertThat(rows.get(0).path("value").decimalValue()).isEqualByComparingTo("40");
    }

    @Test
    void breakdownGivesOneRowPerChildUnitWithRanks() {
        HttpResponse<byte[]> r = get("leader", "/api/v1/kpis?period=" + TestCity.PERIOD
                + "&unit=HN&breakdown=children&kpi=Q4.5,P5");
        assertThat(r.statusCode()).as(describe(r)).isEqualTo(200);
        JsonNode rows = json(r);
        assertThat(rows.size()).isEqualTo(6); // 2 KPIs × SXD, BD, HK
        Set<String> units = new HashSet<>();
        for (JsonNode row : rows) {
            units.add(row.path("unit").asText());
            assertThat(row.path("unitName").asText()).isNotBlank();
        }
        assertThat(units).containsExactlyInAnyOrder("SXD", "BD", "HK");

        JsonNode q45 = rows.get(0);
        assertThat(q45.path("kpi").asText()).isEqualTo("Q4.5");
        // SXD 1/1 = 100 (rank 1), BD 3/6 = 50 (rank 2), HK 0/3 = 0 (rank 3)
        assertThat(q45.path("unit").asText()).isEqualTo("SXD");
        assertThat(q45.path("rank").asInt()).isEqualTo(1);
        assertThat(rows.get(1).path("unit").asText()).isEqualTo("BD");
        assertThat(rows.get(1).path("value").decimalValue()).isEqualByComparingTo("50");
        assertThat(rows.get(1).path("rank").asInt()).isEqualTo(2);
        assertThat(rows.get(2).path("unit").asText()).isEqualTo("HK");
        assertThat(rows.get(2).path("rank").asInt()).isEqualTo(3);

        // the breakdown figures are the ones each unit gets on its own
        JsonNode bdAlone = only(json(get("leader", "/api/v1/kpis?period=" + TestCity.PERIOD + "&unit=BD&kpi=Q4.5")));
        assertThat(rows.get(1).path("numerator").decimalValue()).isEqualByComparingTo(bdAlone.path("numerator").decimalValue());
        assertThat(rows.get(1).path("denominator").decimalValue()).isEqualByComparingTo(bdAlone.path("denominator").decimalValue());
    }

    @Test
    void defaultsAreTheCurrentMonthAndTheUsersUnitOrTheCity() {
        ReportingPeriod current = ReportingCalendar.defaults().periodOf(ReportingPeriod.Kind.MONTH,
                LocalDate.ofInstant(TestCity.NOW, ZoneId.of("Asia/Ho_Chi_Minh")));
        assertThat(current.code()).isEqualTo(TestCity.CURRENT_MONTH);
        JsonNode analyst = json(get("analyst", "/api/v1/kpis?kpi=Q4.5"));
        assertThat(only(analyst).path("period").asText()).isEqualTo(current.code());
        assertThat(only(analyst).path("unit").asText()).isEqualTo("HN");
        JsonNode officer = json(get("officer", "/api/v1/kpis?kpi=Q4.5"));
        assertThat(only(officer).path("unit").asText()).isEqualTo("BD");
        assertThat(only(officer).path("period").asText()).isEqualTo(current.code());
    }

    @Test
    void periodCodesAreCanonicalised() {
        JsonNode rows = json(get("analyst", "/api/v1/kpis?period=2026-m11&unit=hn&kpi=Q4.5"));
        assertThat(only(rows).path("period").asText()).isEqualTo("2026-M11");
        assertThat(only(rows).path("unit").asText()).isEqualTo("HN");
    }

    @Test
    void drillThroughListsTheDossiersBehindAFigure() {
        HttpResponse<byte[]> r = get("officer", "/api/v1/kpis/Q4.5/drill?period=" + TestCity.PERIOD
                + "&unit=BD&part=denominator&page=0&size=4");
        assertThat(r.statusCode()).as(describe(r)).isEqualTo(200);
        JsonNode page = json(r);
        assertThat(page.path("kpi").asText()).isEqualTo("Q4.5");
        assertThat(page.path("part").asText()).isEqualTo("denominator");
        assertThat(page.path("total").asLong()).isEqualTo(6);
        assertThat(page.path("totalPages").asLong()).isEqualTo(2);
        assertThat(page.path("items").size()).isEqualTo(4);
        Set<String> ids = new HashSet<>();
        page.path("items").forEach(i -> {
            ids.add(i.path("id").asText());
            assertThat(i.path("unit").asText()).isIn("BD", "BD01");
        });
        JsonNode second = json(get("officer", "/api/v1/kpis/Q4.5/drill?period=" + TestCity.PERIOD
                + "&unit=BD&part=denominator&page=1&size=4"));
        assertThat(second.path("items").size()).isEqualTo(2);
        second.path("items").forEach(i -> ids.add(i.path("id").asText()));
        assertThat(ids).containsExactlyInAnyOrder("BD-1", "BD-2", "BD-3", "BD-4", "BD01-1", "BD01-2");

        JsonNode numerator = json(get("officer", "/api/v1/kpis/Q4.5/drill?period=" + TestCity.PERIOD + "&unit=BD"));
        assertThat(numerator.path("part").asText()).isEqualTo("numerator");
        assertThat(numerator.path("total").asLong()).isEqualTo(3);

        JsonNode beyond = json(get("officer", "/api/v1/kpis/Q4.5/drill?period=" + TestCity.PERIOD + "&unit=BD&page=7"));
        assertThat(beyond.path("items").size()).isZero();
    }

    @Test
    void drillingACompositeIs400WithTheComponentsToDrill() {
        HttpResponse<byte[]> r = get("analyst", "/api/v1/kpis/P6/drill?period=" + TestCity.PERIOD + "&unit=HN");
        assertThat(r.statusCode()).as(describe(r)).isEqualTo(400);
        assertThat(json(r).path("message").asText()).contains("Q2.1");
    }

    @Test
    void registryListsEveryDefinition() {
        HttpResponse<byte[]> r = get("officer", "/api/v1/kpis/registry");
        assertThat(r.statusCode()).as(describe(r)).isEqualTo(200);
        JsonNode body = json(r);
        KpiRegistry registry = KpiRegistry.standard();
        assertThat(body.path("registryVersion").asText()).isEqualTo(registry.version());
        assertThat(body.path("kpis").size()).isEqualTo(registry.all().size());
        JsonNode p5 = null;
        for (JsonNode k : body.path("kpis")) {
            if (k.path("id").asText().equals("P5")) {
                p5 = k;
            }
        }
        assertThat(p5).isNotNull();
        assertThat(p5.path("name").path("vi").asText()).isNotBlank();
        assertThat(p5.path("name").path("en").asText()).isNotBlank();
        assertThat(p5.path("target").path("value").decimalValue()).isEqualByComparingTo(new BigDecimal("60"));
        assertThat(p5.path("formulaVersion").asInt()).isPositive();
    }

    private static JsonNode only(JsonNode rows) {
        assertThat(rows.isArray()).as(rows.toString()).isTrue();
        assertThat(rows.size()).as(rows.toString()).isEqualTo(1);
        return rows.get(0);
    }
}
