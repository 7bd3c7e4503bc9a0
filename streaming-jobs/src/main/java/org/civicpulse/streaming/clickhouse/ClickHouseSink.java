package org.civicpulse.streaming.clickhouse;

import java.io.IOException;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.civicpulse.streaming.model.TableRow;

/**
 * Flink Sink V2 that writes {@link TableRow}s to ClickHouse as JSONEachRow, batched per table
 * ({@link ClickHouseSinkWriter}); at-least-once (flushed on every checkpoint).
 */
public class ClickHouseSink implements Sink<TableRow> {

    private static final long serialVersionUID = 1L;

    private final ClickHouseSinkSettings settings;
    private final RowInserter.Factory inserters;

    public ClickHouseSink(ClickHouseSinkSettings settings) {
        this(settings, ClickHouseInserter::open);
    }

    /** With another way to insert (tests). */
    public ClickHouseSink(ClickHouseSinkSettings settings, RowInserter.Factory inserters) {
        this.settings = settings;
        this.inserters = inserters;
    }

    public ClickHouseSinkSettings settings() {
        return settings;
    }

    @Override
    public SinkWriter<TableRow> createWriter(WriterInitContext context) throws IOException {
        RowInserter inserter = openWithRetries();
        return new ClickHouseSinkWriter(settings, inserter, context.getProcessingTimeService(),
                context.metricGroup(), Thread::sleep);
    }

    private RowInserter openWithRetries() throws IOException {
        long backoff = settings.initialBackoff().toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                return inserters.open(settings);
            } catch (Exception e) {
                if (attempt >= settings.maxAttempts()) {
                    throw new IOException("cannot connect to ClickHouse at " + settings.url() + " after "
                            + attempt + " attempts", e);
                }
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while connecting to ClickHouse", ie);
                }
                backoff = Math.min(backoff * 2, settings.maxBackoff().toMillis());
            }
        }
    }
}
