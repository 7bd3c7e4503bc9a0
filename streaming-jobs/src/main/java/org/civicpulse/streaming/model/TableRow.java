package org.civicpulse.streaming.model;

import java.util.Objects;

/**
 * One row for one ClickHouse table, already formatted as a JSONEachRow line (no newline).
 * Everything the job writes reaches the sink as a TableRow; the sink batches per table.
 */
public class TableRow implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    public String table;
    public String json;

    public TableRow() {
    }

    public TableRow(String table, String json) {
        this.table = table;
        this.json = json;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TableRow r && Objects.equals(table, r.table) && Objects.equals(json, r.json);
    }

    @Override
    public int hashCode() {
        return Objects.hash(table, json);
    }

    @Override
    public String toString() {
        return table + " " + json;
    }
}
