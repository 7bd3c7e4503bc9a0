package org.civicpulse.streaming;

import java.time.Duration;
import java.util.Objects;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.civicpulse.domain.event.EventType;
import org.civicpulse.streaming.functions.DossierFactsFunction;
import org.civicpulse.streaming.functions.FeedbackFactsFunction;
import org.civicpulse.streaming.functions.ParseEvent;
import org.civicpulse.streaming.functions.PerEventRows;
import org.civicpulse.streaming.model.EventEnvelope;
import org.civicpulse.streaming.model.RawEvent;
import org.civicpulse.streaming.model.TableRow;
import org.civicpulse.streaming.rows.FactRows;

/**
 * The facts job: events topic → ClickHouse facts.
 *
 * <pre>
 * source (RawEvent, event time + watermarks per partition: {@link EventTimes})
 *   → ParseEvent (drops and counts unparseable records)
 *   ├→ PerEventRows: events row for every event; login/document/probe/report/catalog rows
 *   ├→ dossier.*  keyBy dossierId  → DossierFactsFunction  → dossier_facts rows
 *   └→ feedback.* keyBy feedbackId → FeedbackFactsFunction → feedback_facts rows
 *   → union → one sink (batched per table)
 * </pre>
 *
 * <p>Source and sinks are arguments, so tests run the same topology on a bounded source with
 * collecting sinks. Operator uids are fixed: state in checkpoints stays restorable across versions.
 */
public final class EventFactsJob {

    public static final String JOB_NAME = "civicpulse-event-facts";

    private final Source<RawEvent, ?, ?> source;
    private final FactSinks sinks;
    private final WatermarkStrategy<RawEvent> watermarks;

    public EventFactsJob(Source<RawEvent, ?, ?> source, FactSinks sinks) {
        this(source, sinks, EventTimes.watermarkStrategy());
    }

    public EventFactsJob(Source<RawEvent, ?, ?> source, FactSinks sinks, Duration outOfOrderness, Duration idleness) {
        this(source, sinks, EventTimes.watermarkStrategy(outOfOrderness, idleness));
    }

    private EventFactsJob(Source<RawEvent, ?, ?> source, FactSinks sinks, WatermarkStrategy<RawEvent> watermarks) {
        this.source = Objects.requireNonNull(source, "source");
        this.sinks = Objects.requireNonNull(sinks, "sinks");
        this.watermarks = watermarks;
    }

    /** Adds the job's topology to {@code env}; returns the stream that goes to the sink. */
    public DataStream<TableRow> build(StreamExecutionEnvironment env) {
        DataStream<EventEnvelope> events = env
                .fromSource(source, watermarks, "civicpulse-events").uid("events-source")
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

        DataStream<TableRow> rows = perEvent.union(dossiers, feedback);
        rows.sinkTo(sinks.rows()).name("clickhouse-sink").uid("clickhouse-sink");
        return rows;
    }

    /** Builds and runs the job (blocks until it ends; an unbounded job runs until cancelled). */
    public void execute(StreamExecutionEnvironment env) throws Exception {
        build(env);
        env.execute(JOB_NAME);
    }
}
