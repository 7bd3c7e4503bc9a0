package org.civicpulse.reporting.clickhouse;

/**
 * Turns the current row of a result into a value. Read columns by name through {@link Row}.
 *
 * @param <T> what one row becomes
 */
@FunctionalInterface
public interface RowMapper<T> {
    T map(Row row);
}
