package org.civicpulse.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobConfigTest {

    @Test
    void defaults() {
        JobConfig c = JobConfig.fromEnv(Map.of("CHECKPOINT_DIR", "/tmp/cp"));
        assertThat(c.kafkaBootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(c.topic()).isEqualTo("civicpulse.events.v1");
        assertThat(c.rejectedTopic()).isEqualTo("civicpulse.rejected.v1");
        assertThat(c.groupId()).isEqualTo("civicpulse-facts");
        assertThat(c.clickHouse().url()).isEqualTo("http://127.0.0.1:8123");
        assertThat(c.clickHouse().database()).isEqualTo("civicpulse");
        assertThat(c.clickHouse().maxBufferedRows()).isEqualTo(5000);
        assertThat(c.clickHouse().flushInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.checkpointDir()).isEqualTo("file:///tmp/cp");
        assertThat(c.checkpointInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.outOfOrderness()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.idleness()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.webUi()).isTrue();
        assertThat(c.restPort()).isEqualTo("8081");

        Configuration f = c.flinkConfiguration(true);
        assertThat(f.get(CheckpointingOptions.CHECKPOINTING_INTERVAL)).isEqualTo(Duration.ofSeconds(5));
        assertThat(f.get(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE)).isEqualTo(CheckpointingMode.EXACTLY_ONCE);
        assertThat(f.get(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION))
                .isEqualTo(ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        assertThat(f.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).isEqualTo("file:///tmp/cp");
        assertThat(f.get(RestartStrategyOptions.RESTART_STRATEGY)).isEqualTo("fixed-delay");
        assertThat(f.get(CoreOptions.DEFAULT_PARALLELISM)).isEqualTo(1);
        assertThat(f.get(RestOptions.BIND_ADDRESS)).isEqualTo("127.0.0.1");
        assertThat(f.get(RestOptions.BIND_PORT)).isEqualTo("8081");
        assertThat(f.contains(StateRecoveryOptions.SAVEPOINT_PATH)).isFalse();

        // on a cluster: no parallelism unless asked for, no REST settings
        Configuration cluster = c.flinkConfiguration(false);
        assertThat(cluster.contains(CoreOptions.DEFAULT_PARALLELISM)).isFalse();
        assertThat(cluster.contains(RestOptions.BIND_PORT)).isFalse();
    }

    @Test
    void everythingFromTheEnvironment() {
        JobConfig c = JobConfig.fromEnv(Map.ofEntries(
                Map.entry("KAFKA_BOOTSTRAP_SERVERS", "k1:9092,k2:9092"),
                Map.entry("CIVICPULSE_EVENTS_TOPIC", "t"),
                Map.entry("CIVICPULSE_REJECTED_TOPIC", "r"),
                Map.entry("KAFKA_GROUP_ID", "g"),
                Map.entry("CLICKHOUSE_URL", "http://ch:8123"),
                Map.entry("CLICKHOUSE_DATABASE", "d"),
                Map.entry("CLICKHOUSE_USER", "u"),
                Map.entry("CLICKHOUSE_PASSWORD", "p"),
                Map.entry("CLICKHOUSE_BATCH_ROWS", "100"),
                Map.entry("CHECKPOINT_DIR", "file:///data/cp"),
                Map.entry("CHECKPOINT_INTERVAL_MS", "10000"),
                Map.entry("RESTORE_FROM", "file:///data/cp/abc/chk-7"),
                Map.entry("FLINK_PARALLELISM", "2"),
                Map.entry("FLINK_WEB_UI", "false"),
                Map.entry("FLINK_REST_PORT", "18081"),
                Map.entry("WATERMARK_OUT_OF_ORDERNESS_MS", "2000"),
                Map.entry("FLINK_PROPERTIES", "taskmanager.memory.process.size: 1g\n# comment\nstate.backend.type: hashmap")));

        assertThat(c.topic()).isEqualTo("t");
        assertThat(c.rejectedTopic()).isEqualTo("r");
        assertThat(c.clickHouse().url()).isEqualTo("http://ch:8123");
        assertThat(c.clickHouse().user()).isEqualTo("u");
        assertThat(c.clickHouse().password()).isEqualTo("p");
        assertThat(c.clickHouse().toString()).doesNotContain("p]").doesNotContain("password");
        assertThat(c.clickHouse().maxBufferedRows()).isEqualTo(100);
        assertThat(c.webUi()).isFalse();
        assertThat(c.outOfOrderness()).isEqualTo(Duration.ofSeconds(2));

        Configuration f = c.flinkConfiguration(false);
        assertThat(f.get(StateRecoveryOptions.SAVEPOINT_PATH)).isEqualTo("file:///data/cp/abc/chk-7");
        assertThat(f.get(CoreOptions.DEFAULT_PARALLELISM)).isEqualTo(2);
        assertThat(f.get(CheckpointingOptions.CHECKPOINTING_INTERVAL)).isEqualTo(Duration.ofSeconds(10));
        assertThat(f.toMap()).containsEntry("taskmanager.memory.process.size", "1g")
                .containsEntry("state.backend.type", "hashmap");
    }

    @Test
    void restoreFromLatestPicksTheNewestCompleteCheckpoint(@TempDir Path dir) throws Exception {
        Path old = Files.createDirectories(dir.resolve("job1/chk-3"));
        Files.writeString(old.resolve("_metadata"), "x");
        Files.setLastModifiedTime(old.resolve("_metadata"), FileTime.fromMillis(1_000));
        Path newer = Files.createDirectories(dir.resolve("job2/chk-9"));
        Files.writeString(newer.resolve("_metadata"), "x");
        Files.setLastModifiedTime(newer.resolve("_metadata"), FileTime.fromMillis(2_000));
        Files.createDirectories(dir.resolve("job2/chk-10")); // in progress: no _metadata
        Files.createDirectories(dir.resolve("job2/shared"));

        JobConfig c = JobConfig.fromEnv(Map.of("CHECKPOINT_DIR", dir.toString(), "RESTORE_FROM", "latest"));
        assertThat(c.resolveRestorePath()).contains(newer.toUri().toString());

        JobConfig empty = JobConfig.fromEnv(Map.of("CHECKPOINT_DIR", dir.resolve("none").toString(),
                "RESTORE_FROM", "latest"));
        assertThat(empty.resolveRestorePath()).isEmpty();
    }

    @Test
    void rejectsBadNumbers() {
        assertThatThrownBy(() -> JobConfig.fromEnv(Map.of("CHECKPOINT_INTERVAL_MS", "soon")))
                .hasMessageContaining("CHECKPOINT_INTERVAL_MS");
        assertThatThrownBy(() -> JobConfig.fromEnv(Map.of("FLINK_PARALLELISM", "0")))
                .hasMessageContaining("FLINK_PARALLELISM");
        assertThatThrownBy(() -> JobConfig.fromEnv(Map.of("FLINK_PROPERTIES", "novalue")))
                .hasMessageContaining("FLINK_PROPERTIES");
    }

    @Test
    void programArgumentsOverrideTheEnvironment() {
        Map<String, String> merged = JobConfig.withArgs(Map.of("CLICKHOUSE_URL", "http://a:8123", "KAFKA_GROUP_ID", "g"),
                new String[] {"--CLICKHOUSE_URL=http://b:8123", "FLINK_PROPERTIES=a: b=c"});
        JobConfig c = JobConfig.fromEnv(merged);
        assertThat(c.clickHouse().url()).isEqualTo("http://b:8123");
        assertThat(c.groupId()).isEqualTo("g");
        assertThat(c.extraFlinkProperties()).containsEntry("a", "b=c");
        assertThatThrownBy(() -> JobConfig.withArgs(Map.of(), new String[] {"--verbose"}))
                .hasMessageContaining("NAME=value");
    }
}
