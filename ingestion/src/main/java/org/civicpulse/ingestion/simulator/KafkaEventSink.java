package org.civicpulse.ingestion.simulator;

import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.civicpulse.domain.event.Event;
import org.civicpulse.domain.event.EventCodec;

/**
 * Writes events straight to the events topic (benchmarks: bypasses ingestion), keyed by aggregate
 * id, value = the contract JSON. Idempotent producer with acks=all, so one key's records stay in order
 * across retries. The ledger gets an event when Kafka acknowledged it (flushed every 1000 lines and
 * on close).
 */
final class KafkaEventSink implements EventSink {

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final Ledger ledger;
    private final EventCodec codec = EventCodec.lenient();
    private final AtomicLong acked = new AtomicLong();
    private volatile RuntimeException fatal;

    KafkaEventSink(String bootstrap, String topic, Ledger ledger) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "civicpulse-simulator");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        this.producer = new KafkaProducer<>(p);
        this.topic = topic;
        this.ledger = ledger;
        producer.partitionsFor(topic); // fail fast when the broker or topic is not there
    }

    @Override
    public void accept(Event e) {
        RuntimeException f = fatal;
        if (f != null) {
            throw f;
        }
        producer.send(new ProducerRecord<>(topic, e.aggregateId(), codec.toJsonBytes(e)), (meta, ex) -> {
            if (ex != null) {
                if (fatal == null) {
                    fatal = new SinkFailedException("Kafka did not take " + e.id() + ": " + ex, ex);
                }
                return;
            }
            if (ledger != null) {
                ledger.appendNoFlush(e);
                if (ledger.lines() % 1000 == 0) {
                    ledger.flush();
                }
            }
            acked.incrementAndGet();
        });
    }

    @Override
    public void close() {
        producer.flush();
        producer.close();
        if (ledger != null) {
            ledger.flush();
        }
        if (fatal != null) {
            throw fatal;
        }
    }

    @Override
    public long acknowledged() {
        return acked.get();
    }
}
