package org.civicpulse.streaming;

import java.util.Objects;
import org.apache.flink.api.connector.sink2.Sink;
import org.civicpulse.streaming.clickhouse.ClickHouseSink;
import org.civicpulse.streaming.clickhouse.ClickHouseSinkSettings;
import org.civicpulse.streaming.model.TableRow;

/**
 * Where the facts job's output goes. Every output row is a {@link TableRow} (table + JSONEachRow
 * line), so one sink takes them all and batches per table: ClickHouse in production, a collecting
 * sink in tests.
 */
public record FactSinks(Sink<TableRow> rows) {

    public FactSinks {
        Objects.requireNonNull(rows, "rows");
    }

    public static FactSinks clickHouse(ClickHouseSinkSettings settings) {
        return new FactSinks(new ClickHouseSink(settings));
    }
}
