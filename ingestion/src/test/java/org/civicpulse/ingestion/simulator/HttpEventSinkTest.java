package org.civicpulse.ingestion.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.civicpulse.domain.event.DossierPaid;
import org.civicpulse.domain.event.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Posting to ingestion (a stand-in server): batching, tokens, order per aggregate, 503, rejects, ledger. */
class HttpEventSinkTest {

    @TempDir
    Path tmp;

    private static List<Event> sample() {
        return SimTestSupport.generate(SimTestSupport.small(600), CitySimulator.Options.range(8,
                SimTestSupport.start("2026-03-02"), SimTestSupport.start("2026-03-05")));
    }

    @Test
    void sendsInOrderPerAggregateResendsAfter503AndLedgersOnlyAcceptedEvents() throws Exception {
        List<Event> events = sample();
        String rejectedId = events.stream().filter(e -> e instanceof DossierPaid).findFirst().orElseThrow().id();
        Path ledgerFile = tmp.resolve("ledger.csv");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (FakeIngestion server = new FakeIngestion()) {
            server.reject.add(rejectedId);
            server.unavailable.set(2);
            Ledger ledger = new Ledger(ledgerFile);
            HttpEventSink sink = new HttpEventSink(server.url(), server.tokens, ledger, 3, 250, Duration.ofMillis(20),
                    new PrintStream(log, true));
            for (Event e : events) {
                sink.accept(e);
            }
            sink.close();
            ledger.close();

            assertThat(server.answered503.get()).isEqualTo(2);
            assertThat(sink.retries()).isEqualTo(2);
            assertThat(sink.acknowledged()).isEqualTo(events.size() - 1);
            assertThat(sink.rejected()).isEqualTo(1);
            assertThat(log.toString()).contains(rejectedId).contains("503");
            assertThat(server.maxConcurrent.get()).as("requests in flight at once").isGreaterThan(1);

            // Every request: one source, at most the batch size.
            Map<String, List<String>> received = new HashMap<>();
            int lines = 0;
            for (FakeIngestion.Request r : server.accepted) {
                assertThat(r.events()).hasSizeLessThanOrEqualTo(250);
                for (Map<String, Object> e : r.events()) {
                    assertThat(e.get("source")).isEqualTo(r.source());
                    received.computeIfAbsent(aggregate(e), k -> new ArrayList<>()).add((String) e.get("id"));
                    lines++;
                }
            }
            assertThat(lines).isEqualTo(events.size() - 1);
            // Each aggregate's events arrived in the order they were generated.
            Map<String, List<String>> generated = new HashMap<>();
            for (Event e : events) {
                if (!e.id().equals(rejectedId)) {
                    generated.computeIfAbsent(e.aggregateId(), k -> new ArrayList<>()).add(e.id());
                }
            }
            assertThat(received).isEqualTo(generated);
        }
        List<String> ledger = Files.readAllLines(ledgerFile);
        assertThat(ledger.get(0)).isEqualTo("id,type,aggregateId");
        assertThat(ledger).hasSize(events.size()); // header + all but the rejected one
        assertThat(ledger).doesNotContain(rejectedId).noneMatch(l -> l.startsWith(rejectedId + ","));
        assertThat(ledger.stream().skip(1).distinct().count()).isEqualTo(events.size() - 1);
        Event first = events.get(0);
        assertThat(ledger).contains(first.id() + "," + first.type().wire() + "," + first.aggregateId());
    }

    private static String aggregate(Map<String, Object> e) {
        String type = (String) e.get("type");
        if (type.startsWith("dossier.")) {
            return (String) e.get("dossierId");
        }
        if (type.startsWith("feedback.")) {
            return (String) e.get("feedbackId");
        }
        return switch (type) {
            case "portal.login" -> (String) e.get("userHash");
            case "document.processed" -> (String) e.get("documentId");
            case "service.probe" -> (String) e.get("service");
            default -> e.get("regime") + "/" + e.get("unit") + "/" + e.get("period");
        };
    }

    @Test
    void aTokenIngestionDoesNotKnowStopsTheRun() throws Exception {
        try (FakeIngestion server = new FakeIngestion()) {
            Map<String, String> wrong = new HashMap<>(server.tokens);
            wrong.put("portal", "not-the-portal-token-0000");
            HttpEventSink sink = new HttpEventSink(server.url(), wrong, null, 2, 100, Duration.ofMillis(10),
                    new PrintStream(new ByteArrayOutputStream()));
            assertThatThrownBy(() -> {
                for (Event e : sample()) {
                    sink.accept(e);
                }
                sink.close();
            }).isInstanceOf(EventSink.SinkFailedException.class).hasMessageContaining("401").hasMessageContaining("portal");
        }
    }

    @Test
    void readsTheTokenFile() throws Exception {
        Path f = tmp.resolve("tokens");
        Files.writeString(f, "\uFEFF# comment\n\none-stop = abc\nportal=def=ghi\n");
        assertThat(HttpEventSink.readTokens(f)).containsEntry("one-stop", "abc").containsEntry("portal", "def=ghi").hasSize(2);
    }
}
