package org.civicpulse.ingestion.kafka;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code civicpulse.kafka.*}.
 *
 * @param bootstrapServers    broker list; application.properties defaults it to {@code ${KAFKA_BOOTSTRAP_SERVERS:localhost:9092}}
 * @param createTopics        create the topics at start-up if missing, and wait until every partition answers
 *                            {@code listOffsets} before taking traffic (KAFKA-15591)
 * @param eventsTopic         accepted events
 * @param rejectedTopic       dead letters
 * @param partitions          partitions of a newly created events topic
 * @param rejectedPartitions  partitions of a newly created dead-letter topic
 * @param replicationFactor   replication factor of newly created topics
 * @param eventsTopicConfig   topic configs of a newly created events topic (unless set, {@code retention.ms=-1}: the
 *                            topic is the replayable log of record)
 * @param rejectedTopicConfig topic configs of a newly created dead-letter topic
 * @param maxBlock            producer {@code max.block.ms}: how long a send waits for metadata / buffer space
 * @param requestTimeout      producer {@code request.timeout.ms}
 * @param deliveryTimeout     producer {@code delivery.timeout.ms} (≥ linger + request timeout)
 * @param ackTimeout          how long one request waits in all for Kafka's acknowledgements before answering 503
 * @param adminTimeout        timeout of admin calls (topic creation, health)
 * @param producer            extra producer properties, passed as they are (e.g. {@code compression.type})
 */
@ConfigurationProperties("civicpulse.kafka")
public record KafkaProperties(
        @DefaultValue("localhost:9092") String bootstrapServers,
        @DefaultValue("true") boolean createTopics,
        @DefaultValue("civicpulse.events.v1") String eventsTopic,
        @DefaultValue("civicpulse.rejected.v1") String rejectedTopic,
        @DefaultValue("3") int partitions,
        @DefaultValue("1") int rejectedPartitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue Map<String, String> eventsTopicConfig,
        @DefaultValue Map<String, String> rejectedTopicConfig,
        @DefaultValue("5s") Duration maxBlock,
        @DefaultValue("5s") Duration requestTimeout,
        @DefaultValue("9s") Duration deliveryTimeout,
        @DefaultValue("10s") Duration ackTimeout,
        @DefaultValue("5s") Duration adminTimeout,
        @DefaultValue Map<String, String> producer) {
}
