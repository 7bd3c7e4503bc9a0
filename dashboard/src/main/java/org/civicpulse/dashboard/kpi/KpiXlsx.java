package org.civicpulse.dashboard.kpi;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
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

/**
 * The KPI rows as an XLSX sheet: a heading that states the period (with its dates), the unit, the
 * breakdown and when and by whom it was exported; then the table with a bold, filled, frozen header
 * row, an auto-filter, fixed column widths, rates and scores with two decimals, counts with a thousands
 * separator, and {@code asOf} as a date-time in the city's zone. Same rows and numbers as the JSON.
 */
public final class KpiXlsx {

    /** Index (0-based) of the header row; data start below it. */
    static final int HEADER_ROW = 6;

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** What the heading states. */
    public record Heading(String periodCode, String periodDates, String unitCode, String unitName, String breakdown,
                   String exportedBy, Instant exportedAt, ZoneId zone) {
    }

    private KpiXlsx() {
    }

    public static void write(List<KpiRow> rows, Heading h, OutputStream out) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            Styles s = new Styles(wb);
            Sheet sheet = wb.createSheet("KPI");

            Row title = sheet.createRow(0);
            text(title, 0, "CivicPulse — Chỉ số KPI / KPI values", s.title);
            heading(sheet, 1, "Kỳ báo cáo / Period", h.periodCode() + "  (" + h.periodDates() + ")", s);
            heading(sheet, 2, "Đơn vị / Unit", h.unitCode() + (h.unitName() == null ? "" : " — " + h.unitName()), s);
            heading(sheet, 3, "Phân tách / Breakdown", h.breakdown(), s);
            heading(sheet, 4, "Xuất / Exported", STAMP.format(h.exportedAt().atZone(h.zone())) + " (" + h.zone()
                    + ") by " + h.exportedBy() + "; rates in %, two decimals; empty value = NO_DATA", s);

            List<KpiTable.Column> columns = KpiTable.COLUMNS;
            Row header = sheet.createRow(HEADER_ROW);
            for (int c = 0; c < columns.size(); c++) {
                text(header, c, columns.get(c).name(), s.header);
                sheet.setColumnWidth(c, columns.get(c).width() * 256);
            }
            int r = HEADER_ROW + 1;
            for (KpiRow row : rows) {
                Row x = sheet.createRow(r++);
                for (int c = 0; c < columns.size(); c++) {
                    KpiTable.Column col = columns.get(c);
                    Object v = col.get().apply(row);
                    if (v == null) {
                        continue;
                    }
                    Cell cell = x.createCell(c);
                    switch (col.type()) {
                        case TEXT -> {
                            cell.setCellValue(v.toString());
                            cell.setCellStyle(s.text);
                        }
                        case INTEGER -> {
                            cell.setCellValue(((Number) v).doubleValue());
                            cell.setCellStyle(s.integer);
                        }
                        case NUMBER -> {
                            BigDecimal d = (BigDecimal) v;
                            cell.setCellValue(d.doubleValue());
                            cell.setCellStyle(numberStyle(col.name(), row, d, s));
                        }
                        case INSTANT -> {
                            cell.setCellValue(((Instant) v).atZone(h.zone()).toLocalDateTime());
                            cell.setCellStyle(s.dateTime);
                        }
                    }
                }
            }
            sheet.createFreezePane(0, HEADER_ROW + 1);
            sheet.setAutoFilter(new CellRangeAddress(HEADER_ROW, Math.max(HEADER_ROW, r - 1), 0, columns.size() - 1));
            wb.write(out);
        }
    }

    /** Counts (numerator, denominator, COUNT/SECONDS values) as integers when whole; rates, scores, hours with two decimals. */
    private static CellStyle numberStyle(String column, KpiRow row, BigDecimal d, Styles s) {
        boolean ratio = column.equals("value") || column.equals("target") || column.equals("projection")
                || column.equals("requiredRate") || column.equals("points") || column.equals("sourcesReported");
        if (ratio && !"COUNT".equals(row.measure()) && !"SECONDS".equals(row.measure())) {
            return s.twoDecimals;
        }
        return isWhole(d) ? s.count : s.twoDecimals;
    }

    private static boolean isWhole(BigDecimal d) {
        return d.signum() == 0 || d.scale() <= 0 || d.stripTrailingZeros().scale() <= 0;
    }

    private static void heading(Sheet sheet, int rowIndex, String label, String value, Styles s) {
        Row row = sheet.createRow(rowIndex);
        text(row, 0, label, s.label);
        text(row, 1, value, s.text);
        sheet.addMergedRegion(new CellRangeAddress(rowIndex, rowIndex, 1, 8));
    }

    private static void text(Row row, int col, String value, CellStyle style) {
        Cell c = row.createCell(col);
        c.setCellValue(value);
        c.setCellStyle(style);
    }

    private static final class Styles {
        final CellStyle title;
        final CellStyle label;
        final CellStyle header;
        final CellStyle text;
        final CellStyle integer;
        final CellStyle count;
        final CellStyle twoDecimals;
        final CellStyle dateTime;

        Styles(XSSFWorkbook wb) {
            DataFormat df = wb.createDataFormat();
            Font bold = wb.createFont();
            bold.setBold(true);
            Font big = wb.createFont();
            big.setBold(true);
            big.setFontHeightInPoints((short) 14);

            title = wb.createCellStyle();
            title.setFont(big);
            label = wb.createCellStyle();
            label.setFont(bold);
            header = wb.createCellStyle();
            header.setFont(bold);
            header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            header.setBorderBottom(BorderStyle.THIN);
            header.setWrapText(true);
            text = wb.createCellStyle();
            integer = wb.createCellStyle();
            integer.setDataFormat(df.getFormat("0"));
            count = wb.createCellStyle();
            count.setDataFormat(df.getFormat("#,##0"));
            twoDecimals = wb.createCellStyle();
            twoDecimals.setDataFormat(df.getFormat("#,##0.00"));
            dateTime = wb.createCellStyle();
            dateTime.setDataFormat(df.getFormat("yyyy-mm-dd hh:mm:ss"));
        }
    }
}
