package org.civicpulse.reporting.report;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.civicpulse.reporting.clickhouse.ClickHouseConnection;
import org.civicpulse.reporting.clickhouse.Sql;

/**
 * The read side of the report workflow: {@code report_actions} rows (written by the Flink job from the
 * {@code report.*} events) folded into {@link ReportState}s.
 *
 * <p>Actions this process has just posted to ingestion are not in ClickHouse until the pipeline has carried
 * them (seconds). {@link #remember} keeps them as <em>pending</em> rows that are folded in with the stored ones
 * (the same event id counts once) until they show up in ClickHouse or {@link #PENDING_TTL} passes, so a user
 * sees the effect of their own click at once and a double click is refused.
 */
public final class ReportActions {

    /** How long a posted action is assumed to be on its way through the pipeline. */
    public static final Duration PENDING_TTL = Duration.ofMinutes(10);

    private static final String SELECT = """
            SELECT event_id, unit, regime, period, toString(action) AS action, values_json, by_user, comment,
                toInt64(occurred_at) AS ts
            FROM report_actions
            WHERE regime IN :regimes AND unit IN :units AND period IN :periods
            """;

    private final ClickHouseConnection ch;
    private final Clock clock;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    private record Pending(ActionRow row, Instant until) {
    }

    public ReportActions(ClickHouseConnection ch, Clock clock) {
        this.ch = Objects.requireNonNull(ch, "ch");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The stored rows of the given regimes × units × periods (one row per event id). */
    public List<ActionRow> rows(Collection<String> regimes, Collection<String> units, Collection<String> periods) {
        if (regimes.isEmpty() || units.isEmpty() || periods.isEmpty()) {
            return List.of();
        }
        Sql sql = Sql.of(SELECT).bind("regimes", new TreeSet<>(regimes)).bind("units", new TreeSet<>(units))
                .bind("periods", new TreeSet<>(periods));
        Map<String, ActionRow> byId = new TreeMap<>();
        for (ActionRow r : ch.query(sql, row -> new ActionRow(row.getString("event_id"), row.getString("unit"),
                row.getString("regime"), row.getString("period"), ActionRow.Action.valueOf(row.getString("action")),
                row.getString("values_json"), row.getString("by_user"), row.getString("comment"),
                Instant.ofEpochSecond(row.getLong("ts"))))) {
            byId.putIfAbsent(r.eventId(), r);
        }
        return new ArrayList<>(byId.values());
    }

    /** The state of every report in {@code keys} (DRAFT for those without actions). */
    public Map<ReportKey, ReportState> states(Collection<ReportKey> keys) {
        Set<String> regimes = new TreeSet<>();
        Set<String> units = new TreeSet<>();
        Set<String> periods = new TreeSet<>();
        for (ReportKey k : keys) {
            regimes.add(k.regime());
            units.add(k.unit());
            periods.add(k.period());
        }
        Map<ReportKey, List<ActionRow>> grouped = new HashMap<>();
        Set<String> stored = new TreeSet<>();
        for (ActionRow r : rows(regimes, units, periods)) {
            stored.add(r.eventId());
            grouped.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r);
        }
        Instant now = clock.instant();
        pending.values().removeIf(p -> stored.contains(p.row().eventId()) || now.isAfter(p.until()));
        for (Pending p : pending.values()) {
            grouped.computeIfAbsent(p.row().key(), k -> new ArrayList<>()).add(p.row());
        }
        Map<ReportKey, ReportState> out = new TreeMap<>();
        for (ReportKey k : keys) {
            List<ActionRow> rows = grouped.get(k);
            out.put(k, rows == null ? ReportState.empty(k) : ReportState.fold(k, rows));
        }
        return out;
    }

    public ReportState state(ReportKey key) {
        return states(List.of(key)).get(key);
    }

    /** Folds in an action this process posted until the pipeline has stored it. */
    public void remember(ActionRow row) {
        pending.put(row.eventId(), new Pending(row, clock.instant().plus(PENDING_TTL)));
    }

    /** Forgets an action whose post failed. */
    public void forget(String eventId) {
        pending.remove(eventId);
    }
}
