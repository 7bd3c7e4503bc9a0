package org.civicpulse.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civicpulse.streaming.TestEvents.days;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.civicpulse.streaming.rows.FactRows;
import org.civicpulse.streaming.rows.Tables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EventFactsJobTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    private static final ObjectMapper JSON = new ObjectMapper();

    static CollectingSink run(int parallelism) throws Exception {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false); // every record type is a POJO: no Kryo anywhere
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        CollectingSink sink = new CollectingSink();
        EventFactsJob job = new EventFactsJob(BoundedSource.of(JobScenario.records()),
                BoundedSource.of(JobScenario.deadLetters()), new FactSinks(sink));
        job.build(env);
        env.execute("event-facts-test");
        return sink;
    }

    /** The row with the highest version per key: what ClickHouse's ReplacingMergeTree keeps. */
    static Map<String, JsonNode> latest(List<String> rows, String key) {
        return rows.stream().map(EventFactsJobTest::parse).collect(Collectors.toMap(n -> n.get(key).asText(),
                Function.identity(),
                (a, b) -> Comparator.<JsonNode>comparingLong(n -> n.get("version").asLong()).compare(a, b) >= 0 ? a : b));
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void turnsEventsIntoFacts() throws Exception {
        CollectingSink sink = run(1);

        // every parseable record gets an events row (duplicates too: the table deduplicates by id)
        assertThat(sink.rows(Tables.EVENTS)).hasSize(JobScenario.PARSEABLE_RECORDS);
        assertThat(sink.rows(Tables.LOGIN_FACTS)).hasSize(1);
        assertThat(sink.rows(Tables.DOCUMENT_FACTS)).hasSize(1);
        assertThat(sink.rows(Tables.PROBE_FACTS)).hasSize(1);
        assertThat(sink.rows(Tables.REPORT_ACTIONS)).hasSize(1);
        assertThat(sink.rows(Tables.ORG_UNITS)).hasSize(1);
        assertThat(sink.rows(Tables.PROCEDURES)).hasSize(1);
        assertThat(sink.rows(Tables.ORG_MERGERS)).hasSize(1);

        Map<String, JsonNode> dossiers = latest(sink.rows(Tables.DOSSIER_FACTS), "dossier_id");
        assertThat(dossiers).containsOnlyKeys("D-1", "D-2", "D-3", "D-4");

        JsonNode d1 = dossiers.get("D-1");
        assertThat(d1.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(d1.get("on_time").asInt()).isEqualTo(1);
        assertThat(d1.get("supplement_wait_seconds").asLong()).isEqualTo(36 * 3600);
        assertThat(d1.get("amount_vnd").asLong()).isEqualTo(100_000);
        assertThat(d1.get("received_at").asText()).isEqualTo(FactRows.formatTime(TestEvents.millis(days(0))));
        assertThat(d1.get("returned_via").asText()).isEqualTo("POSTAL");
        assertThat(d1.get("rating").asInt()).isEqualTo(4);
        assertThat(d1.get("event_count").asInt()).isEqualTo(7);
        assertThat(d1.get("version").asLong()).isEqualTo(14);

        JsonNode d2 = dossiers.get("D-2");
        assertThat(d2.get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(d2.get("on_time").isNull()).isTrue();
        assertThat(d2.get("overdue_now").asInt()).isEqualTo(1); // end of input: the watermark passes every due time
        assertThat(d2.get("version").asLong()).isEqualTo(3);

        JsonNode d3 = dossiers.get("D-3");
        assertThat(d3.get("status").asText()).isEqualTo("WITHDRAWN");
        assertThat(d3.get("overdue_now").asInt()).isZero();

        JsonNode d4 = dossiers.get("D-4");
        assertThat(d4.get("on_time").asInt()).isZero();
        assertThat(d4.get("supplement_requests").asInt()).isEqualTo(2);

        Map<String, JsonNode> feedback = latest(sink.rows(Tables.FEEDBACK_FACTS), "feedback_id");
        JsonNode fb = feedback.get("FB-1");
        assertThat(fb.get("dossier_id").asText()).isEqualTo("D-1");
        assertThat(fb.get("received_at").asText()).isEqualTo(FactRows.formatTime(TestEvents.millis(days(1))));
        assertThat(fb.get("answered_at").asText()).isEqualTo(FactRows.formatTime(TestEvents.millis(days(3))));
        assertThat(fb.get("version").asInt()).isEqualTo(2);
    }

    @Test
    void everyDeadLetterBecomesARejectedEventsRow() throws Exception {
        CollectingSink sink = run(1);

        Map<String, JsonNode> rejected = sink.rows(Tables.REJECTED_EVENTS).stream().map(EventFactsJobTest::parse)
                .collect(Collectors.toMap(n -> n.get("dead_letter_id").asText(), Function.identity()));
        assertThat(rejected).containsOnlyKeys("civicpulse.rejected.v1-0@0", "civicpulse.rejected.v1-0@1",
                "civicpulse.rejected.v1-0@2", "civicpulse.rejected.v1-0@3");

        JsonNode missing = rejected.get("civicpulse.rejected.v1-0@0");
        assertThat(missing.get("source").asText()).isEqualTo("one-stop-shop");
        assertThat(missing.get("unit").asText()).isEqualTo(TestEvents.UNIT);
        assertThat(missing.get("received_at").asText()).isEqualTo(FactRows.formatTime(TestEvents.millis(days(0.5))));
        assertThat(missing.get("error_codes")).extracting(JsonNode::asText).containsExactly("MISSING_FIELD", "MISSING_FIELD");
        assertThat(missing.get("first_error").asText()).isEqualTo("MISSING_FIELD");
        assertThat(missing.get("payload").asText()).isEqualTo(JobScenario.MISSING_DUE_AT);

        assertThat(rejected.get("civicpulse.rejected.v1-0@1").get("unit").asText()).isEmpty(); // broken JSON
        assertThat(rejected.get("civicpulse.rejected.v1-0@2").get("unit").asText()).isEmpty();
        assertThat(rejected.get("civicpulse.rejected.v1-0@2").get("first_error").asText()).isEqualTo("MALFORMED_CSV");

        JsonNode unreadable = rejected.get("civicpulse.rejected.v1-0@3");
        assertThat(unreadable.get("source").asText()).isEmpty();
        assertThat(unreadable.get("unit").asText()).isEmpty();
        assertThat(unreadable.get("first_error").asText()).isEqualTo("UNREADABLE_DEAD_LETTER");
        assertThat(unreadable.get("payload").asText()).isEqualTo(JobScenario.NOT_A_DEAD_LETTER);

        // dead letters are no events: they add nothing to the other tables
        assertThat(sink.rows(Tables.EVENTS)).hasSize(JobScenario.PARSEABLE_RECORDS);
    }

    @Test
    void sameFinalFactsWithParallelismTwo() throws Exception {
        CollectingSink one = run(1);
        CollectingSink two = run(2);
        assertThat(latest(two.rows(Tables.DOSSIER_FACTS), "dossier_id"))
                .isEqualTo(latest(one.rows(Tables.DOSSIER_FACTS), "dossier_id"));
        assertThat(latest(two.rows(Tables.FEEDBACK_FACTS), "feedback_id"))
                .isEqualTo(latest(one.rows(Tables.FEEDBACK_FACTS), "feedback_id"));
        assertThat(two.rows(Tables.REJECTED_EVENTS)).containsExactlyInAnyOrderElementsOf(one.rows(Tables.REJECTED_EVENTS));
    }
}
