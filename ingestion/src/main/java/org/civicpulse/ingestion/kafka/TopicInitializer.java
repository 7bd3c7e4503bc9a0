package org.civicpulse.ingestion.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * At start-up (when {@code civicpulse.kafka.create-topics} is true): creates the events and dead-letter
 * topics if missing, then waits until {@code Admin.listOffsets} answers for every partition of both
 * (KAFKA-15591: records produced right after creation can be lost). Runs in the background and
 * retries until it succeeds, so the service starts before the broker; until then {@link #isReady()}
 * is false, the health is DOWN and {@code POST}s are answered 503.
 */
@Component
public class TopicInitializer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TopicInitializer.class);

    private final Admin admin;
    private final KafkaProperties props;
    private volatile boolean ready;
    private volatile String lastProblem;
    private volatile Thread thread;

    public TopicInitializer(Admin admin, KafkaProperties props) {
        this.admin = admin;
        this.props = props;
        this.lastProblem = "still connecting to " + props.bootstrapServers();
        if (!props.createTopics()) {
            ready = true;
            lastProblem = null;
        }
    }

    /** True once both topics exist and every partition answered listOffsets (always true with create-topics=false). */
    public boolean isReady() {
        return ready;
    }

    /** Why not ready yet (null when ready). */
    public String lastProblem() {
        return lastProblem;
    }

    @Override
    public void start() {
        if (ready || thread != null) {
            return;
        }
        Thread t = new Thread(this::run, "kafka-topic-init");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    @Override
    public void stop() {
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null && thread.isAlive();
    }

    private void run() {
        long backoff = 500;
        int attempt = 0;
        while (!Thread.currentThread().isInterrupted()) {
            attempt++;
            try {
                initOnce();
                ready = true;
                lastProblem = null;
                log.info("Kafka topics {} and {} ready at {}", props.eventsTopic(), props.rejectedTopic(),
                        props.bootstrapServers());
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
                lastProblem = cause.getClass().getSimpleName() + ": " + cause.getMessage();
                if (attempt % 10 == 0) {
                    log.warn("Kafka at {} not ready yet (attempt {}): {}", props.bootstrapServers(), attempt, lastProblem);
                } else {
                    log.info("waiting for Kafka at {} (attempt {}): {}", props.bootstrapServers(), attempt, lastProblem);
                }
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                return;
            }
            backoff = Math.min(backoff * 2, 5000);
        }
    }

    private void initOnce() throws Exception {
        long timeoutMs = props.adminTimeout().toMillis();
        Set<String> existing = admin.listTopics().names().get(timeoutMs, TimeUnit.MILLISECONDS);
        List<NewTopic> create = new ArrayList<>();
        if (!existing.contains(props.eventsTopic())) {
            Map<String, String> cfg = new HashMap<>(props.eventsTopicConfig());
            cfg.putIfAbsent("retention.ms", "-1");
            create.add(new NewTopic(props.eventsTopic(), props.partitions(), props.replicationFactor()).configs(cfg));
        }
        if (!existing.contains(props.rejectedTopic())) {
            create.add(new NewTopic(props.rejectedTopic(), props.rejectedPartitions(), props.replicationFactor())
                    .configs(props.rejectedTopicConfig()));
        }
        for (NewTopic t : create) {
            try {
                admin.createTopics(List.of(t)).all().get(timeoutMs, TimeUnit.MILLISECONDS);
                log.info("created topic {} ({} partitions, replication {}, configs {})", t.name(), t.numPartitions(),
                        t.replicationFactor(), t.configs());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
        Map<String, TopicDescription> topics = admin.describeTopics(List.of(props.eventsTopic(), props.rejectedTopic()))
                .allTopicNames().get(timeoutMs, TimeUnit.MILLISECONDS);
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (TopicDescription d : topics.values()) {
            for (TopicPartitionInfo p : d.partitions()) {
                if (p.leader() == null) {
                    throw new IllegalStateException("partition " + d.name() + "-" + p.partition() + " has no leader yet");
                }
                request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest());
            }
        }
        admin.listOffsets(request).all().get(timeoutMs, TimeUnit.MILLISECONDS);
    }
}
