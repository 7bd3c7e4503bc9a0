package org.civicpulse.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.api.common.eventtime.TimestampAssignerSupplier;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.util.clock.ManualClock;
import org.apache.flink.util.clock.RelativeClock;
import org.civicpulse.streaming.model.RawEvent;
import org.junit.jupiter.api.Test;

class EventTimesTest {

    private static final long T = Instant.parse("2026-11-02T01:00:00Z").toEpochMilli();

    @Test
    void readsOccurredAtFromTheJson() {
        String json = TestEvents.json(TestEvents.login("l-1", TestEvents.T0));
        assertThat(EventTimes.occurredAtMillis(json)).isEqualTo(T);
        assertThat(EventTimes.timestampOf(RawEvent.of(json, 7))).isEqualTo(T);
    }

    @Test
    void acceptsTheRfc3339VariantsTheCodecAccepts() {
        assertThat(EventTimes.occurredAtMillis("{\"occurredAt\":\"2026-11-02T01:00:00Z\"}")).isEqualTo(T);
        assertThat(EventTimes.occurredAtMillis("{\"occurredAt\":\"2026-11-02t01:00:00z\"}")).isEqualTo(T);
        assertThat(EventTimes.occurredAtMillis("{\"occurredAt\":\"2026-11-02 08:00+07:00\"}")).isEqualTo(T);
        assertThat(EventTimes.occurredAtMillis("{\"occurredAt\":\"2026-11-02T08:00:00.250+07:00\"}")).isEqualTo(T + 250);
        assertThat(EventTimes.occurredAtMillis("{\"a\":{\"occurredAt\":\"x\"},\"b\":[1,2],\"occurredAt\":\"2026-11-02T01:00:00Z\"}"))
                .isEqualTo(T);
    }

    @Test
    void fallsBackToTheKafkaTimestampWhenThereIsNoTime() {
        assertThat(EventTimes.timestampOf(RawEvent.of("{not json", 42))).isEqualTo(42);
        assertThat(EventTimes.timestampOf(RawEvent.of("{\"occurredAt\":5}", 42))).isEqualTo(42);
        assertThat(EventTimes.timestampOf(RawEvent.of("{\"occurredAt\":\"yesterday\"}", 42))).isEqualTo(42);
        assertThat(EventTimes.timestampOf(RawEvent.of(null, 42))).isEqualTo(42);
    }

    @Test
    void aDeadLetterHappenedWhenIngestionReceivedIt() {
        RawEvent d = TestEvents.deadLetter(7, "portal", TestEvents.days(1), "{\"occurredAt\":\"2020-01-01T00:00:00Z\"}",
                false, "MALFORMED_JSON");
        assertThat(EventTimes.deadLetterTimestampOf(d)).isEqualTo(TestEvents.millis(TestEvents.days(1)));
        assertThat(EventTimes.deadLetterTimestampOf(RawEvent.of("{\"receivedAt\":\"2026-11-02T01:00:00.123456Z\"}", 42)))
                .isEqualTo(T + 123);
        assertThat(EventTimes.deadLetterTimestampOf(RawEvent.of("{not json", 42))).isEqualTo(42);
        assertThat(EventTimes.deadLetterTimestampOf(RawEvent.of("{\"receivedAt\":null}", 42))).isEqualTo(42);

        WatermarkStrategy<RawEvent> s = EventTimes.deadLetterWatermarkStrategy(Duration.ofSeconds(5), Duration.ofSeconds(5));
        assertThat(s.createTimestampAssigner(null).extractTimestamp(d, 0)).isEqualTo(TestEvents.millis(TestEvents.days(1)));
    }

    @Test
    void watermarksTrailByTheOutOfOrderness() {
        WatermarkStrategy<RawEvent> s = EventTimes.watermarkStrategy(Duration.ofSeconds(5), Duration.ofSeconds(5));
        WatermarkGenerator<RawEvent> g = s.createWatermarkGenerator(context());
        List<Long> marks = new ArrayList<>();
        WatermarkOutput out = new WatermarkOutput() {
            @Override
            public void emitWatermark(Watermark w) {
                marks.add(w.getTimestamp());
            }

            @Override
            public void markIdle() {
            }

            @Override
            public void markActive() {
            }
        };
        RawEvent e = RawEvent.of(TestEvents.json(TestEvents.login("l-1", TestEvents.T0)), 0);
        g.onEvent(e, s.createTimestampAssigner(null).extractTimestamp(e, 0), out);
        g.onPeriodicEmit(out);
        assertThat(marks).containsExactly(T - 5000 - 1);
    }

    private static WatermarkGeneratorSupplier.Context context() {
        return new WatermarkGeneratorSupplier.Context() {
            @Override
            public org.apache.flink.metrics.MetricGroup getMetricGroup() {
                return new UnregisteredMetricsGroup();
            }

            @Override
            public RelativeClock getInputActivityClock() {
                return new ManualClock();
            }
        };
    }
}
