package org.civicpulse.reporting.kpi;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * Aggregated pass results per breakdown key, and per unit within each key. Columns are
 * {@code <pass>.<column>}; columns whose name ends in {@code _max} keep the maximum, others the sum.
 */
final class FactSums {

    private final Map<String, Map<String, Long>> byKey = new HashMap<>();
    private final Map<String, Map<String, Map<String, Long>>> byUnit = new HashMap<>();

    synchronized void add(String key, String unit, String column, long value) {
        merge(byKey.computeIfAbsent(key, k -> new HashMap<>()), column, value);
        merge(byUnit.computeIfAbsent(key, k -> new HashMap<>()).computeIfAbsent(unit, u -> new HashMap<>()), column, value);
    }

    private static void merge(Map<String, Long> m, String column, long value) {
        if (column.endsWith("_max")) {
            m.merge(column, value, Math::max);
        } else {
            m.merge(column, value, Long::sum);
        }
    }

    synchronized long get(String key, String column) {
        return byKey.getOrDefault(key, Map.of()).getOrDefault(column, 0L);
    }

    /** Whether any row at all was filed under {@code key}. */
    synchronized boolean hasRows(String key) {
        return byKey.containsKey(key);
    }

    /** unit → column → value for one key. */
    synchronized Map<String, Map<String, Long>> units(String key) {
        return Collections.unmodifiableMap(byUnit.getOrDefault(key, Map.of()));
    }
}
