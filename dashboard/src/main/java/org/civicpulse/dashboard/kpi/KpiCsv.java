package org.civicpulse.dashboard.kpi;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * The KPI rows as CSV: UTF-8 with a byte-order mark (so Excel reads Vietnamese text right),
 * comma-separated, a header row of the JSON field names, CRLF line ends and RFC 4180 quoting. Numbers
 * are written as in the JSON (a dot as decimal mark, no exponent); an empty field is a JSON null. A text
 * field that starts with {@code = + - @} or a tab gets a leading apostrophe so a spreadsheet never runs it
 * as a formula.
 */
public final class KpiCsv {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private KpiCsv() {
    }

    public static void write(List<KpiRow> rows, OutputStream out) throws IOException {
        out.write(BOM);
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        List<KpiTable.Column> columns = KpiTable.COLUMNS;
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                w.write(',');
            }
            w.write(field(columns.get(i).name()));
        }
        w.write("\r\n");
        for (KpiRow row : rows) {
            for (int i = 0; i < columns.size(); i++) {
                if (i > 0) {
                    w.write(',');
                }
                w.write(cell(columns.get(i).get().apply(row)));
            }
            w.write("\r\n");
        }
        w.flush();
    }

    private static String cell(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof Number || v instanceof Instant) {
            return v.toString();
        }
        String s = v.toString();
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        return field(s);
    }

    /** RFC 4180: quote a field holding a comma, a quote or a line break; double the quotes inside. */
    public static String field(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
