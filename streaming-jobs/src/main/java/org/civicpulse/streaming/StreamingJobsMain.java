package org.civicpulse.streaming;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.civicpulse.streaming.kafka.EventsKafkaSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the fat jar. Wires Kafka (the events topic and the dead-letter topic) →
 * {@link EventFactsJob} → ClickHouse from environment variables ({@link JobConfig}).
 *
 * <p>{@code java -jar streaming-jobs.jar} runs the job in-process on a MiniCluster (with Flink's web
 * UI on 127.0.0.1:8081 unless FLINK_WEB_UI=false); the same jar submitted to a Flink session cluster
 * ({@code flink run}, or REST {@code /jars/upload} + {@code /jars/<id>/run}) runs there unchanged.
 * Program arguments {@code NAME=value} (or {@code --NAME=value}) override environment variables of
 * the same name: on a cluster submitted over REST, main() runs in the JobManager, whose environment
 * is not the submitter's.
 */
public final class StreamingJobsMain {

    private static final Logger LOG = LoggerFactory.getLogger(StreamingJobsMain.class);

    private StreamingJobsMain() {
    }

    public static void main(String[] args) throws Exception {
        JobConfig cfg = JobConfig.fromEnv(JobConfig.withArgs(System.getenv(), args));
        StreamExecutionEnvironment env = environment(cfg);
        LOG.info("starting {}: kafka {} topics {} (events), {} (dead letters) group {}, {}, checkpoints {} every {} ms{}, "
                        + "parallelism {}",
                EventFactsJob.JOB_NAME, cfg.kafkaBootstrapServers(), cfg.topic(), cfg.rejectedTopic(), cfg.groupId(),
                cfg.clickHouse(),
                cfg.checkpointDir(), cfg.checkpointInterval().toMillis(),
                cfg.resolveRestorePath().map(p -> ", restoring from " + p).orElse(""), env.getParallelism());
        new EventFactsJob(
                EventsKafkaSource.create(cfg.kafkaBootstrapServers(), cfg.topic(), cfg.groupId()),
                EventsKafkaSource.create(cfg.kafkaBootstrapServers(), cfg.rejectedTopic(), cfg.groupId()),
                FactSinks.clickHouse(cfg.clickHouse()),
                cfg.outOfOrderness(),
                cfg.idleness())
                .execute(env);
    }

    /**
     * The execution environment: the cluster's when submitted to one; otherwise a local MiniCluster,
     * with the web UI when enabled.
     */
    static StreamExecutionEnvironment environment(JobConfig cfg) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(cfg.flinkConfiguration(false));
        if (env instanceof LocalStreamEnvironment) {
            Configuration local = cfg.flinkConfiguration(true);
            env = cfg.webUi()
                    ? StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(local)
                    : StreamExecutionEnvironment.getExecutionEnvironment(local);
        }
        return env;
    }
}
