package org.civicpulse.ingestion.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import org.civicpulse.ingestion.IngestionApplication;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The running service against the test broker ({@link TestKafka}), on a random port, with topics and
 * tokens unique to this JVM run (so reruns against a shared broker never see old data). Subclasses share
 * one Spring context.
 */
@SpringBootTest(classes = IngestionApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class IngestionTestBase {

    protected static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    protected static final String EVENTS_TOPIC = "test.civicpulse.events." + RUN;
    protected static final String REJECTED_TOPIC = "test.civicpulse.rejected." + RUN;

    protected static final String SIM_TOKEN = randomToken();
    protected static final String PORTAL_TOKEN = randomToken();
    protected static final String CATALOG_TOKEN = randomToken();
    protected static final String MUTED_TOKEN = randomToken();

    private static Path tokensFile;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        r.add("civicpulse.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        r.add("civicpulse.kafka.events-topic", () -> EVENTS_TOPIC);
        r.add("civicpulse.kafka.rejected-topic", () -> REJECTED_TOPIC);
        r.add("civicpulse.kafka.partitions", () -> "3");
        r.add("civicpulse.ingestion.sources.sim", () -> SIM_TOKEN);
        r.add("civicpulse.ingestion.sources.catalog", () -> CATALOG_TOKEN);
        r.add("civicpulse.ingestion.sources.muted", () -> MUTED_TOKEN);
        r.add("civicpulse.ingestion.allowed-types.muted", () -> "none");
        r.add("civicpulse.ingestion.tokens-file", () -> tokensFile().toString());
        r.add("civicpulse.ingestion.max-body-size", () -> "256KB");
        r.add("civicpulse.ingestion.max-event-size", () -> "16KB");
    }

    /** The tokens file: source {@code portal} is configured only here. */
    protected static synchronized Path tokensFile() {
        if (tokensFile == null) {
            try {
                tokensFile = Files.createTempFile("civicpulse-tokens-", ".properties");
                tokensFile.toFile().deleteOnExit();
                Files.writeString(tokensFile, "# test tokens, random per run\n\nportal=" + PORTAL_TOKEN + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return tokensFile;
    }

    public static String randomToken() {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    @LocalServerPort
    protected int port;

    protected Http http;

    @BeforeEach
    void waitUntilReady() {
        http = new Http(port);
        await("ingestion ready (/actuator/health UP)").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> http.get("/actuator/health").status() == 200);
    }

    /** A unique id prefix per test, so records of one test are told apart on the shared topics. */
    protected static String uniq(String what) {
        return what + "-" + RUN + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    // ------------------------------------------------------------------ event texts

    public static String dossierReceived(String id, String source, String dossierId) {
        return "{\"id\":\"" + id + "\",\"type\":\"dossier.received\",\"occurredAt\":\"2025-11-01T10:00:00+07:00\","
                + "\"source\":\"" + source + "\",\"unit\":\"00004\",\"dossierId\":\"" + dossierId + "\","
                + "\"procedure\":\"1.000656\",\"channel\":\"ONLINE\",\"applicant\":\"CITIZEN\","
                + "\"dueAt\":\"2025-11-10T17:00:00+07:00\",\"vneid\":true,\"fullProcess\":true}";
    }

    public static String dossierPaid(String id, String source, String dossierId) {
        return "{\"id\":\"" + id + "\",\"type\":\"dossier.paid\",\"occurredAt\":\"2025-11-01T11:00:00Z\","
                + "\"source\":\"" + source + "\",\"unit\":\"00004\",\"dossierId\":\"" + dossierId + "\","
                + "\"online\":true,\"amountVnd\":50000}";
    }
}
