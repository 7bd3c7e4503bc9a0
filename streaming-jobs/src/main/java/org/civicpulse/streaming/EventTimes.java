package org.civicpulse.streaming;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.civicpulse.streaming.model.RawEvent;

/**
 * Event time, declared once for every job: an event's time is its {@code occurredAt}; watermarks
 * trail the largest time seen by a bounded out-of-orderness (default 5 s); a source split (Kafka
 * partition) that stays quiet for the idleness timeout (default 5 s) stops holding the watermark
 * back, so overdue timers keep firing while some partitions have no traffic.
 *
 * <p>The strategy is applied at the source, so the Kafka source tracks watermarks per partition.
 * Events later than the watermark are still processed (the keyed functions recompute from all
 * events); lateness only affects when overdue timers fire.
 *
 * <p>Dead letters (the rejected topic) have their own source: a dead letter's time is its
 * {@code receivedAt}, with the same out-of-orderness and idleness. Their rows go straight to the
 * sink, so their watermarks never hold back the dossier timers; they only keep the sink's input
 * watermark moving.
 */
public final class EventTimes {

    public static final Duration DEFAULT_OUT_OF_ORDERNESS = Duration.ofSeconds(5);
    public static final Duration DEFAULT_IDLENESS = Duration.ofSeconds(5);

    private static final JsonFactory JSON = new JsonFactory();

    private EventTimes() {
    }

    /** The default strategy: 5 s out-of-orderness, 5 s idleness. */
    public static WatermarkStrategy<RawEvent> watermarkStrategy() {
        return watermarkStrategy(DEFAULT_OUT_OF_ORDERNESS, DEFAULT_IDLENESS);
    }

    public static WatermarkStrategy<RawEvent> watermarkStrategy(Duration outOfOrderness, Duration idleness) {
        return strategy(WatermarkStrategy.<RawEvent>forBoundedOutOfOrderness(outOfOrderness)
                .withTimestampAssigner((raw, kafkaTs) -> timestampOf(raw)), idleness);
    }

    /** The dead letters' strategy: event time = {@code receivedAt}, the given out-of-orderness and idleness. */
    public static WatermarkStrategy<RawEvent> deadLetterWatermarkStrategy(Duration outOfOrderness, Duration idleness) {
        return strategy(WatermarkStrategy.<RawEvent>forBoundedOutOfOrderness(outOfOrderness)
                .withTimestampAssigner((raw, kafkaTs) -> deadLetterTimestampOf(raw)), idleness);
    }

    private static WatermarkStrategy<RawEvent> strategy(WatermarkStrategy<RawEvent> s, Duration idleness) {
        return idleness == null || idleness.isZero() ? s : s.withIdleness(idleness);
    }

    /**
     * The event time of a raw record: its {@code occurredAt} in epoch millis, or the Kafka timestamp
     * when the record has none that parses (such a record is dropped by {@code ParseEvent} anyway).
     */
    public static long timestampOf(RawEvent raw) {
        Long t = occurredAtMillis(raw.json);
        return t != null ? t : raw.kafkaTimestamp;
    }

    /**
     * The event time of a dead letter: its {@code receivedAt} (when ingestion received the request) in
     * epoch millis, or the Kafka timestamp when it has none that parses.
     */
    public static long deadLetterTimestampOf(RawEvent raw) {
        Long t = topLevelTime(raw.json, "receivedAt");
        return t != null ? t : raw.kafkaTimestamp;
    }

    /**
     * Reads the top-level {@code occurredAt} of an event JSON with a streaming parser (it stops at the
     * field, which the contract puts third), or null if absent or not an RFC 3339 date-time.
     */
    public static Long occurredAtMillis(String json) {
        return topLevelTime(json, "occurredAt");
    }

    /**
     * Reads a top-level date-time field of a JSON object with a streaming parser (it stops at the field
     * and skips nested values unread), or null if absent, not an RFC 3339 date-time, or not JSON.
     */
    private static Long topLevelTime(String json, String field) {
        if (json == null) {
            return null;
        }
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if (field.equals(name)) {
                    return v == JsonToken.VALUE_STRING ? parseRfc3339(p.getText()) : null;
                }
                p.skipChildren();
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * RFC 3339 (as the domain codec accepts it: 'T', 't' or ' ' separator, 'Z' or 'z'; also an ISO
     * instant such as ingestion's {@code receivedAt}) → epoch millis, or null.
     */
    public static Long parseRfc3339(String s) {
        if (s.length() < 17) {
            return null;
        }
        char[] c = s.toCharArray();
        if (c[10] == 't' || c[10] == ' ') {
            c[10] = 'T';
        }
        if (c[c.length - 1] == 'z') {
            c[c.length - 1] = 'Z';
        }
        try {
            return OffsetDateTime.parse(new String(c)).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
