package org.civicpulse.ingestion.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Binding of civicpulse.kafka.* and the producer settings the API's guarantees rest on. */
class KafkaConfigTest {

    private static KafkaProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("civicpulse.kafka", KafkaProperties.class);
    }

    @Test
    void defaults() {
        KafkaProperties p = bind(Map.of());
        assertThat(p.bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(p.createTopics()).isTrue();
        assertThat(p.eventsTopic()).isEqualTo("civicpulse.events.v1");
        assertThat(p.rejectedTopic()).isEqualTo("civicpulse.rejected.v1");
        assertThat(p.partitions()).isEqualTo(3);
        assertThat(p.ackTimeout()).isEqualTo(Duration.ofSeconds(10));
        Map<String, Object> c = KafkaClients.producerConfig(p);
        assertThat(c).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000)
                .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 9000)
                .containsEntry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        // a dead broker is noticed within the ack timeout
        assertThat(p.maxBlock()).isLessThanOrEqualTo(p.ackTimeout());
        assertThat(p.deliveryTimeout()).isLessThanOrEqualTo(p.ackTimeout());
    }

    @Test
    void dottedProducerKeysPassThroughButNotOverTheGuarantees() {
        KafkaProperties p = bind(Map.of(
                "civicpulse.kafka.bootstrap-servers", "k1:9092,k2:9092",
                "civicpulse.kafka.producer.linger.ms", "20",
                "civicpulse.kafka.producer.acks", "1",
                "civicpulse.kafka.events-topic-config.retention.ms", "1000",
                "civicpulse.kafka.max-block", "2s"));
        assertThat(p.producer()).containsEntry("linger.ms", "20");
        assertThat(p.eventsTopicConfig()).containsEntry("retention.ms", "1000");
        Map<String, Object> c = KafkaClients.producerConfig(p);
        assertThat(c).containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "k1:9092,k2:9092")
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, "20")
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000);
    }
}
