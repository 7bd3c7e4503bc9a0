package org.civicpulse.ingestion.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one idempotent producer and the one admin client of the service. */
@Configuration(proxyBeanMethods = false)
public class KafkaClients {

    /** Producer settings: idempotent, acks=all, ordered per key, bounded waits so a dead broker gives 503 fast. */
    static Map<String, Object> producerConfig(KafkaProperties p) {
        Map<String, Object> c = new HashMap<>();
        c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, p.bootstrapServers());
        c.put(ProducerConfig.CLIENT_ID_CONFIG, "civicpulse-ingestion");
        c.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        c.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        c.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        c.put(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
        c.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        c.putAll(p.producer());
        // Not overridable: the guarantees the API promises rest on them.
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        c.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5); // ≤ 5 keeps per-partition order with idempotence
        c.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, millis(p.maxBlock()));
        c.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, millis(p.requestTimeout()));
        c.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, millis(p.deliveryTimeout()));
        return c;
    }

    static Map<String, Object> adminConfig(KafkaProperties p) {
        Map<String, Object> c = new HashMap<>();
        c.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, p.bootstrapServers());
        c.put(AdminClientConfig.CLIENT_ID_CONFIG, "civicpulse-ingestion-admin");
        c.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis(p.adminTimeout()));
        c.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis(p.adminTimeout()));
        c.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, 2000);
        return c;
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, d.toMillis());
    }

    @Bean(destroyMethod = "")
    Producer<String, String> kafkaProducer(KafkaProperties p) {
        return new KafkaProducer<>(producerConfig(p));
    }

    @Bean(destroyMethod = "")
    Admin kafkaAdmin(KafkaProperties p) {
        return Admin.create(adminConfig(p));
    }

    /** Closes both with a bounded wait (a dead broker must not hold up shutdown). */
    @Bean
    AutoCloseable kafkaClientsCloser(Producer<String, String> producer, Admin admin) {
        return () -> {
            producer.close(Duration.ofSeconds(5));
            admin.close(Duration.ofSeconds(2));
        };
    }
}
