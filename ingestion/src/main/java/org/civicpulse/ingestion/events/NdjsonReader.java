package org.civicpulse.ingestion.events;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines at {@code \n} (a trailing {@code \r} is dropped), without decoding
 * or copying lines that fit in one read. Blank lines are skipped but counted; a UTF-8 BOM at the very
 * start is dropped. Lines longer than the limit are passed on cut to the limit, with their full length.
 */
final class NdjsonReader {

    /** Receives each non-blank line; {@code bytes[off, off+len)} is only valid during the call. */
    interface LineHandler {
        /**
         * @param lineNo     1-based physical line number
         * @param fullLength the line's real length; greater than {@code len} when it was cut at the limit
         */
        void line(long lineNo, byte[] bytes, int off, int len, long fullLength) throws IOException;
    }

    private final LineHandler handler;
    private final int maxLineBytes;
    private byte[] acc = new byte[0];
    private int accLen;      // bytes of the current line kept in acc (≤ maxLineBytes)
    private long lineLen;    // bytes of the current line seen so far (kept in acc or dropped)
    private long lineNo = 1;

    private NdjsonReader(int maxLineBytes, LineHandler handler) {
        this.maxLineBytes = maxLineBytes;
        this.handler = handler;
    }

    static void read(InputStream in, int maxLineBytes, LineHandler handler) throws IOException {
        NdjsonReader r = new NdjsonReader(maxLineBytes, handler);
        byte[] head = in.readNBytes(3);
        if (!Utf8.startsWithBom(head, 0, head.length)) {
            r.chunk(head, head.length);
        }
        byte[] buf = new byte[64 * 1024];
        int n;
        while ((n = in.read(buf, 0, buf.length)) >= 0) {
            r.chunk(buf, n);
        }
        if (r.lineLen > 0) {
            r.emit(r.acc, 0, r.accLen, r.lineLen);
        }
    }

    private void chunk(byte[] buf, int n) throws IOException {
        int start = 0;
        for (int i = 0; i < n; i++) {
            if (buf[i] != '\n') {
                continue;
            }
            int segLen = i - start;
            if (lineLen == 0 && segLen <= maxLineBytes) {
                emit(buf, start, segLen, segLen); // the whole line is in this chunk: no copy
            } else {
                keep(buf, start, segLen);
                emit(acc, 0, accLen, lineLen + segLen);
            }
            accLen = 0;
            lineLen = 0;
            lineNo++;
            start = i + 1;
        }
        int tail = n - start;
        if (tail > 0) {
            keep(buf, start, tail);
            lineLen += tail;
        }
    }

    /** Appends to the current line what still fits under the limit. */
    private void keep(byte[] src, int off, int len) {
        int k = (int) Math.min(len, Math.max(0, maxLineBytes - accLen));
        if (k == 0) {
            return;
        }
        if (accLen + k > acc.length) {
            acc = Arrays.copyOf(acc, Math.min(maxLineBytes, Math.max(accLen + k, Math.max(1024, acc.length * 2))));
        }
        System.arraycopy(src, off, acc, accLen, k);
        accLen += k;
    }

    private void emit(byte[] b, int off, int len, long fullLength) throws IOException {
        int end = off + len;
        if (len == fullLength && len > 0 && b[end - 1] == '\r') {
            end--;
            fullLength--;
        }
        for (int i = off; i < end; i++) {
            byte c = b[i];
            if (c != ' ' && c != '\t' && c != '\r') {
                handler.line(lineNo, b, off, end - off, fullLength);
                return;
            }
        }
        // blank: skipped, but its number was used
    }
}
