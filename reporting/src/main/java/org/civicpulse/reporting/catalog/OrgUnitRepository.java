package org.civicpulse.reporting.catalog;

import org.civicpulse.domain.event.UnitLevel;
import org.civicpulse.domain.org.Merger;
import org.civicpulse.domain.org.OrgHierarchy;
import org.civicpulse.domain.org.OrgUnit;
import org.civicpulse.reporting.clickhouse.ClickHouseConnection;
import org.civicpulse.reporting.clickhouse.Row;
import org.civicpulse.reporting.clickhouse.Sql;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The org-unit versions ({@code org_units FINAL}) and the reorganisation map ({@code org_mergers FINAL}) in
 * ClickHouse, as domain {@link OrgUnit}s and {@link Merger}s.
 */
public final class OrgUnitRepository {

    private static final Sql ALL = Sql.of("""
            SELECT code, name, level, parent, valid_from, valid_to
            FROM org_units FINAL
            ORDER BY code, valid_from
            """);

    private static final Sql MERGERS = Sql.of("""
            SELECT old_code, new_code, effective, merge_type
            FROM org_mergers FINAL
            ORDER BY old_code, new_code, effective
            """);

    private final ClickHouseConnection connection;

    public OrgUnitRepository(ClickHouseConnection connection) {
        this.connection = Objects.requireNonNull(connection, "connection");
    }

    /**
     * Every version of every unit, ordered by code then validity start. A {@code valid_from} of
     * 1970-01-01 (ClickHouse's zero Date) reads as {@code null}, the domain's "since ever".
     */
    public List<OrgUnit> findAll() {
        return connection.query(ALL, OrgUnitRepository::map);
    }

    /**
     * Every row of the reorganisation map, ordered by old code, new code, date. The merge type is kept as
     * stored, {@code WHOLE} or {@code PART}: the KPI engine counts a row as partial when its type contains
     * "part" (or "một phần"), so no translation is needed. An empty one (the catalogue did not say) reads
     * as null, through {@link Merger}.
     */
    public List<Merger> findMergers() {
        return connection.query(MERGERS, row -> new Merger(row.getString("old_code"), row.getString("new_code"),
                row.getLocalDate("effective"), row.getString("merge_type")));
    }

    /** The hierarchy of all stored versions (without a reorganisation map). */
    public OrgHierarchy hierarchy() {
        return OrgHierarchy.of(findAll());
    }

    private static OrgUnit map(Row row) {
        LocalDate validFrom = row.getLocalDate("valid_from");
        if (LocalDate.EPOCH.equals(validFrom)) {
            validFrom = null;
        }
        return new OrgUnit(row.getString("code"), row.getString("name"), UnitLevel.valueOf(row.getString("level")),
                row.getString("parent"), validFrom, row.getLocalDate("valid_to"));
    }
}
