package org.civicpulse.ingestion.simulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.civicpulse.domain.csv.CsvLine;

/**
 * Minimal RFC 4180 CSV reading and writing for the reference data files: UTF-8, a header line,
 * cells double-quoted when they hold a comma, a quote or a line break ({@code ""} for a quote inside).
 * A byte-order mark on the first line is skipped; blank lines and lines starting with {@code #} are ignored.
 */
final class Csv {

    private Csv() {
    }

    /** One data row, with its cells by header name. */
    record Row(int line, Map<String, String> cells) {
        /** The cell, stripped; empty string when the column is missing. */
        String get(String column) {
            String v = cells.get(column);
            return v == null ? "" : v.strip();
        }

        /** The cell, or an IllegalArgumentException naming the line when it is empty. */
        String required(String column, String source) {
            String v = get(column);
            if (v.isEmpty()) {
                throw new IllegalArgumentException(source + " line " + line + ": " + column + " is empty");
            }
            return v;
        }
    }

    static List<Row> read(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static List<Row> read(InputStream in, String source) {
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return read(r, source);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source, e);
        }
    }

    static List<Row> read(Reader reader, String source) throws IOException {
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        List<Row> rows = new ArrayList<>();
        List<String> header = null;
        int lineNo = 0;
        String line;
        while ((line = in.readLine()) != null) {
            lineNo++;
            int startLine = lineNo;
            if (lineNo == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            // A quoted cell may span lines: keep reading while the quotes are unbalanced.
            while (countQuotes(line) % 2 == 1) {
                String next = in.readLine();
                if (next == null) {
                    throw new IllegalArgumentException(source + " line " + startLine + ": unterminated quoted cell");
                }
                lineNo++;
                line = line + "\n" + next;
            }
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> cells = CsvLine.split(line);
            if (header == null) {
                header = new ArrayList<>();
                for (String h : cells) {
                    header.add(h.strip());
                }
                continue;
            }
            if (cells.size() > header.size()) {
                throw new IllegalArgumentException(source + " line " + startLine + ": " + cells.size()
                        + " cells but the header has " + header.size());
            }
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i < cells.size(); i++) {
                m.put(header.get(i), cells.get(i));
            }
            rows.add(new Row(startLine, m));
        }
        if (header == null) {
            throw new IllegalArgumentException(source + ": no header line");
        }
        return rows;
    }

    private static int countQuotes(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '"') {
                n++;
            }
        }
        return n;
    }

    /** One CSV line (no line break) of the cells, quoting those that need it; null cells are written empty. */
    static String line(Object... cells) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(cell(cells[i] == null ? "" : String.valueOf(cells[i])));
        }
        return sb.toString();
    }

    static String cell(String s) {
        boolean quote = false;
        for (int i = 0; i < s.length() && !quote; i++) {
            char c = s.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
