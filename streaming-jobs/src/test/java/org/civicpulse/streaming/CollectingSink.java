package org.civicpulse.streaming;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.civicpulse.streaming.model.TableRow;

/** A test sink that collects rows in memory (the MiniCluster runs in this JVM). */
public final class CollectingSink implements Sink<TableRow> {

    private static final long serialVersionUID = 1L;
    private static final Map<String, Queue<TableRow>> ROWS = new ConcurrentHashMap<>();

    private final String id = UUID.randomUUID().toString();

    public CollectingSink() {
        ROWS.put(id, new ConcurrentLinkedQueue<>());
    }

    public List<TableRow> rows() {
        return List.copyOf(ROWS.get(id));
    }

    public List<String> rows(String table) {
        return rows().stream().filter(r -> r.table.equals(table)).map(r -> r.json).toList();
    }

    @Override
    public SinkWriter<TableRow> createWriter(WriterInitContext context) {
        Queue<TableRow> target = ROWS.get(id);
        return new SinkWriter<>() {
            @Override
            public void write(TableRow row, Context ctx) {
                target.add(row);
            }

            @Override
            public void flush(boolean endOfInput) {
            }

            @Override
            public void close() {
            }
        };
    }
}
