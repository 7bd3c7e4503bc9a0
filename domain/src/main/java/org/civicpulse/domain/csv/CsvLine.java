package org.civicpulse.domain.csv;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of the comma-separated files the project ships (holiday lists, reference data): a cell may
 * be double-quoted, with {@code ""} for a quote inside. Uploaded files with line breaks inside cells
 * go through the catalogue import's own reader instead.
 */
public final class CsvLine {

    private CsvLine() {
    }

    /** The cells of one line (no line break), unquoted. */
    public static List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
