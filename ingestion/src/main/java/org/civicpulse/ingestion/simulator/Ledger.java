package org.civicpulse.ingestion.simulator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import org.civicpulse.domain.event.Event;

/**
 * The record of acknowledged events: one CSV line {@code id,type,aggregateId} per event, appended only
 * after the receiver acknowledged it (ingestion answered 200 for its line, or Kafka acknowledged the
 * record), flushed after every batch. Appends to an existing file (the header is written when the file
 * is new or empty), so a resumed run keeps adding. Thread-safe.
 */
final class Ledger implements AutoCloseable {

    static final String HEADER = "id,type,aggregateId";

    private final Path file;
    private final BufferedWriter out;
    private long lines;

    Ledger(Path file) {
        this.file = file;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            boolean fresh = !Files.exists(file) || Files.size(file) == 0;
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            if (fresh) {
                out.write(HEADER);
                out.write('\n');
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open ledger " + file, e);
        }
    }

    /** Appends the events and flushes. */
    synchronized void append(Collection<? extends Event> events) {
        try {
            for (Event e : events) {
                line(e);
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write ledger " + file, e);
        }
    }

    /** Appends one event without flushing (call {@link #flush()}). */
    synchronized void appendNoFlush(Event e) {
        try {
            line(e);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write ledger " + file, ex);
        }
    }

    private void line(Event e) throws IOException {
        out.write(Csv.line(e.id(), e.type().wire(), e.aggregateId()));
        out.write('\n');
        lines++;
    }

    synchronized void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write ledger " + file, e);
        }
    }

    synchronized long lines() {
        return lines;
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close ledger " + file, e);
        }
    }
}
