package org.civicpulse.streaming.clickhouse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.civicpulse.streaming.model.TableRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buffers rows per table and inserts a table's buffer when it reaches {@code maxBufferedRows}, every
 * buffer at least every {@code flushInterval} (a processing-time timer, run in the task's mailbox
 * thread like {@link #write}), and all of them on {@link #flush} — which Flink calls before every
 * checkpoint and at end of input. So a completed checkpoint implies its rows are in ClickHouse
 * (at-least-once); with ReplacingMergeTree and deterministic versions the facts end up exactly once.
 *
 * <p>A failed insert is retried with exponential backoff; after {@code maxAttempts} the writer throws,
 * which fails the job so that it restarts from the last checkpoint. Rows are never dropped: a buffer
 * is cleared only after its insert succeeded.
 */
public class ClickHouseSinkWriter implements SinkWriter<TableRow> {

    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseSinkWriter.class);

    /** Waits between attempts; replaceable in tests. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    private static final class Buffer {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        int rows;
    }

    private final ClickHouseSinkSettings settings;
    private final RowInserter inserter;
    private final ProcessingTimeService time;
    private final Sleeper sleeper;
    private final Map<String, Buffer> buffers = new LinkedHashMap<>();
    private final Counter rowsSent;
    private final Counter bytesSent;
    private final Counter sendErrors;
    private ScheduledFuture<?> timer;
    private boolean closed;

    public ClickHouseSinkWriter(ClickHouseSinkSettings settings, RowInserter inserter, ProcessingTimeService time,
                                SinkWriterMetricGroup metrics, Sleeper sleeper) {
        this.settings = settings;
        this.inserter = inserter;
        this.time = time;
        this.sleeper = sleeper;
        this.rowsSent = metrics == null ? new SimpleCounter() : metrics.getNumRecordsSendCounter();
        this.bytesSent = metrics == null ? new SimpleCounter() : metrics.getNumBytesSendCounter();
        this.sendErrors = metrics == null ? new SimpleCounter() : metrics.getNumRecordsSendErrorsCounter();
        scheduleFlush();
    }

    @Override
    public void write(TableRow row, Context context) throws IOException, InterruptedException {
        Buffer b = buffers.computeIfAbsent(row.table, t -> new Buffer());
        b.bytes.write(row.json.getBytes(StandardCharsets.UTF_8));
        b.bytes.write('\n');
        b.rows++;
        if (b.rows >= settings.maxBufferedRows()) {
            flushTable(row.table, b);
        }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        flushAll();
    }

    /** Rows waiting in the buffers (for tests and metrics). */
    public int bufferedRows() {
        int n = 0;
        for (Buffer b : buffers.values()) {
            n += b.rows;
        }
        return n;
    }

    private void scheduleFlush() {
        if (!closed) {
            timer = time.registerTimer(time.getCurrentProcessingTime() + settings.flushInterval().toMillis(),
                    this::onFlushTimer);
        }
    }

    private void onFlushTimer(long timestamp) throws IOException, InterruptedException {
        if (closed) {
            return;
        }
        flushAll();
        scheduleFlush();
    }

    private void flushAll() throws IOException, InterruptedException {
        for (Map.Entry<String, Buffer> e : buffers.entrySet()) {
            if (e.getValue().rows > 0) {
                flushTable(e.getKey(), e.getValue());
            }
        }
    }

    private void flushTable(String table, Buffer b) throws IOException, InterruptedException {
        byte[] data = b.bytes.toByteArray();
        int rows = b.rows;
        insertWithRetries(table, data, rows);
        b.bytes.reset();
        b.rows = 0;
        rowsSent.inc(rows);
        bytesSent.inc(data.length);
    }

    private void insertWithRetries(String table, byte[] data, int rows) throws IOException, InterruptedException {
        long backoff = settings.initialBackoff().toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                inserter.insert(table, data, rows);
                if (attempt > 1) {
                    LOG.info("insert of {} rows into {} succeeded on attempt {}", rows, table, attempt);
                }
                return;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                sendErrors.inc(rows);
                if (attempt >= settings.maxAttempts()) {
                    throw new IOException("ClickHouse insert of " + rows + " rows into " + table + " failed "
                            + attempt + " times; failing so the job restarts from its last checkpoint", e);
                }
                LOG.warn("insert of {} rows into {} failed (attempt {}/{}), retrying in {} ms: {}", rows, table,
                        attempt, settings.maxAttempts(), backoff, e.toString());
                sleeper.sleep(backoff);
                backoff = Math.min(backoff * 2, settings.maxBackoff().toMillis());
            }
        }
    }

    /** Does not flush: Flink flushes before checkpoints and at end of input; on failure nothing may be written. */
    @Override
    public void close() {
        closed = true;
        if (timer != null) {
            timer.cancel(false);
        }
        inserter.close();
    }
}
