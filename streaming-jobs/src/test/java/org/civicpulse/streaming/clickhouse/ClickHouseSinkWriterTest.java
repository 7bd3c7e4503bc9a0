package org.civicpulse.streaming.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.runtime.tasks.TestProcessingTimeService;
import org.civicpulse.streaming.model.TableRow;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClickHouseSinkWriterTest {

    record Insert(String table, String data, int rows) {
    }

    /** Records inserts; fails the next {@code failures} calls. */
    static final class FakeInserter implements RowInserter {
        final List<Insert> inserts = new ArrayList<>();
        int failures;
        int calls;
        boolean closed;

        @Override
        public void insert(String table, byte[] rows, int rowCount) throws Exception {
            calls++;
            if (failures > 0) {
                failures--;
                throw new IOException("connection refused");
            }
            inserts.add(new Insert(table, new String(rows, StandardCharsets.UTF_8), rowCount));
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private final FakeInserter inserter = new FakeInserter();
    private final TestProcessingTimeService time = new TestProcessingTimeService();
    private final List<Long> sleeps = new ArrayList<>();
    private ClickHouseSinkWriter writer;

    private static final ClickHouseSinkSettings SETTINGS = ClickHouseSinkSettings
            .of("http://127.0.0.1:1", "db", "default", "")
            .withMaxBufferedRows(3)
            .withFlushInterval(Duration.ofSeconds(1))
            .withRetries(4, Duration.ofMillis(100), Duration.ofMillis(250));

    @BeforeEach
    void setUp() throws Exception {
        time.setCurrentTime(0);
        writer = new ClickHouseSinkWriter(SETTINGS, inserter, time, null, sleeps::add);
    }

    private void write(String table, String json) throws Exception {
        writer.write(new TableRow(table, json), null);
    }

    @Test
    void insertsATableWhenItsBufferIsFull() throws Exception {
        write("a", "{\"x\":1}");
        write("b", "{\"y\":1}");
        write("a", "{\"x\":2}");
        assertThat(inserter.inserts).isEmpty();

        write("a", "{\"x\":3}");

        assertThat(inserter.inserts).containsExactly(new Insert("a", "{\"x\":1}\n{\"x\":2}\n{\"x\":3}\n", 3));
        assertThat(writer.bufferedRows()).isEqualTo(1);
    }

    @Test
    void flushInsertsEveryNonEmptyBuffer() throws Exception {
        write("a", "{\"x\":1}");
        write("b", "{\"y\":1}");

        writer.flush(false);

        assertThat(inserter.inserts).containsExactly(new Insert("a", "{\"x\":1}\n", 1), new Insert("b", "{\"y\":1}\n", 1));
        assertThat(writer.bufferedRows()).isZero();
        writer.flush(true);
        assertThat(inserter.inserts).hasSize(2);
    }

    @Test
    void theTimerFlushesAtLeastEverySecond() throws Exception {
        write("a", "{\"x\":1}");
        time.setCurrentTime(999);
        assertThat(inserter.inserts).isEmpty();

        time.setCurrentTime(1000);
        assertThat(inserter.inserts).hasSize(1);

        write("a", "{\"x\":2}");
        time.setCurrentTime(2000);
        assertThat(inserter.inserts).hasSize(2);
        assertThat(time.getNumActiveTimers()).isEqualTo(1);
    }

    @Test
    void retriesWithBackoffThenSucceeds() throws Exception {
        inserter.failures = 3;
        write("a", "{\"x\":1}");

        writer.flush(false);

        assertThat(inserter.calls).isEqualTo(4);
        assertThat(sleeps).containsExactly(100L, 200L, 250L);
        assertThat(inserter.inserts).containsExactly(new Insert("a", "{\"x\":1}\n", 1));
    }

    @Test
    void failsAfterTheLastAttemptAndKeepsTheRows() throws Exception {
        inserter.failures = 4;
        write("a", "{\"x\":1}");

        assertThatThrownBy(() -> writer.flush(false))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("failed 4 times")
                .hasRootCauseMessage("connection refused");
        assertThat(writer.bufferedRows()).isEqualTo(1);
    }

    @Test
    void closeDoesNotFlushAndClosesTheClient() throws Exception {
        write("a", "{\"x\":1}");
        writer.close();
        assertThat(inserter.inserts).isEmpty();
        assertThat(inserter.closed).isTrue();
        time.setCurrentTime(5000);
        assertThat(inserter.inserts).isEmpty();
    }

    @Test
    void serverVersions() {
        assertThat(ServerVersion.parse("18.16.1\n").legacy()).isTrue();
        assertThat(ServerVersion.parse("24.8.4.13").legacy()).isFalse();
        assertThat(ServerVersion.parse("24.8.4.13").major()).isEqualTo(24);
        assertThatThrownBy(() -> ServerVersion.parse("version()")).isInstanceOf(IllegalArgumentException.class);
    }
}
