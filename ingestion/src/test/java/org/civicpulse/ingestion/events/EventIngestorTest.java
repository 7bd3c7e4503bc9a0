package org.civicpulse.ingestion.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.civicpulse.ingestion.IngestionProperties;
import org.civicpulse.ingestion.auth.SourceCredential;
import org.civicpulse.ingestion.auth.TypePolicy;
import org.civicpulse.ingestion.kafka.EventPublisher;
import org.civicpulse.ingestion.support.IngestionTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** The validation + record building of one batch, with the Kafka side stubbed (the API tests use a real broker). */
class EventIngestorTest {

    private final List<ProducerRecord<String, String>> sent = new ArrayList<>();

    @SuppressWarnings("unchecked")
    private EventIngestor ingestor() throws Exception {
        EventPublisher publisher = mock(EventPublisher.class);
        when(publisher.eventsTopic()).thenReturn("events");
        when(publisher.rejectedTopic()).thenReturn("rejected");
        doAnswer(inv -> sent.addAll(inv.getArgument(0))).when(publisher).publishAll(anyList());
        return new EventIngestor(publisher, new IngestionProperties(Map.of(), null, Map.of(), "catalog",
                DataSize.ofMegabytes(10), DataSize.ofKilobytes(900), Duration.ofMinutes(5), Duration.ofSeconds(5), 2));
    }

    @Test
    void duplicateIdsCountOnlyAgainstAcceptedEventsAndErrorsAreCapped() throws Exception {
        EventIngestor.Batch b = ingestor().newBatch(new SourceCredential("sim", TypePolicy.of("sim", null, "catalog")),
                UnaryOperator.identity());
        String bad = IngestionTestBase.dossierPaid("a", "sim", "D").replace("\"online\":true,", "");
        b.add(1, bad, bad);                                                  // rejected: id a not taken
        b.add(2, IngestionTestBase.dossierPaid("a", "sim", "D"), "x");       // accepted
        b.add(3, IngestionTestBase.dossierPaid("a", "sim", "D"), "x");       // duplicate
        b.add(4, "nope", "nope");
        IngestResult r = b.publish();
        assertThat(r.accepted()).isEqualTo(1);
        assertThat(r.rejected()).isEqualTo(3);
        assertThat(r.errors()).extracting(LineError::line, LineError::code)
                .containsExactly(tuple(1L, "MISSING_FIELD"),
                        tuple(3L, "DUPLICATE_ID"));
        assertThat(r.errorsTruncated()).isTrue();
        assertThat(sent).extracting(ProducerRecord::topic).containsExactly("rejected", "events", "rejected", "rejected");
    }

    @Test
    void deadLettersStayBelowTheKafkaRecordLimit() throws Exception {
        EventIngestor.Batch b = ingestor().newBatch(new SourceCredential("sim", TypePolicy.of("sim", null, "catalog")),
                UnaryOperator.identity());
        String line = "{\"id\":\"big\",\"pad\":\"" + "\u0001".repeat(800 * 1024) + "\"}"; // raw control characters: not JSON
        b.add(1, line, line);
        b.publish();
        String value = sent.get(0).value();
        assertThat(value.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(EventIngestor.MAX_DEAD_LETTER_BYTES);
        JsonNode v = new ObjectMapper().readTree(value);
        assertThat(v.get("payloadTruncated").asBoolean()).isTrue();
        assertThat(line).startsWith(v.get("payload").asText());
        assertThat(v.get("errors").get(0).get("code").asText()).isEqualTo("MALFORMED_JSON");
    }
}
