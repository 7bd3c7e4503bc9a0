package org.civicpulse.ingestion.kafka;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.springframework.stereotype.Component;

/**
 * Sends one request's records and waits until Kafka acknowledged every one of them (acks=all,
 * idempotent producer), or fails the whole request with {@link BrokerUnavailableException}.
 *
 * <p>One callback object per request (not per record). Sending stops at the first failure: with a dead
 * broker every further send would block for {@code max.block.ms} again. Records that were sent before a
 * failure may still reach Kafka; the client resends the whole request and downstream deduplication by
 * event id makes that a no-op.
 */
@Component
public class EventPublisher {

    private final Producer<String, String> producer;
    private final KafkaProperties props;
    private final TopicInitializer topics;

    public EventPublisher(Producer<String, String> producer, KafkaProperties props, TopicInitializer topics) {
        this.producer = producer;
        this.props = props;
        this.topics = topics;
    }

    public String eventsTopic() {
        return props.eventsTopic();
    }

    public String rejectedTopic() {
        return props.rejectedTopic();
    }

    /** Fails fast when the topics are not ready yet (start-up, broker not reached so far). */
    public void checkReady() throws BrokerUnavailableException {
        if (!topics.isReady()) {
            throw new BrokerUnavailableException("Kafka topics are not ready yet ("
                    + topics.lastProblem() + ")", null);
        }
    }

    /** Sends all records (in list order; order per key is kept) and returns once all are acknowledged. */
    public void publishAll(List<ProducerRecord<String, String>> records) throws BrokerUnavailableException {
        checkReady();
        if (records.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + props.ackTimeout().toNanos();
        Acks acks = new Acks(records.size());
        for (ProducerRecord<String, String> r : records) {
            try {
                producer.send(r, acks);
            } catch (KafkaException | IllegalStateException e) {
                throw new BrokerUnavailableException("Kafka refused the record: " + e.getMessage(), e);
            }
            Exception failure = acks.failure.get();
            if (failure != null) {
                throw unavailable(failure);
            }
            if (System.nanoTime() - deadline > 0) {
                throw new BrokerUnavailableException("Kafka did not take the records within "
                        + props.ackTimeout().toMillis() + " ms", null);
            }
        }
        boolean done;
        try {
            done = acks.latch.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerUnavailableException("interrupted while waiting for Kafka", e);
        }
        Exception failure = acks.failure.get();
        if (failure != null) {
            throw unavailable(failure);
        }
        if (!done) {
            throw new BrokerUnavailableException("Kafka did not acknowledge the records within "
                    + props.ackTimeout().toMillis() + " ms", null);
        }
    }

    private static BrokerUnavailableException unavailable(Exception e) {
        return new BrokerUnavailableException("Kafka did not acknowledge the records: "
                + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }

    private static final class Acks implements Callback {
        final CountDownLatch latch;
        final AtomicReference<Exception> failure = new AtomicReference<>();

        Acks(int n) {
            latch = new CountDownLatch(n);
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception exception) {
            if (exception != null && failure.compareAndSet(null, exception)) {
                // release the waiter at once: the request fails as a whole
                while (latch.getCount() > 0) {
                    latch.countDown();
                }
                return;
            }
            latch.countDown();
        }
    }
}
