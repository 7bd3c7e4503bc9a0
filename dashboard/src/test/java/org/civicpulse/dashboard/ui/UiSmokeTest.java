package org.civicpulse.dashboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.civicpulse.dashboard.support.ApiTestBase;
import org.junit.jupiter.api.Test;

/** The UI side over HTTP: login page, redirects, static resources, health. */
class UiSmokeTest extends ApiTestBase {

    @Test
    void loginPageRendersInProductionMode() {
        HttpResponse<byte[]> r = get(null, "/login");
        assertThat(r.statusCode()).as(describe(r)).isEqualTo(200);
        String html = text(r);
        assertThat(html).contains("<html").contains("CivicPulse");
        // production bundle (no dev server, no Vite client)
        assertThat(html).contains("VAADIN/build/").doesNotContain("@vite/client");
        assertThat(html).contains("styles/civicpulse.css");
    }

    @Test
    void viewsNeedASignIn() {
        HttpResponse<byte[]> r = get(null, "/");
        assertThat(r.statusCode()).as(describe(r)).isEqualTo(302);
        assertThat(r.headers().firstValue("Location")).get().asString().endsWith("/login");
    }

    @Test
    void staticResourcesAndWebjarsAreServedWithoutSignIn() {
        HttpResponse<byte[]> css = get(null, "/styles/civicpulse.css");
        assertThat(css.statusCode()).as(describe(css)).isEqualTo(200);
        HttpResponse<byte[]> echarts = get(null, "/webjars/echarts/5.3.1/dist/echarts.min.js");
        assertThat(echarts.statusCode()).isEqualTo(200);
        assertThat(echarts.body().length).isGreaterThan(500_000);
    }

    @Test
    void healthAndReadinessAreOpenButNothingElseOfActuator() {
        HttpResponse<byte[]> ready = get(null, "/actuator/health/readiness");
        assertThat(ready.statusCode()).as(describe(ready)).isEqualTo(200);
        assertThat(text(ready)).contains("UP");
        assertThat(get(null, "/actuator/health").statusCode()).isEqualTo(200);
        assertThat(get(null, "/actuator/env").statusCode()).isIn(401, 403, 404);
        assertThat(get(null, "/actuator/beans").statusCode()).isIn(401, 403, 404);
    }
}
