package org.civicpulse.dashboard.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.civicpulse.dashboard.support.ApiTestBase;
import org.civicpulse.dashboard.support.TestCity;
import org.civicpulse.reporting.clickhouse.ClickHouseConnection;
import org.civicpulse.reporting.clickhouse.Sql;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Malformed, unknown and hostile parameters are refused with 400 and a reason, before anything runs. */
class KpiApiValidationTest extends ApiTestBase {

    private static final List<String> INJECTIONS = List.of(
            "' OR 1=1 --",
            "01'); DROP TABLE x; --",
            "'",                                   // what %27 decodes to
            "HN' OR '1'='1",
            "HN; DROP TABLE dossier_facts",
            "HN\" OR \"\"=\"",
            "1 UNION SELECT * FROM system.users",
            "HN/*comment*/",
            "HN\n--",
            "${jndi:ldap://127.0.0.1/x}",
            "<script>alert(1)</script>",
            "../../etc/passwd",
            "%27",                                 // double-encoded quote
            "HN%00",
            "x".repeat(5000));

    private static final List<String> USERS = List.of("analyst", "officer");

    @Test
    void injectionStringsInEveryParameterAre400() {
        for (String user : USERS) {
            for (String bad : INJECTIONS) {
                String v = enc(bad);
                expect400(user, "/api/v1/kpis?period=" + v, "period");
                expect400(user, "/api/v1/kpis?period=" + TestCity.PERIOD + "&unit=" + v, "unit");
                expect400(user, "/api/v1/kpis?period=" + TestCity.PERIOD + "&kpi=" + v, "kpi");
                expect400(user, "/api/v1/kpis?period=" + TestCity.PERIOD + "&kpi=P5," + v, "kpi");
                expect400(user, "/api/v1/kpis?period=" + TestCity.PERIOD + "&breakdown=" + v, "breakdown");
                expect400(user, "/api/v1/kpis.csv?period=" + v, "period");
                expect400(user, "/api/v1/kpis.csv?unit=" + v, "unit");
                expect400(user, "/api/v1/kpis.xlsx?kpi=" + v, "kpi");
                expect400(user, "/api/v1/kpis.xlsx?breakdown=" + v, "breakdown");
                expect400(user, "/api/v1/kpis/Q4.5/drill?period=" + v, "period");
                expect400(user, "/api/v1/kpis/Q4.5/drill?unit=" + v, "unit");
                expect400(user, "/api/v1/kpis/Q4.5/drill?part=" + v, "part");
                expect400(user, "/api/v1/kpis/Q4.5/drill?page=" + v, "page");
                expect400(user, "/api/v1/kpis/Q4.5/drill?size=" + v, "size");
                if (!bad.contains("/") && bad.length() < 1000) {
                    // In the path: refused by the KPI lookup, or earlier by Spring Security's firewall
                    // (';', encoded '%', control characters) — a JSON 400 either way.
                    HttpResponse<byte[]> r = get(user, "/api/v1/kpis/" + v.replace("+", "%20") + "/drill");
                    assertThat(r.statusCode()).as(describe(r)).isEqualTo(400);
                    assertThat(json(r).path("error").asText()).as(describe(r)).isIn("bad_parameter", "bad_request");
                }
            }
        }
    }

    @Test
    void badParametersAre400EvenBesideAUnitOutsideTheScope() {
        expect400("officer", "/api/v1/kpis?unit=HK&kpi=" + enc("' OR 1=1 --"), "kpi");
        expect400("officer", "/api/v1/kpis?unit=HK&breakdown=" + enc("01'); DROP TABLE x; --"), "breakdown");
        expect400("officer", "/api/v1/kpis/P5/drill?unit=HN&size=" + enc("%27"), "size");
        expect400("officer", "/api/v1/kpis?unit=HK&period=" + enc("2026-M11'"), "period");
    }

    @Test
    void rawPercent27InEveryParameterIs400() {
        for (String p : List.of("period", "unit", "kpi", "breakdown")) {
            expect400("analyst", "/api/v1/kpis?" + p + "=%27", p);
            expect400("analyst", "/api/v1/kpis?" + p + "=HN%27%20OR%201%3D1%20--", p);
        }
        for (String p : List.of("period", "unit", "part", "page", "size")) {
            expect400("analyst", "/api/v1/kpis/P5/drill?" + p + "=%27", p);
        }
        expect400("analyst", "/api/v1/kpis/%27/drill", "kpi");
    }

    @Test
    void malformedPeriodsAre400WithTheAcceptedForms() {
        for (String period : List.of("2026-M13", "2026-M0", "2026-Q5", "2026-H3", "2026", "26-M11", "M11", "2026-13",
                "2026-02-30..2026-03-01", "2026-11-27..2026-11-01", "2026-W45", "", " ", "now", "2026-M11;")) {
            HttpResponse<byte[]> r = get("analyst", "/api/v1/kpis?period=" + enc(period));
            assertThat(r.statusCode()).as(describe(r)).isEqualTo(400);
            JsonNode body = json(r);
            assertThat(body.path("error").asText()).isEqualTo("bad_parameter");
            assertThat(body.path("parameter").asText()).isEqualTo("period");
            assertThat(body.path("message").asText()).as(period).isNotBlank();
        }
        assertThat(json(get("analyst", "/api/v1/kpis?period=2026-M13")).path("message").asText())
                .contains("month 13");
        assertThat(json(get("analyst", "/api/v1/kpis?period=soon")).path("message").asText())
                .contains("2026-M11");
    }

    @Test
    void unknownUnitsKpisAndValuesAre400() {
        expectMessage("/api/v1/kpis?unit=XYZ", "unit", "unknown unit");
        expectMessage("/api/v1/kpis?unit=HN-1", "unit", "unknown unit");
        expectMessage("/api/v1/kpis?unit=", "unit", "malformed unit");
        expectMessage("/api/v1/kpis?kpi=P99", "kpi", "unknown KPI");
        expectMessage("/api/v1/kpis?kpi=P5,,Q2.1", "kpi", "empty KPI");
        expectMessage("/api/v1/kpis?kpi=", "kpi", "empty KPI");
        expectMessage("/api/v1/kpis?period=2030-M1", "period", "has not started");
        expectMessage("/api/v1/kpis?period=2026-M11&unit=OLD", "unit", "not in force during period 2026-M11");
        expectMessage("/api/v1/kpis/P5/drill?period=2026-M11&unit=old", "unit", "not in force");
        expectMessage("/api/v1/kpis?breakdown=parent", "breakdown", "breakdown=children");
        expectMessage("/api/v1/kpis?breakdown=", "breakdown", "breakdown=children");
        expectMessage("/api/v1/kpis?units=HN", "units", "unknown parameter");
        expectMessage("/api/v1/kpis?period=2026-M11&period=2026-M10", "period", "given 2 times");
        expectMessage("/api/v1/kpis?unit=HN&unit=HK", "unit", "given 2 times");
        expectMessage("/api/v1/kpis/P99/drill", "kpi", "unknown KPI");
        expectMessage("/api/v1/kpis/P5/drill?part=both", "part", "numerator or denominator");
        expectMessage("/api/v1/kpis/P5/drill?page=-1", "page", "not a whole number");
        expectMessage("/api/v1/kpis/P5/drill?page=1000001", "page", "out of range");
        expectMessage("/api/v1/kpis/P5/drill?page=99999999999", "page", "not a whole number");
        expectMessage("/api/v1/kpis/P5/drill?size=0", "size", "out of range");
        expectMessage("/api/v1/kpis/P5/drill?size=1001", "size", "out of range");
        expectMessage("/api/v1/kpis/P5/drill?size=1.5", "size", "not a whole number");
        expectMessage("/api/v1/kpis/P5/drill?breakdown=children", "breakdown", "unknown parameter");
        expectMessage("/api/v1/kpis/registry?unit=HN", "unit", "no parameters");
    }

    @Test
    void aUnitIsQueriedForPeriodsItWasInForce() {
        HttpResponse<byte[]> r = get("analyst", "/api/v1/kpis?period=2025-M6&unit=OLD&kpi=Q4.5");
        assertThat(r.statusCode()).as(describe(r)).isEqualTo(200);
        assertThat(json(r).get(0).path("unit").asText()).isEqualTo("OLD");
    }

    @Test
    void nothingReachedClickHouse() {
        // The hostile strings above would have failed or dropped tables had they been executed.
        try (ClickHouseConnection c = ClickHouseConnection.connect(TestCity.database())) {
            assertThat(c.queryLong(Sql.of("SELECT count() FROM dossier_facts WHERE dossier_id NOT LIKE 'LIVE-%'")))
                    .isEqualTo(TestCity.fixtureDossiers());
            assertThat(c.queryLong(Sql.of("SELECT count() FROM org_units"))).isEqualTo(7);
        }
    }

    @AfterAll
    static void tablesStillThere() {
        try (ClickHouseConnection c = ClickHouseConnection.connect(TestCity.database())) {
            assertThat(c.queryLong(Sql.of("SELECT count() FROM system.tables WHERE database = :db AND name = 'dossier_facts'")
                    .bind("db", c.database()))).isEqualTo(1);
        }
    }

    private void expect400(String user, String path, String parameter) {
        HttpResponse<byte[]> r = get(user, path);
        assertThat(r.statusCode()).as(describe(r)).isEqualTo(400);
        JsonNode body = json(r);
        assertThat(body.path("error").asText()).as(path).isEqualTo("bad_parameter");
        assertThat(body.path("parameter").asText()).as(path).isEqualTo(parameter);
        assertThat(body.path("message").asText()).as(path).isNotBlank();
    }

    private void expectMessage(String path, String parameter, String messagePart) {
        HttpResponse<byte[]> r = get("analyst", path);
        assertThat(r.statusCode()).as(describe(r)).isEqualTo(400);
        JsonNode body = json(r);
        assertThat(body.path("parameter").asText()).as(path).isEqualTo(parameter);
        assertThat(body.path("message").asText()).as(path).contains(messagePart);
    }
}
