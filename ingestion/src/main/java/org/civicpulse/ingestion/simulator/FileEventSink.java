package org.civicpulse.ingestion.simulator;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.civicpulse.domain.event.Event;
import org.civicpulse.domain.event.EventCodec;

/**
 * Writes the contract JSON of each event as one NDJSON line to a stream ({@code --out}); with a null
 * stream it only encodes ({@code --dry-run}: measures the generator). The ledger, if any, gets every
 * written event.
 */
final class FileEventSink implements EventSink {

    private final OutputStream out;
    private final Ledger ledger;
    private final EventCodec codec = EventCodec.lenient();
    private long written;
    private long bytes;

    FileEventSink(OutputStream out, Ledger ledger) {
        this.out = out == null ? null : new BufferedOutputStream(out, 1 << 16);
        this.ledger = ledger;
    }

    @Override
    public void accept(Event e) {
        byte[] json = codec.toJsonBytes(e);
        bytes += json.length + 1;
        if (out != null) {
            try {
                out.write(json);
                out.write('\n');
            } catch (IOException ex) {
                throw new SinkFailedException("cannot write events: " + ex, ex);
            }
        }
        if (ledger != null) {
            ledger.appendNoFlush(e);
        }
        written++;
    }

    @Override
    public void close() {
        try {
            if (out != null) {
                out.flush();
                out.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (ledger != null) {
            ledger.flush();
        }
    }

    @Override
    public long acknowledged() {
        return written;
    }

    @Override
    public String status() {
        return String.format("%.1f MB encoded", bytes / 1e6);
    }
}
