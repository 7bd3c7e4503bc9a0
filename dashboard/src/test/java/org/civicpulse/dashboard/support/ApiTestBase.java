package org.civicpulse.dashboard.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The dashboard on a random port against the {@link TestCity} database, called over real HTTP. Every
 * subclass shares one application context (same properties), so the app starts once per JVM.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ApiTestBase.FixedClock.class)
public abstract class ApiTestBase {

    /** The app's clock in tests: {@link TestCity#NOW}, so open-period figures (projections) do not drift between calls. */
    @TestConfiguration(proxyBeanMethods = false)
    static class FixedClock {
        @Bean
        @Primary
        Clock fixedClock() {
            return Clock.fixed(TestCity.NOW, ZoneOffset.UTC);
        }
    }

    protected static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void clickHouse(DynamicPropertyRegistry registry) {
        TestCity.properties().forEach((k, v) -> registry.add(k, () -> v));
    }

    /** URL-encodes a query parameter value (so injection strings arrive exactly as written). */
    protected static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** GET {@code pathAndQuery} (already encoded) as {@code user}; null user = no credentials. */
    protected HttpResponse<byte[]> get(String user, String pathAndQuery) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(60)).GET();
        if (user != null) {
            b.header("Authorization", basic(user, TestCity.password(user)));
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected HttpResponse<byte[]> post(String user, String path) {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60)).header("Authorization", basic(user, TestCity.password(user)))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        try {
            return HTTP.send(r, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected HttpResponse<byte[]> getWithPassword(String user, String password, String pathAndQuery) {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(60)).header("Authorization", basic(user, password)).GET().build();
        try {
            return HTTP.send(r, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    protected static JsonNode json(HttpResponse<byte[]> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON (" + r.statusCode() + "): " + text(r), e);
        }
    }

    protected static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    /** A readable description of a response for assertion messages. */
    protected static String describe(HttpResponse<byte[]> r) {
        String body = text(r);
        return r.request().uri() + " → " + r.statusCode() + " " + (body.length() > 400 ? body.substring(0, 400) + "…" : body);
    }
}
