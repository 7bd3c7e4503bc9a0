package org.civicpulse.ingestion.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.civicpulse.ingestion.IngestionApplication;
import org.civicpulse.ingestion.support.Http;
import org.civicpulse.ingestion.support.Http.Response;
import org.civicpulse.ingestion.support.IngestionTestBase;
import org.civicpulse.ingestion.support.TestKafka;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A service whose broker is unreachable (bootstrap on a closed local port): every POST is answered 503 with
 * Retry-After within the configured bound, and the health is DOWN.
 */
@SpringBootTest(classes = IngestionApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "civicpulse.kafka.create-topics=false",
                "civicpulse.kafka.max-block=1500ms",
                "civicpulse.kafka.request-timeout=1s",
                "civicpulse.kafka.delivery-timeout=2s",
                "civicpulse.kafka.ack-timeout=3s",
                "civicpulse.kafka.admin-timeout=1s",
                "civicpulse.ingestion.retry-after=7s"})
@DirtiesContext // its Kafka clients would keep retrying the closed port during the other tests
class BrokerUnavailableTest {

    private static final String TOKEN = IngestionTestBase.randomToken();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        r.add("civicpulse.kafka.bootstrap-servers", () -> "127.0.0.1:" + TestKafka.closedPort());
        r.add("civicpulse.ingestion.sources.sim", () -> TOKEN);
    }

    @LocalServerPort
    int port;

    @Test
    void postIs503WithRetryAfterWhenKafkaCannotTakeTheEvents() {
        Http http = new Http(port);
        String body = IngestionTestBase.dossierReceived("unavail-1", "sim", "D1") + "\n"
                + IngestionTestBase.dossierPaid("unavail-2", "sim", "D1") + "\n" + "{bad\n";
        long t0 = System.nanoTime();
        Response r = http.post("/api/v1/events", TOKEN, "application/x-ndjson", body);
        long ms = Duration.ofNanos(System.nanoTime() - t0).toMillis();
        assertThat(r.status()).as(r.body()).isEqualTo(503);
        assertThat(r.header("Retry-After")).isEqualTo("7");
        assertThat(r.json().get("error").asText()).isEqualTo("kafka_unavailable");
        assertThat(r.json().get("retryAfterSeconds").asInt()).isEqualTo(7);
        assertThat(r.json().get("message").asText()).contains("nothing of this request was accepted");
        assertThat(r.json().has("accepted")).isFalse();
        assertThat(ms).as("answered within the configured bound").isLessThan(10_000);
        // a second try fails the same way, as fast
        assertThat(http.post("/api/v1/events", TOKEN, "application/x-ndjson", body).status()).isEqualTo(503);
    }

    @Test
    void healthIsDownWithoutABroker() {
        Response h = new Http(port).get("/actuator/health");
        assertThat(h.status()).isEqualTo(503);
        assertThat(h.json().get("components").get("kafka").get("status").asText()).isEqualTo("DOWN");
    }
}
