package org.civicpulse.dashboard.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.civicpulse.dashboard.support.ApiTestBase;
import org.civicpulse.dashboard.support.TestCity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Every API call and export leaves one audit line: user, roles, path, parameters, status, rows, reason. */
@ExtendWith(OutputCaptureExtension.class)
class AuditLogTest extends ApiTestBase {

    @Test
    void exportsRefusalsAndFailedSignInsAreAudited(CapturedOutput output) {
        assertThat(get("officer", "/api/v1/kpis.csv?period=" + TestCity.PERIOD + "&unit=BD01").statusCode()).isEqualTo(200);
        assertThat(get("analyst", "/api/v1/kpis.xlsx?period=" + TestCity.PERIOD + "&unit=HN&kpi=P5").statusCode())
                .isEqualTo(200);
        assertThat(get("officer", "/api/v1/kpis?period=" + TestCity.PERIOD + "&unit=HK").statusCode()).isEqualTo(403);
        assertThat(get("officer", "/api/v1/kpis?unit=" + enc("BD\nuser=admin status=200")).statusCode()).isEqualTo(400);
        assertThat(getWithPassword("mallory", "guess", "/api/v1/kpis").statusCode()).isEqualTo(401);

        List<String> audit = output.getAll().lines().filter(l -> l.contains("org.civicpulse.dashboard.audit")).toList();
        assertThat(audit).anySatisfy(l -> assertThat(l).contains("user=officer roles=[UNIT_OFFICER] GET /api/v1/kpis.csv "
                + "params={period=[" + TestCity.PERIOD + "], unit=[BD01]} status=200 rows="));
        assertThat(audit).anySatisfy(l -> assertThat(l).contains("user=analyst roles=[ANALYST] GET /api/v1/kpis.xlsx "
                + "params={kpi=[P5], period=[" + TestCity.PERIOD + "], unit=[HN]} status=200 rows=1"));
        assertThat(audit).anySatisfy(l -> assertThat(l).contains("user=officer").contains("unit=[HK]")
                .contains("status=403").contains("reason=\"unit HK is outside your scope"));
        // a line break in a parameter is escaped: it cannot forge a second audit line
        assertThat(audit).anySatisfy(l -> assertThat(l).contains("unit=[BD\\u000auser=admin status=200]").contains("status=400"));
        assertThat(output.getAll().lines().filter(l -> l.startsWith("user=admin"))).isEmpty();
        assertThat(audit).anySatisfy(l -> assertThat(l).contains("status=401").contains("bad credentials for user 'mallory'"));
        assertThat(output.getAll()).doesNotContain("guess");
    }
}
