package org.civicpulse.dashboard.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.civicpulse.dashboard.support.ApiTestBase;
import org.civicpulse.dashboard.support.TestCity;
import org.junit.jupiter.api.Test;

/**
 * A unit officer (of BD) reads BD and BD01 and nothing else, whatever the request says; city-wide roles
 * read everything; an approver is scoped like an officer.
 */
class UnitScopeApiTest extends ApiTestBase {

    private static final String P = "period=" + TestCity.PERIOD;

    /** Every way to ask for a unit outside BD's subtree. */
    private static List<String> outsideRequests() {
        List<String> q = new ArrayList<>();
        for (String unit : List.of("HK", "HK01", "SXD", "HN", "hk", "hn", "Hk01", " HK ", "%48%4B", "%48%4e", "sxd")) {
            q.add("/api/v1/kpis?" + P + "&unit=" + unit.replace(" ", "%20"));
            q.add("/api/v1/kpis?unit=" + unit.replace(" ", "%20"));
            q.add("/api/v1/kpis?" + P + "&unit=" + unit.replace(" ", "%20") + "&breakdown=children");
            q.add("/api/v1/kpis?" + P + "&unit=" + unit.replace(" ", "%20") + "&kpi=Q4.5");
            q.add("/api/v1/kpis?" + P + "&unit=" + unit.replace(" ", "%20") + "&kpi=q4.5,P5,p12");
            q.add("/api/v1/kpis.csv?" + P + "&unit=" + unit.replace(" ", "%20"));
            q.add("/api/v1/kpis.xlsx?" + P + "&unit=" + unit.replace(" ", "%20") + "&breakdown=children");
            q.add("/api/v1/kpis/Q4.5/drill?" + P + "&unit=" + unit.replace(" ", "%20"));
            q.add("/api/v1/kpis/q4.5/drill?" + P + "&unit=" + unit.replace(" ", "%20") + "&part=denominator&page=0&size=5");
        }
        // the parent and siblings through repeated parameters, other periods, breakdown on the parent
        q.add("/api/v1/kpis?" + P + "&unit=BD&unit=HK");
        q.add("/api/v1/kpis?" + P + "&unit=HK&unit=BD");
        q.add("/api/v1/kpis?" + P + "&unit=HN&breakdown=children&kpi=Q4.5");
        q.add("/api/v1/kpis?period=2026-Y&unit=HN");
        q.add("/api/v1/kpis?period=2026-Q4&unit=HK01&breakdown=CHILDREN");
        q.add("/api/v1/kpis?period=2026-10-01..2026-10-31&unit=SXD");
        q.add("/api/v1/kpis?period=2026-10&unit=hk");
        q.add("/api/v1/kpis.csv?unit=HN&breakdown=children");
        q.add("/api/v1/kpis/P5/drill?unit=HK01&part=numerator");
        return q;
    }

    @Test
    void officerIsRefusedEveryUnitOutsideTheSubtree() {
        for (String path : outsideRequests()) {
            HttpResponse<byte[]> r = get("officer", path);
            assertThat(r.statusCode()).as(describe(r)).isEqualTo(403);
            JsonNode body = json(r);
            assertThat(body.path("error").asText()).as(path).isEqualTo("forbidden");
            assertThat(body.path("parameter").asText()).as(path).isEqualTo("unit");
            assertThat(body.path("message").asText()).as(path).contains("outside your scope").contains("BD");
        }
    }

    @Test
    void officerReadsOwnUnitAndItsChildren() {
        for (String path : List.of(
                "/api/v1/kpis?" + P,                       // default unit = the officer's
                "/api/v1/kpis?" + P + "&unit=BD",
                "/api/v1/kpis?" + P + "&unit=bd",
                "/api/v1/kpis?" + P + "&unit=BD01",
                "/api/v1/kpis?" + P + "&unit=BD&breakdown=children",
                "/api/v1/kpis.csv?" + P + "&unit=BD01",
                "/api/v1/kpis/Q4.5/drill?" + P + "&unit=BD01")) {
            HttpResponse<byte[]> r = get("officer", path);
            assertThat(r.statusCode()).as(describe(r)).isEqualTo(200);
        }
        JsonNode rows = json(get("officer", "/api/v1/kpis?" + P));
        assertThat(rows.size()).isPositive();
        rows.forEach(row -> assertThat(row.path("unit").asText()).isEqualTo("BD"));

        // BD01, then BD's own row (BD files dossiers of its own), unranked
        JsonNode children = json(get("officer", "/api/v1/kpis?" + P + "&breakdown=children&kpi=Q4.5"));
        assertThat(children.size()).isEqualTo(2);
        assertThat(children.get(0).path("unit").asText()).isEqualTo("BD01");
        assertThat(children.get(0).path("rank").asInt()).isEqualTo(1);
        assertThat(children.get(1).path("unit").asText()).isEqualTo("BD");
        assertThat(children.get(1).has("rank")).isFalse();
    }

    @Test
    void approverIsScopedToItsUnit() {
        assertThat(get("approver", "/api/v1/kpis?" + P).statusCode()).isEqualTo(200);
        assertThat(get("approver", "/api/v1/kpis?" + P + "&unit=HK").statusCode()).isEqualTo(403);
        assertThat(get("approver", "/api/v1/kpis?" + P + "&unit=BD01").statusCode()).isEqualTo(403);
    }

    @Test
    void cityWideRolesReadEveryUnitAndDefaultToTheCity() {
        for (String user : List.of("analyst", "leader", "admin")) {
            for (String unit : List.of("HN", "HK01", "SXD", "BD")) {
                HttpResponse<byte[]> r = get(user, "/api/v1/kpis?" + P + "&unit=" + unit + "&kpi=Q4.5");
                assertThat(r.statusCode()).as(describe(r)).isEqualTo(200);
            }
            JsonNode rows = json(get(user, "/api/v1/kpis?" + P));
            assertThat(rows.get(0).path("unit").asText()).as(user).isEqualTo(TestCity.CITY);
        }
    }

    @Test
    void noCredentialsOrBadCredentialsAre401WithJson() {
        for (String path : List.of("/api/v1/kpis", "/api/v1/kpis.csv?unit=HN", "/api/v1/kpis.xlsx",
                "/api/v1/kpis/P5/drill", "/api/v1/kpis/registry", "/api/v1/nothing-here")) {
            HttpResponse<byte[]> r = get(null, path);
            assertThat(r.statusCode()).as(describe(r)).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Basic");
            assertThat(json(r).path("error").asText()).isEqualTo("unauthorized");
        }
        HttpResponse<byte[]> wrong = getWithPassword("analyst", "not-the-password", "/api/v1/kpis");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(json(wrong).path("error").asText()).isEqualTo("unauthorized");
        assertThat(getWithPassword("nobody", "x", "/api/v1/kpis").statusCode()).isEqualTo(401);
    }

    @Test
    void unknownApiPathsAreJson404NotTheVaadinPage() {
        HttpResponse<byte[]> r = get("analyst", "/api/v1/nothing-here");
        assertThat(r.statusCode()).as(describe(r)).isEqualTo(404);
        assertThat(json(r).path("error").asText()).isEqualTo("not_found");
        HttpResponse<byte[]> post = post("analyst", "/api/v1/kpis");
        assertThat(post.statusCode()).as(describe(post)).isEqualTo(405);
        assertThat(json(post).path("error").asText()).isEqualTo("method_not_allowed");
    }

    @Test
    void theApiSetsNoSessionCookie() {
        HttpResponse<byte[]> r = get("analyst", "/api/v1/kpis?" + P + "&kpi=Q4.5");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().allValues("Set-Cookie")).isEmpty();
    }
}
