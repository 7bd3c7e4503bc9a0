package org.civicpulse.streaming.kafka;

import java.util.Properties;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.civicpulse.streaming.model.RawEvent;

/** The Kafka source of one of the job's topics: the events topic, or the dead-letter topic. */
public final class EventsKafkaSource {

    private EventsKafkaSource() {
    }

    /**
     * Unbounded (a bounded KafkaSource never finishes after a restore, FLINK-33466). Without restored
     * state it starts at the EARLIEST offsets: the per-dossier state must see every event of a dossier,
     * so committed group offsets alone would give incomplete facts (and every dead letter still on its
     * topic gets its row; rows written before collapse with the new ones). With restored state the offsets
     * in the checkpoint win (KafkaSource ignores the initializer then). Offsets are committed to the group
     * on each checkpoint for monitoring only. The Kafka client ids start with {@code <groupId>-<topic>},
     * so the two sources of the job do not share client ids.
     */
    public static KafkaSource<RawEvent> create(String bootstrapServers, String topic, String groupId) {
        Properties props = new Properties();
        props.setProperty("partition.discovery.interval.ms", "60000");
        props.setProperty("commit.offsets.on.checkpoint", "true");
        props.setProperty("client.id.prefix", groupId + "-" + topic);
        return KafkaSource.<RawEvent>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(topic)
                .setGroupId(groupId)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new RawEventDeserializer())
                .setProperties(props)
                .build();
    }
}
