package org.civicpulse.streaming;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.civicpulse.streaming.clickhouse.ClickHouseSinkSettings;

/**
 * The job's configuration, from environment variables (all optional; defaults for a local run;
 * program arguments {@code NAME=value} override them, see {@link #withArgs}):
 *
 * <table>
 *   <tr><td>KAFKA_BOOTSTRAP_SERVERS</td><td>127.0.0.1:9092</td></tr>
 *   <tr><td>CIVICPULSE_EVENTS_TOPIC</td><td>civicpulse.events.v1</td></tr>
 *   <tr><td>CIVICPULSE_REJECTED_TOPIC</td><td>civicpulse.rejected.v1 (ingestion's dead letters → rejected_events)</td></tr>
 *   <tr><td>KAFKA_GROUP_ID</td><td>civicpulse-facts (offsets committed for monitoring only)</td></tr>
 *   <tr><td>CLICKHOUSE_URL / _DATABASE / _USER / _PASSWORD</td><td>http://127.0.0.1:8123 / civicpulse / default / (empty)</td></tr>
 *   <tr><td>CLICKHOUSE_BATCH_ROWS / CLICKHOUSE_FLUSH_INTERVAL_MS / CLICKHOUSE_MAX_ATTEMPTS</td><td>5000 / 1000 / 5</td></tr>
 *   <tr><td>CHECKPOINT_DIR</td><td>file:// URI or path; default file://$TMPDIR/civicpulse-checkpoints</td></tr>
 *   <tr><td>CHECKPOINT_INTERVAL_MS</td><td>5000</td></tr>
 *   <tr><td>RESTORE_FROM</td><td>checkpoint/savepoint path to start from; {@code latest} = newest
 *       complete checkpoint under CHECKPOINT_DIR (none found: start fresh)</td></tr>
 *   <tr><td>FLINK_PARALLELISM</td><td>1 in-process; on a cluster only applied when set</td></tr>
 *   <tr><td>FLINK_WEB_UI</td><td>true: in-process runs serve Flink's web UI/REST</td></tr>
 *   <tr><td>FLINK_REST_PORT / FLINK_REST_BIND_ADDRESS</td><td>8081 (a port or a range such as 8081-8089) / 127.0.0.1</td></tr>
 *   <tr><td>WATERMARK_OUT_OF_ORDERNESS_MS / WATERMARK_IDLENESS_MS</td><td>5000 / 5000</td></tr>
 *   <tr><td>RESTART_ATTEMPTS / RESTART_DELAY_MS</td><td>fixed-delay restarts: 2147483647 / 10000</td></tr>
 *   <tr><td>FLINK_PROPERTIES</td><td>more Flink options, one {@code key: value} a line (applied last)</td></tr>
 * </table>
 */
public record JobConfig(
        String kafkaBootstrapServers,
        String topic,
        String rejectedTopic,
        String groupId,
        ClickHouseSinkSettings clickHouse,
        String checkpointDir,
        Duration checkpointInterval,
        String restoreFrom,
        Integer parallelism,
        boolean webUi,
        String restPort,
        String restBindAddress,
        Duration outOfOrderness,
        Duration idleness,
        int restartAttempts,
        Duration restartDelay,
        Map<String, String> extraFlinkProperties) {

    public static final String DEFAULT_TOPIC = "civicpulse.events.v1";
    public static final String DEFAULT_REJECTED_TOPIC = "civicpulse.rejected.v1";
    public static final String DEFAULT_GROUP_ID = "civicpulse-facts";

    /**
     * The environment with program arguments {@code NAME=value} / {@code --NAME=value} laid over it
     * (for REST submissions, where main() sees the JobManager's environment, not the submitter's).
     */
    public static Map<String, String> withArgs(Map<String, String> env, String[] args) {
        Map<String, String> merged = new LinkedHashMap<>(env);
        for (String arg : args == null ? new String[0] : args) {
            String a = arg.startsWith("--") ? arg.substring(2) : arg;
            int i = a.indexOf('=');
            if (i <= 0) {
                throw new IllegalArgumentException("expected program arguments NAME=value (e.g. CLICKHOUSE_URL="
                        + "http://ch:8123), got \"" + arg + "\"");
            }
            merged.put(a.substring(0, i), a.substring(i + 1));
        }
        return merged;
    }

    public static JobConfig fromEnv(Map<String, String> env) {
        String checkpointDir = toUri(get(env, "CHECKPOINT_DIR",
                new File(System.getProperty("java.io.tmpdir"), "civicpulse-checkpoints").getAbsolutePath()));
        ClickHouseSinkSettings ch = ClickHouseSinkSettings.of(
                        get(env, "CLICKHOUSE_URL", "http://127.0.0.1:8123"),
                        get(env, "CLICKHOUSE_DATABASE", "civicpulse"),
                        get(env, "CLICKHOUSE_USER", "default"),
                        get(env, "CLICKHOUSE_PASSWORD", ""))
                .withMaxBufferedRows(intValue(env, "CLICKHOUSE_BATCH_ROWS", ClickHouseSinkSettings.DEFAULT_MAX_BUFFERED_ROWS))
                .withFlushInterval(millis(env, "CLICKHOUSE_FLUSH_INTERVAL_MS", ClickHouseSinkSettings.DEFAULT_FLUSH_INTERVAL.toMillis()))
                .withRetries(intValue(env, "CLICKHOUSE_MAX_ATTEMPTS", ClickHouseSinkSettings.DEFAULT_MAX_ATTEMPTS),
                        ClickHouseSinkSettings.DEFAULT_INITIAL_BACKOFF, ClickHouseSinkSettings.DEFAULT_MAX_BACKOFF);
        String parallelism = env.get("FLINK_PARALLELISM");
        return new JobConfig(
                get(env, "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"),
                get(env, "CIVICPULSE_EVENTS_TOPIC", DEFAULT_TOPIC),
                get(env, "CIVICPULSE_REJECTED_TOPIC", DEFAULT_REJECTED_TOPIC),
                get(env, "KAFKA_GROUP_ID", DEFAULT_GROUP_ID),
                ch,
                checkpointDir,
                millis(env, "CHECKPOINT_INTERVAL_MS", 5000),
                blankToNull(env.get("RESTORE_FROM")),
                blankToNull(parallelism) == null ? null : positive("FLINK_PARALLELISM", parallelism.trim()),
                Boolean.parseBoolean(get(env, "FLINK_WEB_UI", "true")),
                get(env, "FLINK_REST_PORT", "8081"),
                get(env, "FLINK_REST_BIND_ADDRESS", "127.0.0.1"),
                millis(env, "WATERMARK_OUT_OF_ORDERNESS_MS", EventTimes.DEFAULT_OUT_OF_ORDERNESS.toMillis()),
                millis(env, "WATERMARK_IDLENESS_MS", EventTimes.DEFAULT_IDLENESS.toMillis()),
                intValue(env, "RESTART_ATTEMPTS", Integer.MAX_VALUE),
                millis(env, "RESTART_DELAY_MS", 10_000),
                parseProperties(env.get("FLINK_PROPERTIES")));
    }

    /**
     * The Flink configuration of the job: checkpointing (EXACTLY_ONCE, retained on cancellation, file
     * storage in {@link #checkpointDir}), fixed-delay restarts, restore path, parallelism and, for
     * in-process runs, the REST/web UI endpoint and loopback-only binding.
     *
     * @param local true for an in-process MiniCluster (then parallelism defaults to 1 and the
     *              cluster/REST options apply)
     */
    public Configuration flinkConfiguration(boolean local) {
        Configuration c = new Configuration();
        c.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpointInterval);
        c.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
        c.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION, ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        c.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        c.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointDir);
        // every record and state type is a POJO; fail at submission rather than fall back to Kryo
        // (Kryo state cannot evolve with the classes)
        c.set(PipelineOptions.GENERIC_TYPES, false);
        c.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, restartAttempts);
        c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, restartDelay);
        resolveRestorePath().ifPresent(p -> c.set(StateRecoveryOptions.SAVEPOINT_PATH, p));
        if (parallelism != null || local) {
            c.set(CoreOptions.DEFAULT_PARALLELISM, parallelism == null ? 1 : parallelism);
        }
        if (local) {
            c.set(RestOptions.BIND_ADDRESS, restBindAddress);
            c.set(RestOptions.ADDRESS, restBindAddress);
            c.set(RestOptions.BIND_PORT, restPort);
            c.set(JobManagerOptions.BIND_HOST, restBindAddress);
            c.set(JobManagerOptions.ADDRESS, restBindAddress);
            c.set(TaskManagerOptions.BIND_HOST, restBindAddress);
            c.set(TaskManagerOptions.HOST, restBindAddress);
        }
        extraFlinkProperties.forEach(c::setString);
        return c;
    }

    /**
     * {@link #restoreFrom} as a path: {@code latest} picks the newest {@code chk-N} with a
     * {@code _metadata} file under the (file://) checkpoint directory; empty when there is none.
     */
    public Optional<String> resolveRestorePath() {
        if (restoreFrom == null) {
            return Optional.empty();
        }
        if (!"latest".equalsIgnoreCase(restoreFrom)) {
            return Optional.of(restoreFrom);
        }
        return latestCheckpoint(Paths.get(URI.create(checkpointDir)));
    }

    /** The newest complete checkpoint ({@code <dir>/<job id>/chk-N/_metadata}) under {@code dir}. */
    static Optional<String> latestCheckpoint(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> jobs = Files.list(dir)) {
            return jobs.filter(Files::isDirectory)
                    .flatMap(job -> {
                        try (Stream<Path> chks = Files.list(job)) {
                            return chks.filter(p -> p.getFileName().toString().startsWith("chk-"))
                                    .filter(p -> Files.isRegularFile(p.resolve("_metadata")))
                                    .toList().stream();
                        } catch (IOException e) {
                            return Stream.empty();
                        }
                    })
                    .max(Comparator.comparingLong(JobConfig::modified))
                    .map(p -> p.toUri().toString());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static long modified(Path chk) {
        try {
            return Files.getLastModifiedTime(chk.resolve("_metadata")).toMillis();
        } catch (IOException e) {
            return Long.MIN_VALUE;
        }
    }

    static String toUri(String dir) {
        if (dir.contains("://")) {
            return dir;
        }
        return Paths.get(dir).toAbsolutePath().toUri().toString();
    }

    static Map<String, String> parseProperties(String text) {
        Map<String, String> m = new LinkedHashMap<>();
        if (text == null) {
            return m;
        }
        for (String line : text.split("\\R")) {
            String l = line.trim();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            int i = l.indexOf(':');
            if (i <= 0) {
                throw new IllegalArgumentException("FLINK_PROPERTIES: expected 'key: value', got \"" + l + "\"");
            }
            m.put(l.substring(0, i).trim(), l.substring(i + 1).trim());
        }
        return m;
    }

    private static String get(Map<String, String> env, String name, String def) {
        String v = blankToNull(env.get(name));
        return v == null ? def : v.trim();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static int intValue(Map<String, String> env, String name, int def) {
        String v = blankToNull(env.get(name));
        return v == null ? def : positive(name, v.trim());
    }

    private static Duration millis(Map<String, String> env, String name, long def) {
        String v = blankToNull(env.get(name));
        if (v == null) {
            return Duration.ofMillis(def);
        }
        try {
            long ms = Long.parseLong(v.trim());
            if (ms < 0) {
                throw new IllegalArgumentException(name + " must be ≥ 0 (milliseconds), got " + v);
            }
            return Duration.ofMillis(ms);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number of milliseconds, got \"" + v + "\"");
        }
    }

    private static int positive(String name, String v) {
        try {
            int n = Integer.parseInt(v);
            if (n < 1) {
                throw new IllegalArgumentException(name + " must be ≥ 1, got " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got \"" + v + "\"");
        }
    }
}
