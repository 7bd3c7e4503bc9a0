package org.civicpulse.ingestion.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** NDJSON line splitting, JSON array splitting and the body limit, without a server. */
class BodyParsingTest {

    record Line(long no, String text, long fullLength) {
    }

    private static List<Line> lines(byte[] body, int max) throws IOException {
        return lines(new ByteArrayInputStream(body), max);
    }

    private static List<Line> lines(InputStream in, int max) throws IOException {
        List<Line> out = new ArrayList<>();
        NdjsonReader.read(in, max, (no, b, off, len, full) ->
                out.add(new Line(no, new String(b, off, len, StandardCharsets.UTF_8), full)));
        return out;
    }

    @Test
    void ndjsonLinesArePhysicalAndBlankOnesAreSkipped() throws IOException {
        byte[] body = "\uFEFF{\"a\":1}\n\n  \n{\"b\":2}\r\n\t\r\n{\"c\":\"Hà Nội\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(lines(body, 1000)).extracting(Line::no, Line::text)
                .containsExactly(tuple(1L, "{\"a\":1}"), tuple(4L, "{\"b\":2}"), tuple(6L, "{\"c\":\"Hà Nội\"}"));
    }

    @Test
    void linesAcrossReadBuffersAndTooLongLines() throws IOException {
        String big = "x".repeat(100_000);
        String small = "y".repeat(70_000);
        byte[] body = ("a\n" + big + "\n" + small + "\nb\n").getBytes(StandardCharsets.UTF_8);
        // an input stream that hands out odd-sized pieces
        InputStream trickle = new ByteArrayInputStream(body) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 7_777));
            }
        };
        List<Line> got = lines(trickle, 80_000);
        assertThat(got).extracting(Line::no).containsExactly(1L, 2L, 3L, 4L);
        assertThat(got.get(1).text()).hasSize(80_000);
        assertThat(got.get(1).fullLength()).isEqualTo(100_000);
        assertThat(got.get(2).text()).isEqualTo(small);
        assertThat(got.get(2).fullLength()).isEqualTo(70_000);
        assertThat(got.get(3).text()).isEqualTo("b");
    }

    @Test
    void jsonArrayElementsKeepTheirExactText() throws Exception {
        String body = "\uFEFF [ {\"a\": [1, {\"b\":\"]\"}]} ,\n\"Hà\" , 12.5,true,null,{ } ] ";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        List<String> got = new ArrayList<>();
        List<Long> idx = new ArrayList<>();
        JsonArraySplitter.split(bytes, 0, bytes.length, (i, b, off, len) -> {
            idx.add(i);
            got.add(new String(b, off, len, StandardCharsets.UTF_8));
        });
        assertThat(got).containsExactly("{\"a\": [1, {\"b\":\"]\"}]}", "\"Hà\"", "12.5", "true", "null", "{ }");
        assertThat(idx).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void jsonBodiesThatAreNotArrays() throws Exception {
        List<String> got = new ArrayList<>();
        byte[] obj = "{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        JsonArraySplitter.split(obj, 0, obj.length, (i, b, off, len) -> got.add(new String(b, off, len, StandardCharsets.UTF_8)));
        assertThat(got).containsExactly("{\"id\":\"x\"}");
        byte[] empty = "  ".getBytes(StandardCharsets.UTF_8);
        JsonArraySplitter.split(empty, 0, empty.length, (i, b, off, len) -> got.add("?"));
        assertThat(got).hasSize(1);
        for (String bad : List.of("\"str\"", "[{}", "[{}] []", "[{\"a\":}]")) {
            byte[] b = bad.getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> JsonArraySplitter.split(b, 0, b.length, (i, x, off, len) -> { }))
                    .as(bad).isInstanceOf(JsonArraySplitter.NotAnArrayException.class);
        }
    }

    @Test
    void limitedInputStreamStopsPastTheLimit() throws IOException {
        LimitedInputStream ok = new LimitedInputStream(new ByteArrayInputStream(new byte[100]), 100);
        assertThat(ok.readAllBytes()).hasSize(100);
        LimitedInputStream tooMuch = new LimitedInputStream(new ByteArrayInputStream(new byte[101]), 100);
        assertThatThrownBy(tooMuch::readAllBytes).isInstanceOf(LimitedInputStream.BodyTooLargeException.class);
    }

    @Test
    void strictUtf8() {
        byte[] good = "Phường Ba Đình \uFFFD".getBytes(StandardCharsets.UTF_8);
        assertThat(Utf8.decodeStrict(good, 0, good.length)).isEqualTo("Phường Ba Đình \uFFFD");
        byte[] bad = {'a', (byte) 0xC3, 'b'};
        assertThat(Utf8.decodeStrict(bad, 0, bad.length)).isNull();
    }
}
