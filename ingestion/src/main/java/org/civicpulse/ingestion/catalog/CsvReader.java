package org.civicpulse.ingestion.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV: fields separated by the delimiter, optionally in double quotes ({@code ""} inside quotes is
 * one quote; quoted fields may span lines), records ended by CRLF, LF or CR. Records that are completely
 * empty lines are skipped. Each record knows the physical line it starts on and its raw text.
 */
final class CsvReader {

    /** One record: 1-based line where it starts, its cells (unquoted), its raw text, and a problem if malformed. */
    record Row(long line, List<String> cells, String raw, String problem) {
    }

    private CsvReader() {
    }

    /** The delimiter: ',' unless the first line has no comma but a semicolon (spreadsheet exports in some locales). */
    static char detectDelimiter(String text) {
        int eol = text.length();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                eol = i;
                break;
            }
        }
        String first = text.substring(0, eol);
        return first.indexOf(',') < 0 && first.indexOf(';') >= 0 ? ';' : ',';
    }

    static List<Row> parse(String text, char delimiter) {
        List<Row> rows = new ArrayList<>();
        int n = text.length();
        int i = text.startsWith("\uFEFF") ? 1 : 0;
        long line = 1;
        while (i < n) {
            long startLine = line;
            int startPos = i;
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            String problem = null;
            boolean quoted = false;        // inside a quoted section
            boolean recordEnded = false;
            boolean empty = true;          // nothing at all on this record yet
            while (i < n && !recordEnded) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"') {
                        if (i + 1 < n && text.charAt(i + 1) == '"') {
                            cell.append('"');
                            i += 2;
                        } else {
                            quoted = false;
                            i++;
                        }
                    } else {
                        if (c == '\n' || (c == '\r' && !(i + 1 < n && text.charAt(i + 1) == '\n'))) {
                            line++;
                        }
                        cell.append(c);
                        i++;
                    }
                    continue;
                }
                if (c == delimiter) {
                    cells.add(cell.toString());
                    cell.setLength(0);
                    empty = false;
                    i++;
                } else if (c == '\r' || c == '\n') {
                    i += (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') ? 2 : 1;
                    line++;
                    recordEnded = true;
                } else if (c == '"' && cell.isEmpty()) {
                    quoted = true;
                    empty = false;
                    i++;
                } else {
                    cell.append(c);
                    empty = false;
                    i++;
                }
            }
            if (quoted) {
                problem = "a quoted field starting on line " + startLine + " is not closed before the end of the file";
            }
            if (empty && cell.isEmpty() && problem == null) {
                continue; // blank line
            }
            cells.add(cell.toString());
            int rawEnd = i;
            while (rawEnd > startPos && (text.charAt(rawEnd - 1) == '\n' || text.charAt(rawEnd - 1) == '\r')) {
                rawEnd--;
            }
            rows.add(new Row(startLine, cells, text.substring(startPos, rawEnd), problem));
        }
        return rows;
    }
}
