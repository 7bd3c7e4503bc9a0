package org.civicpulse.streaming.clickhouse;

import java.io.Serializable;

/** Inserts one batch of JSONEachRow lines into one table; one attempt, throws on any failure. */
public interface RowInserter extends AutoCloseable {

    /**
     * @param table    table name (in the configured database)
     * @param rows     JSONEachRow lines, each ending with {@code '\n'}, UTF-8
     * @param rowCount number of lines in {@code rows}
     */
    void insert(String table, byte[] rows, int rowCount) throws Exception;

    @Override
    void close();

    /** Opens an inserter inside the task (so that the sink itself stays serialisable). */
    @FunctionalInterface
    interface Factory extends Serializable {
        RowInserter open(ClickHouseSinkSettings settings) throws Exception;
    }
}
