package org.civicpulse.reporting.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.List;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Writes a {@link ReportDocument} as an XLSX workbook with the same figures as the PDF: sheet "Báo cáo" (the
 * header lines, then one row per indicator with numerator, denominator, value and target as <em>numbers</em>)
 * and sheet "Thông tin" (regime, unit, period, version, generation time).
 */
public final class XlsxReportWriter {

    /** First data row (0-based) of sheet "Báo cáo": the header row is the one before. */
    public static final int FIRST_DATA_ROW = 8;
    /** Columns of the indicator table. */
    public static final List<String> COLUMNS = List.of("STT", "Mã chỉ tiêu", "Chỉ tiêu", "Tử số", "Mẫu số", "Kết quả",
            "Đơn vị tính", "Mục tiêu", "Đánh giá", "Trạng thái (mã)", "Nguồn số liệu");

    public byte[] write(ReportDocument d) {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            CellStyle bold = wb.createCellStyle();
            XSSFFont bf = wb.createFont();
            bf.setBold(true);
            bold.setFont(bf);
            CellStyle title = wb.createCellStyle();
            XSSFFont tf = wb.createFont();
            tf.setBold(true);
            tf.setFontHeightInPoints((short) 13);
            title.setFont(tf);
            title.setAlignment(HorizontalAlignment.CENTER);
            CellStyle center = wb.createCellStyle();
            center.setAlignment(HorizontalAlignment.CENTER);
            CellStyle head = wb.createCellStyle();
            head.setFont(bf);
            head.setWrapText(true);
            head.setAlignment(HorizontalAlignment.CENTER);
            head.setVerticalAlignment(VerticalAlignment.CENTER);
            head.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            head.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            borders(head);
            CellStyle text = wb.createCellStyle();
            text.setWrapText(true);
            text.setVerticalAlignment(VerticalAlignment.CENTER);
            borders(text);
            CellStyle num = wb.createCellStyle();
            num.setDataFormat(wb.createDataFormat().getFormat("#,##0.##"));
            num.setVerticalAlignment(VerticalAlignment.CENTER);
            borders(num);
            CellStyle pct = wb.createCellStyle();
            pct.setDataFormat(wb.createDataFormat().getFormat("0.00"));
            pct.setVerticalAlignment(VerticalAlignment.CENTER);
            borders(pct);

            XSSFSheet s = wb.createSheet("Báo cáo");
            int r = 0;
            String left = d.governingBody() == null ? d.issuingBody() : d.governingBody() + " – " + d.issuingBody();
            put(s, r, 0, left, bold);
            put(s, r++, 6, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold);
            put(s, r, 0, "Số: " + d.docNumber(), null);
            put(s, r++, 6, "Độc lập - Tự do - Hạnh phúc", bold);
            put(s, r++, 6, d.place() + ", " + ReportText.longDate(d.issueDate()), null);
            r++;
            put(s, r, 0, "BÁO CÁO", title);
            s.addMergedRegion(new CellRangeAddress(r, r, 0, COLUMNS.size() - 1));
            r++;
            put(s, r, 0, d.regimeName(), center);
            s.addMergedRegion(new CellRangeAddress(r, r, 0, COLUMNS.size() - 1));
            r++;
            put(s, r, 0, "Kỳ báo cáo: " + ReportText.periodWithDates(d.period()) + " — " + d.unitName(), center);
            s.addMergedRegion(new CellRangeAddress(r, r, 0, COLUMNS.size() - 1));
            r = FIRST_DATA_ROW - 1;
            Row h = s.createRow(r);
            for (int c = 0; c < COLUMNS.size(); c++) {
                Cell cell = h.createCell(c);
                cell.setCellValue(COLUMNS.get(c));
                cell.setCellStyle(head);
            }
            r = FIRST_DATA_ROW;
            for (ReportDocument.Line l : d.lines()) {
                Row row = s.createRow(r++);
                number(row, 0, BigDecimal.valueOf(l.no()), num);
                text(row, 1, l.kpi(), text);
                text(row, 2, l.name(), text);
                number(row, 3, l.numerator(), num);
                number(row, 4, l.denominator(), num);
                number(row, 5, l.value(), pct);
                text(row, 6, l.measure() == null ? "" : l.measure().name(), text);
                number(row, 7, l.target(), num);
                text(row, 8, ReportText.status(l.status()), text);
                text(row, 9, l.status() == null ? "" : l.status().name(), text);
                text(row, 10, l.origin() == null ? "" : switch (l.origin()) {
                    case EVENT -> "Sự kiện (tự động)";
                    case CATALOGUE -> "Danh mục thủ tục";
                    case SUBMITTED -> "Đơn vị báo cáo";
                }, text);
            }
            int[] widths = {6, 12, 60, 12, 12, 12, 12, 12, 22, 14, 20};
            for (int c = 0; c < widths.length; c++) {
                s.setColumnWidth(c, widths[c] * 256);
            }
            s.createFreezePane(0, FIRST_DATA_ROW);

            XSSFSheet info = wb.createSheet("Thông tin");
            String[][] meta = {
                    {"Chế độ báo cáo", d.key().regime()},
                    {"Tên chế độ báo cáo", d.regimeName()},
                    {"Căn cứ", d.legalSource()},
                    {"Đơn vị (mã)", d.key().unit()},
                    {"Đơn vị", d.unitName()},
                    {"Kỳ báo cáo (mã)", d.key().period()},
                    {"Kỳ báo cáo", ReportText.periodWithDates(d.period())},
                    {"Số văn bản", d.docNumber()},
                    {"Phiên bản", Integer.toString(d.version())},
                    {"Thời điểm lập", d.generatedAt().atZone(ZoneId.of("Asia/Ho_Chi_Minh")).toOffsetDateTime().toString()},
            };
            for (int i = 0; i < meta.length; i++) {
                put(info, i, 0, meta[i][0], bold);
                put(info, i, 1, meta[i][1], null);
            }
            info.setColumnWidth(0, 22 * 256);
            info.setColumnWidth(1, 90 * 256);
            wb.getProperties().getCoreProperties().setTitle(ReportText.nfc("Báo cáo " + d.key()));
            wb.getProperties().getCoreProperties().setCreator("CivicPulse");
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void borders(CellStyle s) {
        s.setBorderTop(BorderStyle.THIN);
        s.setBorderBottom(BorderStyle.THIN);
        s.setBorderLeft(BorderStyle.THIN);
        s.setBorderRight(BorderStyle.THIN);
    }

    private static void put(XSSFSheet s, int r, int c, String v, CellStyle style) {
        Row row = s.getRow(r) == null ? s.createRow(r) : s.getRow(r);
        Cell cell = row.createCell(c);
        cell.setCellValue(ReportText.nfc(v));
        if (style != null) {
            cell.setCellStyle(style);
        }
    }

    private static void text(Row row, int c, String v, CellStyle style) {
        Cell cell = row.createCell(c);
        cell.setCellValue(ReportText.nfc(v == null ? "" : v));
        cell.setCellStyle(style);
    }

    /** A number cell; blank when null. */
    private static void number(Row row, int c, BigDecimal v, CellStyle style) {
        Cell cell = row.createCell(c);
        if (v != null) {
            cell.setCellValue(v.doubleValue());
        }
        cell.setCellStyle(style);
    }
}
