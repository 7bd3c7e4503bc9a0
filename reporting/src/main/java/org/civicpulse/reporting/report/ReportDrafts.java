package org.civicpulse.reporting.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.civicpulse.reporting.clickhouse.ClickHouseConnection;
import org.civicpulse.reporting.clickhouse.Sql;

/** Unsubmitted form contents, one per report ({@code report_drafts}, V013; the newest save wins). */
public final class ReportDrafts {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A saved draft. */
    public record Draft(ReportKey key, String valuesJson, String savedBy, Instant savedAt) {
    }

    private final ClickHouseConnection ch;

    public ReportDrafts(ClickHouseConnection ch) {
        this.ch = Objects.requireNonNull(ch, "ch");
    }

    public void save(ReportKey key, String valuesJson, String by, Instant at) {
        ObjectNode n = JSON.createObjectNode();
        n.put("regime", key.regime());
        n.put("unit", key.unit());
        n.put("period", key.period());
        n.put("values_json", valuesJson);
        n.put("saved_by", by);
        n.put("saved_at", ClickHouseConnection.jsonDateTime(at));
        ch.insertJsonEachRow("report_drafts", List.of(n.toString()));
    }

    public Optional<Draft> find(ReportKey key) {
        return ch.query(Sql.of("""
                SELECT values_json, saved_by, toInt64(saved_at) AS ts FROM report_drafts FINAL
                WHERE regime = :regime AND unit = :unit AND period = :period
                ORDER BY saved_at DESC LIMIT 1""")
                .bind("regime", key.regime()).bind("unit", key.unit()).bind("period", key.period()),
                r -> new Draft(key, r.getString("values_json"), r.getString("saved_by"),
                        Instant.ofEpochSecond(r.getLong("ts")))).stream().findFirst();
    }
}
