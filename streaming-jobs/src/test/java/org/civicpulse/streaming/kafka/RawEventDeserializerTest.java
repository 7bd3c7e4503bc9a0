package org.civicpulse.streaming.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.civicpulse.streaming.model.RawEvent;
import org.junit.jupiter.api.Test;

class RawEventDeserializerTest {

    private static ConsumerRecord<byte[], byte[]> record(String value, long timestamp) {
        return new ConsumerRecord<>("civicpulse.events.v1", 2, 41L, timestamp, TimestampType.LOG_APPEND_TIME, -1, -1,
                "D-1".getBytes(StandardCharsets.UTF_8), value == null ? null : value.getBytes(StandardCharsets.UTF_8),
                new RecordHeaders(), Optional.empty());
    }

    @Test
    void keepsTheTextTheTimestampAndTheOrigin() {
        List<RawEvent> out = new ArrayList<>();
        new RawEventDeserializer().deserialize(record("{\"id\":\"é\"}", 1_700_000_000_000L), new ListCollector<>(out));
        assertThat(out).containsExactly(new RawEvent("{\"id\":\"é\"}", 1_700_000_000_000L, "civicpulse.events.v1-2@41"));
    }

    @Test
    void skipsTombstones() {
        List<RawEvent> out = new ArrayList<>();
        new RawEventDeserializer().deserialize(record(null, 1L), new ListCollector<>(out));
        assertThat(out).isEmpty();
    }

    @Test
    void producesAPojo() {
        assertThat(new RawEventDeserializer().getProducedType()).isInstanceOf(PojoTypeInfo.class);
    }
}
