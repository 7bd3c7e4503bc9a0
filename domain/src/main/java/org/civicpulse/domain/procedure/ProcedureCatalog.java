package org.civicpulse.domain.procedure;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The procedures known at one moment, by code and by authority unit. Immutable; build a new catalogue
 * when {@code catalog.procedure} events change it (a later event for a code replaces the earlier one).
 */
public final class ProcedureCatalog {

    private final Map<String, Procedure> byCode;
    private final Map<String, List<Procedure>> byUnit;

    /**
     * @throws IllegalArgumentException if two procedures share a code
     */
    public ProcedureCatalog(Collection<Procedure> procedures) {
        Map<String, Procedure> codes = new TreeMap<>();
        for (Procedure p : procedures) {
            Procedure previous = codes.putIfAbsent(p.code(), p);
            if (previous != null) {
                throw new IllegalArgumentException("procedure " + p.code() + " is listed twice (\""
                        + previous.name() + "\" and \"" + p.name() + "\")");
            }
        }
        Map<String, List<Procedure>> units = new HashMap<>();
        for (Procedure p : codes.values()) {
            units.computeIfAbsent(p.unit(), u -> new ArrayList<>()).add(p);
        }
        units.replaceAll((u, list) -> List.copyOf(list));
        this.byCode = Collections.unmodifiableMap(codes);
        this.byUnit = Map.copyOf(units);
    }

    /** A catalogue in which a later procedure with the same code replaces an earlier one (event replay order). */
    public static ProcedureCatalog latestOf(Collection<Procedure> procedures) {
        Map<String, Procedure> latest = new TreeMap<>();
        procedures.forEach(p -> latest.put(p.code(), p));
        return new ProcedureCatalog(latest.values());
    }

    public Optional<Procedure> byCode(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    /** The procedures whose authority is {@code unit}, by code. */
    public List<Procedure> byUnit(String unit) {
        return byUnit.getOrDefault(unit, List.of());
    }

    /** The procedures whose authority is any of {@code units} (e.g. an {@code OrgHierarchy} subtree), by code. */
    public List<Procedure> inUnits(Set<String> units) {
        return byCode.values().stream().filter(p -> units.contains(p.unit())).toList();
    }

    /** Every procedure, by code. */
    public List<Procedure> all() {
        return List.copyOf(byCode.values());
    }

    public int size() {
        return byCode.size();
    }
}
