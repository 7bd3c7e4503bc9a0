package org.civicpulse.reporting.report;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.civicpulse.domain.calendar.ReportingCalendar;
import org.civicpulse.domain.event.UnitLevel;
import org.civicpulse.domain.kpi.KpiStatus;
import org.civicpulse.domain.kpi.MeasureUnit;
import org.civicpulse.domain.kpi.RegimeIndicator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The PDF layout and text without ClickHouse: Vietnamese text in NFD input comes out NFC, fonts embedded. */
class PdfReportWriterTest {

    static ReportDocument document(int rows) {
        List<ReportDocument.Line> lines = new ArrayList<>();
        KpiStatus[] statuses = KpiStatus.values();
        for (int i = 1; i <= rows; i++) {
            lines.add(new ReportDocument.Line(i, "P" + i,
                    // decomposed (NFD) on purpose: the writer must normalise
                    Normalizer.normalize("Tỷ lệ hồ sơ được xử lý hoàn toàn trực tuyến số " + i, Normalizer.Form.NFD),
                    MeasureUnit.PERCENT, RegimeIndicator.Origin.EVENT, BigDecimal.valueOf(1000L * i + 7),
                    BigDecimal.valueOf(2000L * i), new BigDecimal("50.04"), BigDecimal.valueOf(60), statuses[i % statuses.length]));
        }
        return new ReportDocument(new ReportKey("DG-MONTHLY", "00004", "2026-M11"),
                "Báo cáo định kỳ hằng tháng về chuyển đổi số, xây dựng chính quyền số", "test",
                ReportingCalendar.defaults().parse("2026-M11"), "Phường Ba Đình", UnitLevel.COMMUNE,
                "UBND THÀNH PHỐ HÀ NỘI", Normalizer.normalize("UBND PHƯỜNG BA ĐÌNH", Normalizer.Form.NFD), "7/BC-UBND",
                "Hà Nội", LocalDate.of(2026, 2, 5), "Ủy ban nhân dân Thành phố Hà Nội",
                List.of("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"), List.of("- Như trên;", "- Lưu: VT."), 3,
                Instant.parse("2026-11-15T00:00:00Z"), lines);
    }

    @Test
    void writesTheAdministrativeLayoutWithEmbeddedFontsAndNfcText() throws IOException {
        byte[] pdf = new PdfReportWriter(ReportFonts.bundled()).write(document(10));
        Files.createDirectories(Path.of("target", "report-sample"));
        Files.write(Path.of("target", "report-sample", "synthetic.pdf"), pdf);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertThat(doc.getNumberOfPages()).as("ten indicators fit on one page").isEqualTo(1);
            for (var name : doc.getPage(0).getResources().getFontNames()) {
                PDFont font = doc.getPage(0).getResources().getFont(name);
                assertThat(font.isEmbedded()).as(font.getName()).isTrue();
                assertThat(font.getName()).contains("DejaVuSans");
            }
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            String text = stripper.getText(doc);
            assertThat(text).isEqualTo(Normalizer.normalize(text, Normalizer.Form.NFC));
            assertThat(text).contains("UBND PHƯỜNG BA ĐÌNH", "Số: 7/BC-UBND", "Hà Nội, ngày 05 tháng 02 năm 2026",
                    "Tỷ lệ hồ sơ được xử lý", "10.007", "20.000", "50,04%", "60%", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH",
                    "phiên bản 3");
        }
        assertThat(new String(pdf, 0, 8, java.nio.charset.StandardCharsets.ISO_8859_1)).startsWith("%PDF-");
    }

    @Test
    void longReportsNumberTheirPagesFromPageTwo() throws IOException {
        byte[] pdf = new PdfReportWriter(ReportFonts.bundled()).write(document(40));
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertThat(doc.getNumberOfPages()).isGreaterThan(1);
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            stripper.setStartPage(2);
            stripper.setEndPage(2);
            assertThat(stripper.getText(doc).strip()).startsWith("2");
        }
    }

    @Test
    void vietnameseNumbersDatesAndPeriods() {
        assertThat(ReportText.number(new BigDecimal("1234567"))).isEqualTo("1.234.567");
        assertThat(ReportText.number(new BigDecimal("75.5"))).isEqualTo("75,50");
        assertThat(ReportText.number(new BigDecimal("40.00"))).isEqualTo("40");
        assertThat(ReportText.value(new BigDecimal("80.00"), MeasureUnit.PERCENT)).isEqualTo("80,00%");
        assertThat(ReportText.value(new BigDecimal("85.2"), MeasureUnit.SCORE)).isEqualTo("85,20 điểm");
        assertThat(ReportText.longDate(LocalDate.of(2026, 11, 27))).isEqualTo("ngày 27 tháng 11 năm 2026");
        assertThat(ReportText.longDate(LocalDate.of(2026, 1, 5))).isEqualTo("ngày 05 tháng 01 năm 2026");
        ReportingCalendar cal = ReportingCalendar.defaults();
        assertThat(ReportText.periodName(cal.parse("2026-Q4"))).isEqualTo("quý IV năm 2026");
        assertThat(ReportText.periodName(cal.parse("2026-Y"))).isEqualTo("năm 2026");
        assertThat(ReportText.periodName(cal.parse("2026-H1"))).isEqualTo("6 tháng đầu năm 2026");
        assertThat(ReportText.initials("Sở Khoa học và Công nghệ")).isEqualTo("SKHCN");
        assertThat(ReportText.initials("Sở Tư pháp")).isEqualTo("STP");
        assertThat(ReportText.initials("Sở Quy hoạch - Kiến trúc")).isEqualTo("SQHKT");
        assertThat(ReportText.upper("Phường Ba Đình")).isEqualTo("PHƯỜNG BA ĐÌNH");
    }
}
