package org.civicpulse.streaming;

import java.time.Duration;
import java.util.Objects;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.civicpulse.domain.event.EventType;
import org.civicpulse.streaming.functions.DeadLetterRows;
import org.civicpulse.streaming.functions.DossierFactsFunction;
import org.civicpulse.streaming.functions.FeedbackFactsFunction;
import org.civicpulse.streaming.functions.ParseEvent;
import org.civicpulse.streaming.functions.PerEventRows;
import org.civicpulse.streaming.model.EventEnvelope;
import org.civicpulse.streaming.model.RawEvent;
import org.civicpulse.streaming.model.TableRow;
import org.civicpulse.streaming.rows.FactRows;

/**
 * The facts job: events topic → ClickHouse facts, dead-letter topic → {@code rejected_events}.
 *
 * <pre>
 * events source (RawEvent, event time + watermarks per partition: {@link EventTimes})
 *   → ParseEvent (drops and counts unparseable records)
 *   ├→ PerEventRows: events row for every event; login/document/probe/report/catalog rows
 *   ├→ dossier.*  keyBy dossierId  → DossierFactsFunction  → dossier_facts rows
 *   └→ feedback.* keyBy feedbackId → FeedbackFactsFunction → feedback_facts rows
 * dead-letter source (RawEvent, event time = receivedAt: {@link EventTimes})
 *   → DeadLetterRows → rejected_events rows (one per dead letter, unreadable ones too)
 *   → union of all rows → one sink (batched per table)
 * </pre>
 *
 * <p>Sources and sinks are arguments, so tests run the same topology on bounded sources with
 * collecting sinks. The dead letters have a source of their own (not a second topic of the events
 * source): their records never reach ParseEvent, and their watermarks never hold back the dossier
 * timers. Operator uids are fixed: state in checkpoints stays restorable across versions (a checkpoint
 * from before the dead-letter source restores too; that source then starts at the earliest offsets).
 */
public final class EventFactsJob {

    public static final String JOB_NAME = "civicpulse-event-facts";

    private final Source<RawEvent, ?, ?> eventSource;
    private final Source<RawEvent, ?, ?> deadLetterSource;
    private final FactSinks sinks;
    private final Duration outOfOrderness;
    private final Duration idleness;

    /** The job with the default event-time settings ({@link EventTimes}). */
    public EventFactsJob(Source<RawEvent, ?, ?> events, Source<RawEvent, ?, ?> deadLetters, FactSinks sinks) {
        this(events, deadLetters, sinks, EventTimes.DEFAULT_OUT_OF_ORDERNESS, EventTimes.DEFAULT_IDLENESS);
    }

    /**
     * @param events      records of the events topic
     * @param deadLetters records of the dead-letter topic ({@link RawEvent#origin} = their Kafka coordinates)
     */
    public EventFactsJob(Source<RawEvent, ?, ?> events, Source<RawEvent, ?, ?> deadLetters, FactSinks sinks,
                         Duration outOfOrderness, Duration idleness) {
        this.eventSource = Objects.requireNonNull(events, "events");
        this.deadLetterSource = Objects.requireNonNull(deadLetters, "deadLetters");
        this.sinks = Objects.requireNonNull(sinks, "sinks");
        this.outOfOrderness = Objects.requireNonNull(outOfOrderness, "outOfOrderness");
        this.idleness = idleness;
    }

    /** Adds the job's topology to {@code env}; returns the stream that goes to the sink. */
    public DataStream<TableRow> build(StreamExecutionEnvironment env) {
        DataStream<EventEnvelope> events = env
                .fromSource(eventSource, EventTimes.watermarkStrategy(outOfOrderness, idleness), "civicpulse-events")
                .uid("events-source")
                .process(new ParseEvent()).name("parse-event").uid("parse-event");

        DataStream<TableRow> perEvent = events
                .flatMap(new PerEventRows()).name("per-event-rows").uid("per-event-rows");

        SingleOutputStreamOperator<TableRow> dossiers = events
                .filter(e -> EventType.Family.DOSSIER.name().equals(e.family)).name("dossier-events").uid("dossier-events")
                .keyBy(e -> e.aggregateId)
                .process(new DossierFactsFunction()).name("dossier-facts").uid("dossier-facts")
                .map(FactRows::dossier).name("dossier-fact-rows").uid("dossier-fact-rows");

        SingleOutputStreamOperator<TableRow> feedback = events
                .filter(e -> EventType.Family.FEEDBACK.name().equals(e.family)).name("feedback-events").uid("feedback-events")
                .keyBy(e -> e.aggregateId)
                .process(new FeedbackFactsFunction()).name("feedback-facts").uid("feedback-facts")
                .map(FactRows::feedback).name("feedback-fact-rows").uid("feedback-fact-rows");

        SingleOutputStreamOperator<TableRow> rejected = env
                .fromSource(deadLetterSource, EventTimes.deadLetterWatermarkStrategy(outOfOrderness, idleness),
                        "civicpulse-dead-letters")
                .uid("dead-letters-source")
                .map(new DeadLetterRows()).name("dead-letter-rows").uid("dead-letter-rows");

        DataStream<TableRow> rows = perEvent.union(dossiers, feedback, rejected);
        rows.sinkTo(sinks.rows()).name("clickhouse-sink").uid("clickhouse-sink");
        return rows;
    }

    /** Builds and runs the job (blocks until it ends; an unbounded job runs until cancelled). */
    public void execute(StreamExecutionEnvironment env) throws Exception {
        build(env);
        env.execute(JOB_NAME);
    }
}
