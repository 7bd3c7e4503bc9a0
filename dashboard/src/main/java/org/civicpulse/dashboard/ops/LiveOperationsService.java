package org.civicpulse.dashboard.ops;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.civicpulse.dashboard.catalog.ProcedureCatalog;
import org.civicpulse.dashboard.org.OrgDirectory;
import org.civicpulse.domain.calendar.WorkingDays;
import org.civicpulse.domain.org.OrgHierarchy;
import org.civicpulse.domain.org.OrgUnit;
import org.civicpulse.reporting.clickhouse.ClickHouseConnection;
import org.civicpulse.reporting.clickhouse.Sql;

/**
 * The live backlog (O3) straight from {@code dossier_facts}: every dossier IN_PROGRESS now in a unit's subtree,
 * grouped by unit and procedure. "Overdue now" and "due soon" are computed from the columns at query time, not
 * read from the streaming job's {@code overdue_now} flag (which follows event time): a dossier is overdue when
 * no supplement pause is open and {@code due_at + supplement_wait_seconds} is before now; due soon when that
 * effective deadline falls before the end of the N-th working day from today (N = the registry's
 * almostLateWorkingDays). A dossier waiting for the applicant's supplement is counted as paused instead.
 *
 * <p>Values reach SQL only through reporting's {@link Sql} literal renderer.
 */
public class LiveOperationsService {

    private static final String SELECT = """
            SELECT unit, procedure,
                count() AS in_progress,
                countIf(isNull(supplement_open_since) AND toInt64(due_at) + toInt64(supplement_wait_seconds) < :now) AS overdue,
                countIf(isNull(supplement_open_since) AND toInt64(due_at) + toInt64(supplement_wait_seconds) >= :now
                        AND toInt64(due_at) + toInt64(supplement_wait_seconds) < :soon) AS due_soon,
                countIf(isNotNull(supplement_open_since)) AS paused,
                toInt64(max(last_event_at)) AS newest
            FROM dossier_facts FINAL
            WHERE status = 'IN_PROGRESS' AND unit IN :units""";
    private static final Sql ALL = Sql.of(SELECT + "\nGROUP BY unit, procedure");
    private static final Sql BY_PROCEDURES = Sql.of(SELECT + " AND procedure IN :procedures\nGROUP BY unit, procedure");
    /** How far back codes that were in the subtree are still looked for (units merged away keep old dossiers). */
    private static final int HISTORY_YEARS = 3;
    private static final int MAX_PROCEDURES = 20;

    private final ClickHouseConnection connection;
    private final OrgDirectory directory;
    private final ProcedureCatalog catalog;
    private final WorkingDays workingDays;
    private final int dueSoonDays;
    private final ZoneId zone;
    private final Clock clock;

    public LiveOperationsService(ClickHouseConnection connection, OrgDirectory directory, ProcedureCatalog catalog,
                                 WorkingDays workingDays, int dueSoonDays, ZoneId zone, Clock clock) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.workingDays = Objects.requireNonNull(workingDays, "workingDays");
        this.dueSoonDays = dueSoonDays;
        this.zone = Objects.requireNonNull(zone, "zone");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public int dueSoonDays() {
        return dueSoonDays;
    }

    /** The backlog of {@code key}'s subtree now. The caller has checked that the viewer may read the unit. */
    public LiveSnapshot snapshot(LiveKey key) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, zone);
        OrgHierarchy h = directory.hierarchy();
        Set<String> codes = h.subtreeDuring(key.unit(), today.minusYears(HISTORY_YEARS), today);
        Instant soon = soonLimit(today);
        Sql sql;
        if (key.procedure() != null) {
            sql = BY_PROCEDURES.bind("procedures", Set.of(key.procedure()));
        } else if (key.field() != null) {
            sql = BY_PROCEDURES.bind("procedures", catalog.codesInField(key.field()));
        } else {
            sql = ALL;
        }
        sql = sql.bind("units", codes).bind("now", now.getEpochSecond()).bind("soon", soon.getEpochSecond());
        List<Object[]> rows = connection.query(sql, r -> new Object[] {r.getString("unit"), r.getString("procedure"),
                new LiveSnapshot.Counts(r.getLong("in_progress"), r.getLong("overdue"), r.getLong("due_soon"),
                        r.getLong("paused")), r.getLong("newest")});

        // child units of the unit today, and which child each code rolls up to
        List<OrgUnit> children = h.children(key.unit(), today);
        Map<String, String> childOf = new HashMap<>();
        for (OrgUnit c : children) {
            for (String code : h.subtreeDuring(c.code(), today.minusYears(HISTORY_YEARS), today)) {
                childOf.putIfAbsent(code, c.code());
            }
        }
        Map<String, LiveSnapshot.Counts> byUnit = new LinkedHashMap<>();
        children.forEach(c -> byUnit.put(c.code(), LiveSnapshot.Counts.ZERO));
        Map<String, LiveSnapshot.Counts> byProcedure = new HashMap<>();
        LiveSnapshot.Counts total = LiveSnapshot.Counts.ZERO;
        long newest = 0;
        for (Object[] row : rows) {
            String unit = (String) row[0];
            LiveSnapshot.Counts c = (LiveSnapshot.Counts) row[2];
            String target = childOf.getOrDefault(unit, key.unit());
            byUnit.merge(target, c, LiveSnapshot.Counts::plus);
            byProcedure.merge((String) row[1], c, LiveSnapshot.Counts::plus);
            total = total.plus(c);
            newest = Math.max(newest, (Long) row[3]);
        }
        List<LiveSnapshot.UnitLine> units = new ArrayList<>();
        for (Map.Entry<String, LiveSnapshot.Counts> e : byUnit.entrySet()) {
            boolean own = e.getKey().equals(key.unit());
            String name = directory.name(e.getKey(), today);
            units.add(new LiveSnapshot.UnitLine(e.getKey(), name == null ? e.getKey() : name, own, e.getValue()));
        }
        units.sort(Comparator.comparing((LiveSnapshot.UnitLine u) -> u.own())
                .thenComparing(u -> -u.counts().overdue())
                .thenComparing(u -> -u.counts().inProgress())
                .thenComparing(LiveSnapshot.UnitLine::unit));
        List<LiveSnapshot.ProcedureLine> procedures = byProcedure.entrySet().stream()
                .map(e -> {
                    ProcedureCatalog.Procedure p = catalog.find(e.getKey()).orElse(null);
                    return new LiveSnapshot.ProcedureLine(e.getKey(), p == null ? e.getKey() : p.name(),
                            p == null ? null : p.field(), e.getValue());
                })
                .sorted(Comparator.comparing((LiveSnapshot.ProcedureLine p) -> -p.counts().overdue())
                        .thenComparing(p -> -p.counts().inProgress())
                        .thenComparing(LiveSnapshot.ProcedureLine::procedure))
                .limit(MAX_PROCEDURES)
                .toList();
        return new LiveSnapshot(now, total, List.copyOf(units), procedures,
                newest == 0 ? null : Instant.ofEpochSecond(newest), dueSoonDays);
    }

    /** The end of the N-th working day after today (local midnight after it). */
    Instant soonLimit(LocalDate today) {
        LocalDate day = dueSoonDays == 0 ? today : workingDays.plusWorkingDays(today, dueSoonDays);
        return day.plusDays(1).atStartOfDay(zone).toInstant();
    }
}
