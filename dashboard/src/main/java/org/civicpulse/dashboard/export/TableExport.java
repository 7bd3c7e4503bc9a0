package org.civicpulse.dashboard.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormat;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.civicpulse.dashboard.kpi.KpiCsv;

/**
 * Any other table of the dashboard (drill-through records, live backlog) as CSV and XLSX, in the conventions
 * of the KPI exports ({@link KpiCsv}, {@code KpiXlsx}): CSV in UTF-8 with a byte-order mark, a header row,
 * CRLF, RFC 4180 quoting, numbers with a dot and no grouping, formula-looking text defused with an apostrophe;
 * XLSX with a heading that states what the table is, a bold frozen header, an auto-filter and typed cells.
 */
public final class TableExport {

    public enum Type { TEXT, NUMBER, INTEGER, INSTANT, BOOLEAN }

    public record Column(String name, Type type, int width) {
    }

    /**
     * @param title   what the table is (first line of the XLSX sheet)
     * @param heading further heading lines (period, unit, filters, exported by/at)
     */
    public record Table(String title, List<String> heading, List<Column> columns, List<List<Object>> rows) {
    }

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private TableExport() {
    }

    public static byte[] csv(Table t) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8 * 1024);
        try {
            out.write(BOM);
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            for (int i = 0; i < t.columns().size(); i++) {
                if (i > 0) {
                    w.write(',');
                }
                w.write(KpiCsv.field(t.columns().get(i).name()));
            }
            w.write("\r\n");
            for (List<Object> row : t.rows()) {
                for (int i = 0; i < t.columns().size(); i++) {
                    if (i > 0) {
                        w.write(',');
                    }
                    w.write(cell(i < row.size() ? row.get(i) : null));
                }
                w.write("\r\n");
            }
            w.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String cell(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof Number || v instanceof Instant || v instanceof Boolean) {
            return v.toString();
        }
        String s = v.toString();
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        return KpiCsv.field(s);
    }

    public static byte[] xlsx(Table t, ZoneId zone) {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024)) {
            DataFormat df = wb.createDataFormat();
            Font bold = wb.createFont();
            bold.setBold(true);
            Font big = wb.createFont();
            big.setBold(true);
            big.setFontHeightInPoints((short) 14);
            CellStyle title = wb.createCellStyle();
            title.setFont(big);
            CellStyle header = wb.createCellStyle();
            header.setFont(bold);
            header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            header.setBorderBottom(BorderStyle.THIN);
            CellStyle integer = wb.createCellStyle();
            integer.setDataFormat(df.getFormat("#,##0"));
            CellStyle decimal = wb.createCellStyle();
            decimal.setDataFormat(df.getFormat("#,##0.00"));
            CellStyle dateTime = wb.createCellStyle();
            dateTime.setDataFormat(df.getFormat("dd/mm/yyyy hh:mm:ss"));

            Sheet sheet = wb.createSheet("Data");
            int r = 0;
            Row tr = sheet.createRow(r++);
            Cell tc = tr.createCell(0);
            tc.setCellValue(t.title());
            tc.setCellStyle(title);
            for (String line : t.heading()) {
                sheet.createRow(r++).createCell(0).setCellValue(line);
            }
            r++;
            int headerRow = r;
            Row hr = sheet.createRow(r++);
            for (int c = 0; c < t.columns().size(); c++) {
                Cell cell = hr.createCell(c);
                cell.setCellValue(t.columns().get(c).name());
                cell.setCellStyle(header);
                sheet.setColumnWidth(c, t.columns().get(c).width() * 256);
            }
            for (List<Object> row : t.rows()) {
                Row x = sheet.createRow(r++);
                for (int c = 0; c < t.columns().size() && c < row.size(); c++) {
                    Object v = row.get(c);
                    if (v == null) {
                        continue;
                    }
                    Cell cell = x.createCell(c);
                    switch (t.columns().get(c).type()) {
                        case INTEGER -> {
                            cell.setCellValue(((Number) v).doubleValue());
                            cell.setCellStyle(integer);
                        }
                        case NUMBER -> {
                            cell.setCellValue(((Number) v).doubleValue());
                            cell.setCellStyle(decimal);
                        }
                        case INSTANT -> {
                            cell.setCellValue(((Instant) v).atZone(zone).toLocalDateTime());
                            cell.setCellStyle(dateTime);
                        }
                        case BOOLEAN -> cell.setCellValue((Boolean) v);
                        default -> cell.setCellValue(v.toString());
                    }
                }
            }
            sheet.createFreezePane(0, headerRow + 1);
            sheet.setAutoFilter(new CellRangeAddress(headerRow, Math.max(headerRow, r - 1), 0, t.columns().size() - 1));
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
