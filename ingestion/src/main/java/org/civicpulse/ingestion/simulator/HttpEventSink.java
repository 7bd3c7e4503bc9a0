package org.civicpulse.ingestion.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.civicpulse.domain.event.DossierWithdrawn;
import org.civicpulse.domain.event.Event;
import org.civicpulse.domain.event.EventCodec;

/**
 * Posts events to {@code POST /api/v1/events} as NDJSON batches, each with the token of the events'
 * source, and appends each event to the {@link Ledger} once ingestion answered 200 for it.
 *
 * <p><b>Order.</b> Events are spread over lanes by a hash of their aggregate id (one group of lanes for
 * the one-stop and payment sources, which share dossier ids; one group per other source). A lane sends
 * one request at a time and resends it until it is acknowledged before it sends the next, so an
 * aggregate's events reach ingestion in order even with several requests in flight across lanes.
 * A request carries one source (its token); an aggregate's events of two sources (dossier.paid from
 * payment between one-stop events) never share a lane chunk: the later ones wait for the next chunk.
 *
 * <p><b>Failures.</b> 503/429: wait for {@code Retry-After} and resend (nothing of the request counted).
 * Connection errors and other 5xx: resend with backoff (1 s doubling to 30 s), forever: ingestion
 * may be restarting; re-sent ids are no-ops downstream. 413: split the batch in halves. 401, 403, 400:
 * fatal. A 200 whose error list was truncated is split and resent, so the ledger knows every rejected id.
 */
final class HttpEventSink implements EventSink {

    /** Marks the end of a lane's queue. */
    private static final Event POISON = new DossierWithdrawn("poison", OffsetDateTime.MIN, "-", "-", "-");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final Map<String, String> tokens;
    private final Ledger ledger;
    private final int batchSize;
    private final long lingerNanos;
    private final PrintStream log;
    private final EventCodec codec = EventCodec.lenient();
    private final HttpClient http;
    private final Map<String, Lane[]> groups = new HashMap<>();
    private final List<Lane> lanes = new ArrayList<>();

    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger rejectLogs = new AtomicInteger();
    private volatile RuntimeException fatal;
    private volatile String lastProblem = "";
    private final AtomicLong lastProblemLogged = new AtomicLong(System.nanoTime() - 10_000_000_000L);

    /**
     * @param baseUrl     ingestion's base URL, e.g. http://127.0.0.1:8090
     * @param tokens      source → token
     * @param ledger      where acknowledged events go (null: none)
     * @param concurrency lanes for dossier events (other sources get half as many, at least one)
     * @param batchSize   events per request (at most)
     * @param linger      how long a lane waits for more events before sending a short batch
     */
    HttpEventSink(String baseUrl, Map<String, String> tokens, Ledger ledger, int concurrency, int batchSize,
                  Duration linger, PrintStream log) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.endpoint = URI.create(base + "/api/v1/events");
        this.tokens = Map.copyOf(tokens);
        this.ledger = ledger;
        this.batchSize = batchSize;
        this.lingerNanos = linger.toNanos();
        this.log = log;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        int others = Math.max(1, concurrency / 2);
        addGroup("dossier", Math.max(1, concurrency));
        for (String source : List.of(CitySimulator.SOURCE_PORTAL, CitySimulator.SOURCE_E_OFFICE,
                CitySimulator.SOURCE_UPTIME, CitySimulator.SOURCE_REPORTS)) {
            addGroup(source, source.equals(CitySimulator.SOURCE_PORTAL) ? others : 1);
        }
        for (Lane l : lanes) {
            l.thread.start();
        }
    }

    private void addGroup(String name, int n) {
        Lane[] g = new Lane[n];
        for (int i = 0; i < n; i++) {
            g[i] = new Lane(name + "-" + i, 4 * batchSize);
            lanes.add(g[i]);
        }
        groups.put(name, g);
    }

    /** Reads {@code source=token} lines ({@code #} comments, blank lines ignored). */
    static Map<String, String> readTokens(Path file) {
        Map<String, String> m = new TreeMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read token file " + file, e);
        }
        int n = 0;
        for (String raw : lines) {
            n++;
            String line = (n == 1 && raw.startsWith("\uFEFF") ? raw.substring(1) : raw).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(file + " line " + n + ": expected source=token");
            }
            m.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
        return m;
    }

    @Override
    public void accept(Event e) throws InterruptedException {
        RuntimeException f = fatal;
        if (f != null) {
            throw f;
        }
        if (!tokens.containsKey(e.source())) {
            throw fail(new SinkFailedException("no token for source " + e.source() + " in the token file", null));
        }
        String source = e.source();
        Lane[] g = groups.get(source.equals(CitySimulator.SOURCE_PAYMENT) || source.equals(CitySimulator.SOURCE_ONE_STOP)
                ? "dossier" : source);
        if (g == null) {
            g = groups.get("dossier");
        }
        Lane lane = g[Math.floorMod(e.aggregateId().hashCode(), g.length)];
        while (!lane.queue.offer(e, 200, TimeUnit.MILLISECONDS)) {
            f = fatal;
            if (f != null) {
                throw f;
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (Lane l : lanes) {
            while (!l.queue.offer(POISON, 200, TimeUnit.MILLISECONDS)) {
                if (fatal != null || !l.thread.isAlive()) {
                    break;
                }
            }
        }
        for (Lane l : lanes) {
            l.thread.join();
        }
        if (ledger != null) {
            ledger.flush();
        }
        if (fatal != null) {
            throw fatal;
        }
    }

    /** Stops the lanes without sending what they hold (for an interrupted run). */
    void abort() {
        for (Lane l : lanes) {
            l.thread.interrupt();
        }
    }

    @Override
    public long acknowledged() {
        return acked.get();
    }

    @Override
    public long rejected() {
        return rejected.get();
    }

    @Override
    public long retries() {
        return retries.get();
    }

    @Override
    public String status() {
        int queued = 0;
        for (Lane l : lanes) {
            queued += l.queue.size();
        }
        String p = lastProblem;
        return "requests " + requests.get() + ", in flight " + inFlight.get() + ", queued " + queued
                + (retries.get() > 0 ? ", retries " + retries.get() : "") + (p.isEmpty() ? "" : ", last problem: " + p);
    }

    private RuntimeException fail(RuntimeException e) {
        if (fatal == null) {
            fatal = e;
        }
        return fatal;
    }

    /** One lane: a queue and a thread that sends its events in order, one request at a time. */
    private final class Lane implements Runnable {
        final BlockingQueue<Event> queue;
        final Thread thread;

        Lane(String name, int capacity) {
            this.queue = new ArrayBlockingQueue<>(capacity);
            this.thread = new Thread(this, "sim-http-" + name);
            this.thread.setDaemon(true);
        }

        @Override
        public void run() {
            try {
                loop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                fail(e instanceof SinkFailedException ? e : new SinkFailedException(e.toString(), e));
            }
        }

        private void loop() throws InterruptedException {
            ArrayDeque<Event> carry = new ArrayDeque<>();
            boolean eof = false;
            while ((!eof || !carry.isEmpty()) && fatal == null) {
                Map<String, List<Event>> bySource = new LinkedHashMap<>();
                Map<String, String> aggregateSource = new HashMap<>();
                Set<String> blocked = new HashSet<>();
                ArrayDeque<Event> next = new ArrayDeque<>();
                int[] placed = {0};
                boolean full = false;
                while (!carry.isEmpty()) {
                    Event e = carry.poll();
                    if (full || !place(e, bySource, aggregateSource, blocked)) {
                        next.add(e);
                    } else {
                        placed[0]++;
                        full = isFull(bySource);
                    }
                }
                long lingerEnd = System.nanoTime() + lingerNanos;
                while (!full && !eof) {
                    Event e;
                    if (placed[0] == 0 && next.isEmpty()) {
                        e = queue.poll(200, TimeUnit.MILLISECONDS);
                        if (e == null) {
                            if (fatal != null) {
                                return;
                            }
                            lingerEnd = System.nanoTime() + lingerNanos;
                            continue;
                        }
                    } else {
                        e = queue.poll();
                        if (e == null) {
                            long wait = lingerEnd - System.nanoTime();
                            if (wait <= 0) {
                                break;
                            }
                            e = queue.poll(wait, TimeUnit.NANOSECONDS);
                            if (e == null) {
                                break;
                            }
                        }
                    }
                    if (e == POISON) {
                        eof = true;
                        break;
                    }
                    if (place(e, bySource, aggregateSource, blocked)) {
                        placed[0]++;
                        full = isFull(bySource);
                    } else {
                        next.add(e);
                    }
                }
                carry = next;
                for (Map.Entry<String, List<Event>> b : bySource.entrySet()) {
                    if (!b.getValue().isEmpty()) {
                        send(b.getKey(), b.getValue());
                    }
                }
            }
        }

        private boolean isFull(Map<String, List<Event>> bySource) {
            for (List<Event> b : bySource.values()) {
                if (b.size() >= batchSize) {
                    return true;
                }
            }
            return false;
        }

        /** Adds e to its source's batch unless its aggregate already has events of another source in this chunk. */
        private boolean place(Event e, Map<String, List<Event>> bySource, Map<String, String> aggregateSource,
                              Set<String> blocked) {
            String a = e.aggregateId();
            if (blocked.contains(a)) {
                return false;
            }
            String s0 = aggregateSource.get(a);
            if (s0 != null && !s0.equals(e.source())) {
                blocked.add(a);
                return false;
            }
            List<Event> b = bySource.computeIfAbsent(e.source(), k -> new ArrayList<>(batchSize));
            if (b.size() >= batchSize) {
                blocked.add(a);
                return false;
            }
            b.add(e);
            aggregateSource.put(a, e.source());
            return true;
        }
    }

    /** Sends one batch until it is acknowledged (splitting it on 413 or truncated errors). */
    private void send(String source, List<Event> batch) throws InterruptedException {
        byte[] body = encode(batch);
        long backoffMs = 1000;
        while (true) {
            if (fatal != null) {
                throw new InterruptedException("sink failed");
            }
            HttpRequest req = HttpRequest.newBuilder(endpoint)
                    .timeout(Duration.ofSeconds(120))
                    .header("Authorization", "Bearer " + tokens.get(source))
                    .header("Content-Type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            HttpResponse<String> resp;
            requests.incrementAndGet();
            inFlight.incrementAndGet();
            try {
                resp = http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                problem("POST " + endpoint + " failed: " + e + "; resending in " + backoffMs + " ms");
                retries.incrementAndGet();
                Thread.sleep(backoffMs);
                backoffMs = Math.min(30_000, backoffMs * 2);
                continue;
            } finally {
                inFlight.decrementAndGet();
            }
            int status = resp.statusCode();
            if (status == 200) {
                JsonNode answer;
                try {
                    answer = JSON.readTree(resp.body());
                } catch (IOException e) {
                    throw fail(new SinkFailedException("ingestion answered 200 with a body that is not JSON: "
                            + abbreviate(resp.body()), e));
                }
                if (answer.path("errorsTruncated").asBoolean(false) && batch.size() > 1) {
                    // Cannot tell every rejected event: resend in halves (accepted ids are no-ops).
                    split(source, batch);
                    return;
                }
                acknowledge(batch, answer);
                lastProblem = "";
                return;
            }
            if (status == 503 || status == 429) {
                long wait = retryAfterMillis(resp);
                problem("ingestion answered " + status + " (" + abbreviate(resp.body()) + "); resending in "
                        + wait / 1000.0 + " s");
                retries.incrementAndGet();
                Thread.sleep(wait);
                continue;
            }
            if (status == 413 && batch.size() > 1) {
                split(source, batch);
                return;
            }
            if (status == 401 || status == 403 || status == 400 || status == 413 || status == 404 || status == 415) {
                throw fail(new SinkFailedException("ingestion answered " + status + " for source " + source
                        + (status == 401 ? " (token unknown: check --token-file against ingestion's tokens)"
                        : status == 403 ? " (this token may not send these event types)" : "")
                        + ": " + abbreviate(resp.body()), null));
            }
            problem("ingestion answered " + status + ": " + abbreviate(resp.body()) + "; resending in " + backoffMs + " ms");
            retries.incrementAndGet();
            Thread.sleep(backoffMs);
            backoffMs = Math.min(30_000, backoffMs * 2);
        }
    }

    private void split(String source, List<Event> batch) throws InterruptedException {
        int half = batch.size() / 2;
        send(source, new ArrayList<>(batch.subList(0, half)));
        send(source, new ArrayList<>(batch.subList(half, batch.size())));
    }

    private byte[] encode(List<Event> batch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(batch.size() * 320);
        for (Event e : batch) {
            out.writeBytes(codec.toJsonBytes(e));
            out.write('\n');
        }
        return out.toByteArray();
    }

    private void acknowledge(List<Event> batch, JsonNode answer) {
        Set<String> rejectedIds = new HashSet<>();
        Set<Long> rejectedLines = new HashSet<>();
        for (JsonNode err : answer.path("errors")) {
            if (err.hasNonNull("id")) {
                rejectedIds.add(err.get("id").asText());
            } else {
                rejectedLines.add(err.path("line").asLong(-1));
            }
            if (rejectLogs.getAndIncrement() < 20) {
                log.println("simulator: ingestion rejected " + err.path("id").asText("line " + err.path("line").asText())
                        + ": " + err.path("code").asText() + " " + err.path("message").asText());
            }
        }
        List<Event> ok = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Event e = batch.get(i);
            if (!rejectedIds.contains(e.id()) && !rejectedLines.contains((long) i + 1)) {
                ok.add(e);
            }
        }
        if (ledger != null && !ok.isEmpty()) {
            ledger.append(ok);
        }
        acked.addAndGet(ok.size());
        rejected.addAndGet(batch.size() - ok.size());
    }

    private static long retryAfterMillis(HttpResponse<?> resp) {
        String v = resp.headers().firstValue("Retry-After").orElse("").strip();
        if (v.isEmpty()) {
            return 5000;
        }
        try {
            return Math.max(100, (long) (Double.parseDouble(v) * 1000));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                return Math.max(100, Duration.between(ZonedDateTime.now(at.getZone()), at).toMillis());
            } catch (RuntimeException ex) {
                return 5000;
            }
        }
    }

    private void problem(String message) {
        long now = System.nanoTime();
        long last = lastProblemLogged.get();
        if (now - last > 5_000_000_000L && lastProblemLogged.compareAndSet(last, now)) {
            log.println("simulator: " + message);
        }
        lastProblem = message;
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        String one = s.replace('\n', ' ');
        return one.length() > 300 ? one.substring(0, 300) + "…" : one;
    }
}
