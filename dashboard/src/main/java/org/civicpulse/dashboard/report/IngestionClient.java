package org.civicpulse.dashboard.report;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.civicpulse.domain.event.Event;
import org.civicpulse.domain.event.EventCodec;

/**
 * Posts events to the ingestion API ({@code POST /api/v1/events}, NDJSON, {@code Authorization: Bearer <token>} of
 * the {@code reports} source). An event counts as posted only when ingestion answers 200 with it accepted (ingestion
 * answers after Kafka acknowledged it); anything else is an {@link IngestionException} with the reason.
 */
public class IngestionClient {

    /** Posting failed: nothing was accepted. */
    public static final class IngestionException extends RuntimeException {
        public IngestionException(String message) {
            super(message);
        }

        public IngestionException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final IngestionProperties properties;
    private final EventCodec codec = new EventCodec();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public IngestionClient(IngestionProperties properties) {
        this.properties = Objects.requireNonNull(properties, "properties");
    }

    /** Whether a URL is configured. */
    public boolean configured() {
        return properties.url() != null && !properties.url().isBlank();
    }

    /** The source the events must carry. */
    public String source() {
        return properties.source();
    }

    public void post(Event event) {
        if (!configured()) {
            throw new IngestionException("civicpulse.ingestion.url is not set: the dashboard cannot post workflow events");
        }
        String url = properties.url().replaceAll("/+$", "") + "/api/v1/events";
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-ndjson")
                .header("Authorization", "Bearer " + token())
                .POST(HttpRequest.BodyPublishers.ofString(codec.toJson(event) + "\n", StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IngestionException("the ingestion service at " + properties.url() + " cannot be reached: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IngestionException("interrupted while posting to ingestion", e);
        }
        int status = response.statusCode();
        if (status == 503) {
            throw new IngestionException("the ingestion service is temporarily unavailable (Kafka); try again in a moment");
        }
        if (status == 401 || status == 403) {
            throw new IngestionException("the ingestion service refused the token of source '" + properties.source() + "' (" + status + ")");
        }
        if (status != 200) {
            throw new IngestionException("the ingestion service answered " + status + ": " + abbreviate(response.body()));
        }
        try {
            JsonNode body = JSON.readTree(response.body());
            if (body.path("accepted").asInt(-1) != 1) {
                JsonNode err = body.path("errors").path(0);
                throw new IngestionException("the ingestion service rejected the event: "
                        + (err.isMissingNode() ? abbreviate(response.body()) : err.path("code").asText() + " " + err.path("message").asText()));
            }
        } catch (IOException e) {
            throw new IngestionException("the ingestion service answered something that is not JSON: " + abbreviate(response.body()), e);
        }
    }

    private String token() {
        if (properties.token() != null && !properties.token().isBlank()) {
            return properties.token().strip();
        }
        if (properties.tokensFile() == null) {
            throw new IngestionException("no ingestion token: set civicpulse.ingestion.token or civicpulse.ingestion.tokens-file");
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(properties.tokensFile(), StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new IngestionException("cannot read the ingestion tokens file " + properties.tokensFile() + ": " + e.getMessage(), e);
        }
        String t = p.getProperty(properties.source());
        if (t == null || t.isBlank()) {
            throw new IngestionException("the tokens file " + properties.tokensFile() + " has no token for source '"
                    + properties.source() + "'");
        }
        return t.strip();
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
