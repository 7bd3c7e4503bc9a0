package org.civicpulse.dashboard.catalog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.civicpulse.reporting.clickhouse.ClickHouseConnection;
import org.civicpulse.reporting.clickhouse.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The procedure catalogue ({@code procedures FINAL}) as the filters and the operations view use it: code,
 * name, field (lĩnh vực) and authority unit. Cached; read again after {@code refresh}.
 */
public class ProcedureCatalog {

    private static final Logger log = LoggerFactory.getLogger(ProcedureCatalog.class);
    private static final Sql ALL = Sql.of("SELECT code, name, field, unit, legal_days FROM procedures FINAL ORDER BY field, code");

    /** One catalogue procedure. */
    public record Procedure(String code, String name, String field, String unit, int legalDays) {
    }

    private record Snapshot(Map<String, Procedure> byCode, Instant loadedAt) {
    }

    private final ClickHouseConnection connection;
    private final Clock clock;
    private final Duration refresh;
    private volatile Snapshot snapshot;

    public ProcedureCatalog(ClickHouseConnection connection, Clock clock, Duration refresh) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.refresh = Objects.requireNonNull(refresh, "refresh");
    }

    /** Every procedure, by field then code. */
    public List<Procedure> all() {
        return List.copyOf(current().byCode().values());
    }

    /** The fields of the catalogue, sorted. */
    public List<String> fields() {
        return current().byCode().values().stream().map(Procedure::field).filter(f -> f != null && !f.isBlank())
                .collect(Collectors.toCollection(TreeSet::new)).stream().toList();
    }

    /** The procedures of a field (all procedures when {@code field} is null). */
    public List<Procedure> inField(String field) {
        return current().byCode().values().stream().filter(p -> field == null || field.equals(p.field())).toList();
    }

    public Set<String> codesInField(String field) {
        return inField(field).stream().map(Procedure::code).collect(Collectors.toCollection(TreeSet::new));
    }

    public Optional<Procedure> find(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(current().byCode().get(code.strip()));
    }

    /** The name of a procedure code, or the code itself when the catalogue does not know it. */
    public String name(String code) {
        return find(code).map(Procedure::name).orElse(code);
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        if (s == null || clock.instant().isAfter(s.loadedAt().plus(refresh)) || clock.instant().isBefore(s.loadedAt())) {
            s = load();
        }
        return s;
    }

    private synchronized Snapshot load() {
        Map<String, Procedure> byCode = new LinkedHashMap<>();
        try {
            for (Procedure p : connection.query(ALL, r -> new Procedure(r.getString("code"), r.getString("name"),
                    r.getString("field"), r.getString("unit"), r.getInt("legal_days")))) {
                byCode.put(p.code(), p);
            }
        } catch (RuntimeException e) {
            log.warn("Procedure catalogue could not be read: {}", e.getMessage());
            Snapshot old = snapshot;
            if (old != null) {
                return old;
            }
            throw e;
        }
        Snapshot s = new Snapshot(java.util.Collections.unmodifiableMap(byCode), clock.instant());
        snapshot = s;
        return s;
    }

    /** Forgets the cache. */
    public void invalidate() {
        snapshot = null;
    }

    /** For tests and logs. */
    @Override
    public String toString() {
        Snapshot s = snapshot;
        return "ProcedureCatalog[" + (s == null ? "not loaded" : new ArrayList<>(s.byCode().keySet())) + "]";
    }
}
