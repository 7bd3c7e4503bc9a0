package org.civicpulse.streaming.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.civicpulse.streaming.model.RawEvent;

/**
 * Kafka record → {@link RawEvent}: the value as UTF-8 text, the record timestamp and its origin.
 * No parsing here: {@code ParseEvent} validates (and counts bad records) as an operator of its own.
 * A record without a value (tombstone) is skipped.
 */
public class RawEventDeserializer implements KafkaRecordDeserializationSchema<RawEvent> {

    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawEvent> out) {
        if (record.value() == null) {
            return;
        }
        out.collect(new RawEvent(new String(record.value(), StandardCharsets.UTF_8), record.timestamp(),
                record.topic() + "-" + record.partition() + "@" + record.offset()));
    }

    @Override
    public TypeInformation<RawEvent> getProducedType() {
        return TypeInformation.of(RawEvent.class);
    }
}
