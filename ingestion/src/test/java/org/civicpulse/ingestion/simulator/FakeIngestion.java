package org.civicpulse.ingestion.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for {@code POST /api/v1/events} in unit tests: checks the bearer token against a source
 * map, records the accepted lines, answers 503 with Retry-After for the first {@code unavailable}
 * requests, and rejects the event ids it is told to reject (200 with an error per line).
 */
final class FakeIngestion implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    /** One accepted request. */
    record Request(String source, List<Map<String, Object>> events) {
    }

    final Map<String, String> tokens = new HashMap<>();
    final List<Request> accepted = Collections.synchronizedList(new ArrayList<>());
    final Set<String> reject = ConcurrentHashMap.newKeySet();
    final AtomicInteger unavailable = new AtomicInteger();
    final AtomicInteger answered503 = new AtomicInteger();
    final AtomicInteger maxConcurrent = new AtomicInteger();
    private final AtomicInteger concurrent = new AtomicInteger();
    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(8);

    FakeIngestion() throws IOException {
        for (String s : List.of("one-stop", "portal", "payment", "e-office", "uptime", "reports")) {
            tokens.put(s, "token-of-" + s + "-0123456789");
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/events", this::handle);
        server.setExecutor(pool);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String tokenFileText() {
        StringBuilder sb = new StringBuilder("# test tokens\n");
        tokens.forEach((s, t) -> sb.append(s).append('=').append(t).append('\n'));
        return sb.toString();
    }

    @SuppressWarnings("unchecked")
    private void handle(HttpExchange x) throws IOException {
        int now = concurrent.incrementAndGet();
        maxConcurrent.accumulateAndGet(now, Math::max);
        try {
            String auth = x.getRequestHeaders().getFirst("Authorization");
            String source = null;
            for (Map.Entry<String, String> e : tokens.entrySet()) {
                if (("Bearer " + e.getValue()).equals(auth)) {
                    source = e.getKey();
                }
            }
            byte[] body = x.getRequestBody().readAllBytes();
            if (source == null) {
                respond(x, 401, "{\"error\":\"unknown token\"}");
                return;
            }
            if (unavailable.getAndDecrement() > 0) {
                answered503.incrementAndGet();
                x.getResponseHeaders().add("Retry-After", "1");
                respond(x, 503, "{\"error\":\"broker unavailable\"}");
                return;
            }
            List<Map<String, Object>> events = new ArrayList<>();
            List<Map<String, Object>> errors = new ArrayList<>();
            String[] lines = new String(body, StandardCharsets.UTF_8).split("\n");
            for (int i = 0; i < lines.length; i++) {
                Map<String, Object> e = JSON.readValue(lines[i], Map.class);
                if (!source.equals(e.get("source"))) {
                    respond(x, 403, "{\"error\":\"source mismatch\"}");
                    return;
                }
                if (reject.contains((String) e.get("id"))) {
                    Map<String, Object> err = new LinkedHashMap<>();
                    err.put("line", i + 1);
                    err.put("id", e.get("id"));
                    err.put("code", "INVALID_VALUE");
                    err.put("message", "rejected by the test");
                    errors.add(err);
                } else {
                    events.add(e);
                }
            }
            accepted.add(new Request(source, events));
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("accepted", events.size());
            answer.put("rejected", errors.size());
            answer.put("errors", errors);
            respond(x, 200, JSON.writeValueAsString(answer));
        } finally {
            concurrent.decrementAndGet();
        }
    }

    private static void respond(HttpExchange x, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(status, b.length);
        x.getResponseBody().write(b);
        x.close();
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
