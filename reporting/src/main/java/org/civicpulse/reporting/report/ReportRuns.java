package org.civicpulse.reporting.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.civicpulse.reporting.clickhouse.ClickHouseConnection;
import org.civicpulse.reporting.clickhouse.Sql;

/** The scheduler's memory of generated regime periods ({@code report_runs}, V012). */
public final class ReportRuns {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One run. */
    public record Run(String runId, String regime, String period, ArchivedFile.Trigger trigger, boolean done,
                      int reports, String error, Instant startedAt, Instant finishedAt) {
    }

    private final ClickHouseConnection ch;

    public ReportRuns(ClickHouseConnection ch) {
        this.ch = Objects.requireNonNull(ch, "ch");
    }

    /** The periods of {@code regime} with a successful run. */
    public Set<String> donePeriods(String regime) {
        return new TreeSet<>(ch.query(Sql.of("""
                SELECT DISTINCT period FROM report_runs WHERE regime = :regime AND status = 'DONE'""")
                .bind("regime", regime), r -> r.getString("period")));
    }

    public void record(Run run) {
        ObjectNode n = JSON.createObjectNode();
        n.put("run_id", run.runId());
        n.put("regime", run.regime());
        n.put("period", run.period());
        n.put("trigger", run.trigger().name());
        n.put("status", run.done() ? "DONE" : "FAILED");
        n.put("reports", run.reports());
        n.put("error", run.error() == null ? "" : run.error());
        n.put("started_at", ClickHouseConnection.jsonDateTime(run.startedAt()));
        n.put("finished_at", ClickHouseConnection.jsonDateTime(run.finishedAt()));
        ch.insertJsonEachRow("report_runs", List.of(n.toString()));
    }

    /** The newest runs, newest first. */
    public List<Run> recent(int limit) {
        return ch.query(Sql.of("""
                SELECT run_id, regime, period, toString(trigger) AS trigger, toString(status) AS status, reports, error,
                    toInt64(started_at) AS s, toInt64(finished_at) AS f
                FROM report_runs ORDER BY finished_at DESC LIMIT :n""").bind("n", limit),
                r -> new Run(r.getString("run_id"), r.getString("regime"), r.getString("period"),
                        ArchivedFile.Trigger.valueOf(r.getString("trigger")), "DONE".equals(r.getString("status")),
                        r.getInt("reports"), r.getString("error"), Instant.ofEpochSecond(r.getLong("s")),
                        Instant.ofEpochSecond(r.getLong("f"))));
    }
}
