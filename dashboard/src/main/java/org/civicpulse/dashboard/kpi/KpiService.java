package org.civicpulse.dashboard.kpi;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.civicpulse.dashboard.org.OrgDirectory;
import org.civicpulse.dashboard.security.CivicUser;
import org.civicpulse.dashboard.security.UnitScope;
import org.civicpulse.domain.calendar.ReportingPeriod;
import org.civicpulse.domain.kpi.Direction;
import org.civicpulse.domain.kpi.KpiDefinition;
import org.civicpulse.domain.kpi.KpiRegistry;
import org.civicpulse.reporting.kpi.DrillFilters;
import org.civicpulse.reporting.kpi.DrillRow;
import org.civicpulse.reporting.kpi.KpiEngine;
import org.civicpulse.reporting.kpi.KpiValue;
import org.civicpulse.reporting.kpi.Page;
import org.civicpulse.reporting.kpi.Part;

/**
 * The KPI rows of the API, the exports and the views, from reporting's {@link KpiEngine} (one engine
 * computes every number). Callers pass queries that {@link KpiRequests} validated and scoped; as a
 * second line of defence every row whose unit the user may not read is dropped here too.
 */
public class KpiService {

    private final KpiEngine engine;
    private final KpiRegistry registry;
    private final OrgDirectory directory;
    private final UnitScope scope;

    public KpiService(KpiEngine engine, KpiRegistry registry, OrgDirectory directory, UnitScope scope) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.scope = Objects.requireNonNull(scope, "scope");
    }

    public KpiRegistry registry() {
        return registry;
    }

    /** The rows of a validated query: one per KPI, or with a breakdown one per KPI and child unit. */
    public List<KpiRow> rows(KpiRequests.KpiQuery q, CivicUser user) {
        scope.requireReadable(user, q.unit(), q.period(), "unit");
        List<String> kpis = q.kpis().isEmpty() ? registry.all().stream().map(KpiDefinition::id).toList() : q.kpis();
        LocalDate nameDate = scope.checkDate(q.period());
        List<KpiRow> rows = new ArrayList<>();
        if (!q.breakdownChildren()) {
            Map<String, KpiValue> byKpi = new LinkedHashMap<>();
            for (KpiValue v : engine.compute(q.unit(), q.period().code())) {
                byKpi.put(v.kpi(), v);
            }
            for (String id : kpis) {
                KpiValue v = byKpi.get(id);
                if (v != null) {
                    rows.add(row(v, nameDate));
                }
            }
        } else {
            for (String id : kpis) {
                List<KpiRow> children = new ArrayList<>();
                for (KpiValue v : engine.breakdown(id, q.unit(), q.period().code())) {
                    children.add(row(v, nameDate));
                }
                rows.addAll(ranked(children, q.unit(), registry.get(id).direction()));
            }
        }
        return rows.stream().filter(r -> scope.canRead(user, r.unit(), q.period())).toList();
    }

    /** One page of the records behind a figure. */
    public Page<DrillRow> drill(KpiRequests.DrillQuery q, CivicUser user) {
        return drill(q, DrillFilters.NONE, user);
    }

    /** One page of the records behind a figure, narrowed by {@code filters} (procedure, channel, status, sub-unit). */
    public Page<DrillRow> drill(KpiRequests.DrillQuery q, DrillFilters filters, CivicUser user) {
        scope.requireReadable(user, q.unit(), q.period(), "unit");
        if (filters != null && filters.unit() != null) {
            scope.requireReadable(user, filters.unit(), q.period(), "unit");
        }
        Part part = q.part() == KpiRequests.Part.NUMERATOR ? Part.NUMERATOR : Part.DENOMINATOR;
        return engine.drillThrough(q.kpi(), q.unit(), q.period().code(), part, filters, q.page(), q.size());
    }

    /**
     * Ranks the child rows of a breakdown, in the engine's order (best first, NO_DATA last): 1 = best value
     * in the KPI's direction, equal values share a rank, NO_DATA rows and the parent's own row (records
     * filed under the parent itself) get none.
     */
    static List<KpiRow> ranked(List<KpiRow> rows, String parent, Direction direction) {
        List<KpiRow> ranked = new ArrayList<>(rows.stream()
                .filter(r -> r.value() != null && !r.unit().equals(parent)).toList());
        ranked.sort((a, b) -> direction.bestFirst(a.value(), b.value()));
        Map<KpiRow, Integer> ranks = new IdentityHashMap<>();
        BigDecimal previous = null;
        int rank = 0;
        for (int i = 0; i < ranked.size(); i++) {
            KpiRow r = ranked.get(i);
            if (previous == null || r.value().compareTo(previous) != 0) {
                rank = i + 1;
                previous = r.value();
            }
            ranks.put(r, rank);
        }
        List<KpiRow> out = new ArrayList<>(rows.size());
        for (KpiRow r : rows) {
            out.add(r.withRank(ranks.get(r)));
        }
        return out;
    }

    private KpiRow row(KpiValue v, LocalDate nameDate) {
        Optional<KpiDefinition> def = registry.find(v.kpi());
        return new KpiRow(v.kpi(), v.unit(), v.period(), v.numerator(), v.denominator(), v.value(), v.target(),
                v.status() == null ? null : v.status().name(), v.asOf(),
                def.map(d -> d.name().vi()).orElse(null), def.map(d -> d.name().en()).orElse(null),
                directory.name(v.unit(), nameDate), def.map(d -> d.unit().name()).orElse(null), v.formulaVersion(),
                v.projection(), v.requiredRate(), v.sourcesReported(), v.points(), v.grade(), null);
    }

}
