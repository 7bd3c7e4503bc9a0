package org.civicpulse.ingestion.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * The Kafka broker of the tests: {@code KAFKA_BOOTSTRAP_SERVERS} when set (the project's
 * {@code ./civicpulse test} starts one and sets it), else a single-node KRaft broker started in this JVM
 * with Kafka's own test kit. Tests never skip: when neither works they fail and say how to get a broker.
 */
public final class TestKafka {

    public static final String HOW_TO_GET_ONE =
            "start a broker: ./civicpulse test does it; or set KAFKA_BOOTSTRAP_SERVERS=host:port";

    private static String bootstrap;
    private static KafkaClusterTestKit cluster;

    private TestKafka() {
    }

    public static synchronized String bootstrapServers() {
        if (bootstrap != null) {
            return bootstrap;
        }
        String env = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        if (env != null && !env.isBlank()) {
            bootstrap = env.strip();
            return bootstrap;
        }
        try {
            // our own directory, deleted after the broker stopped (the kit's default temp dir has its own
            // JVM shutdown hook that deletes it while the broker is still writing)
            Path dir = Files.createTempDirectory("civicpulse-ingestion-test-kafka-");
            KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setBaseDirectory(dir)
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build())
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("num.partitions", "1")
                    .setDeleteOnClose(false)
                    .build();
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
            cluster = kit;
            bootstrap = kit.bootstrapServers();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    kit.close();
                } catch (Exception ignored) {
                    // the JVM is going away
                }
                deleteRecursively(dir);
            }, "test-kafka-shutdown"));
            return bootstrap;
        } catch (Throwable e) {
            throw new IllegalStateException("no Kafka broker for the tests: KAFKA_BOOTSTRAP_SERVERS is not set and "
                    + "the in-process broker did not start (" + e + "); " + HOW_TO_GET_ONE, e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // best effort
        }
    }

    /** A local port nothing listens on (for the "broker unreachable" tests). */
    public static int closedPort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The records of {@code topic} (read from the beginning, no consumer group) that match {@code filter},
     * once {@code expected} of them arrived or {@code timeout} passed, plus whatever else matches within
     * a further half second (to catch records that should not be there).
     */
    public static List<ConsumerRecord<String, String>> consume(String topic, Predicate<ConsumerRecord<String, String>> filter,
            int expected, Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : c.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            c.assign(partitions);
            c.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(100)).forEach(r -> {
                    if (filter.test(r)) {
                        out.add(r);
                    }
                });
            }
            long extra = System.nanoTime() + Duration.ofMillis(500).toNanos();
            while (System.nanoTime() < extra) {
                c.poll(Duration.ofMillis(100)).forEach(r -> {
                    if (filter.test(r)) {
                        out.add(r);
                    }
                });
            }
        }
        return out;
    }

}
