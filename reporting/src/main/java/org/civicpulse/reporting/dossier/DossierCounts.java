package org.civicpulse.reporting.dossier;

import org.civicpulse.reporting.clickhouse.ClickHouseConnection;
import org.civicpulse.reporting.clickhouse.Sql;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Received / completed / completed-on-time dossier counts for a set of units over a time range,
 * from {@code dossier_facts FINAL} (one row per dossier, latest version).
 */
public final class DossierCounts {

    /**
     * Conditions on Nullable columns are wrapped in {@code ifNull(…, 0)}: on 18.16,
     * {@code countIf} over a Nullable condition returns a Nullable count (NULL when every row is NULL).
     * The WHERE clause is applied after FINAL's replacement (never write PREWHERE on a column that
     * changes between versions: it filters old versions before replacement).
     */
    private static final Sql COUNTS = Sql.of("""
            SELECT
                countIf(received_at >= :from AND received_at < :to) AS received,
                countIf(ifNull(completed_at >= :from AND completed_at < :to, 0)) AS completed,
                countIf(ifNull(completed_at >= :from AND completed_at < :to AND on_time = 1, 0)) AS completed_on_time
            FROM dossier_facts FINAL
            WHERE unit IN :units
              AND ((received_at >= :from AND received_at < :to)
                   OR ifNull(completed_at >= :from AND completed_at < :to, 0))
            """);

    private final ClickHouseConnection connection;

    public DossierCounts(ClickHouseConnection connection) {
        this.connection = Objects.requireNonNull(connection, "connection");
    }

    /**
     * Counts over {@code [from, toExclusive)}.
     *
     * @param unitCodes the units whose dossiers count (a unit subtree already expanded; empty → all zero)
     * @return received: dossiers received in the range; completed: dossiers completed in the range
     *         (whenever received); completedOnTime: those of the completed that were on time
     */
    public Counts count(Set<String> unitCodes, Instant from, Instant toExclusive) {
        Objects.requireNonNull(unitCodes, "unitCodes");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(toExclusive, "toExclusive");
        if (!from.isBefore(toExclusive)) {
            throw new IllegalArgumentException("Empty range: from " + from + " is not before " + toExclusive);
        }
        List<Counts> rows = connection.query(COUNTS
                        .bind("units", unitCodes)
                        .bind("from", from)
                        .bind("to", toExclusive),
                row -> Counts.of(row.getLong("received"), row.getLong("completed"), row.getLong("completed_on_time")));
        return rows.isEmpty() ? Counts.of(0, 0, 0) : rows.get(0);
    }

    /**
     * @param onTimeRate completedOnTime / completed in [0, 1]; null when nothing was completed
     *                   (the KPI's NO_DATA)
     */
    public record Counts(long received, long completed, long completedOnTime, Double onTimeRate) {

        public static Counts of(long received, long completed, long completedOnTime) {
            return new Counts(received, completed, completedOnTime,
                    completed == 0 ? null : (double) completedOnTime / completed);
        }

        /** True when no dossier was completed, so the on-time rate has no value. */
        public boolean noData() {
            return onTimeRate == null;
        }
    }
}
