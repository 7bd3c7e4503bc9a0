package org.civicpulse.reporting.report;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfWriter;
import com.lowagie.text.pdf.draw.LineSeparator;

import org.civicpulse.domain.kpi.KpiStatus;

/**
 * Writes a {@link ReportDocument} as a PDF in the Vietnamese administrative document layout (Decree
 * 30/2020/NĐ-CP): A4 portrait, margins 20/15/20/30 mm; the governing and issuing bodies top left with a short
 * rule and the document number under them; the national name and motto top right, the motto underlined, the
 * place and date in italics under it; the title centred; the indicator table; the general assessment; "Nơi
 * nhận" bottom left and the signature block bottom right; page numbers top centre from page 2.
 *
 * <p>The font is DejaVu Sans ({@link ReportFonts}) embedded as a Unicode (Identity-H) subset, and every string
 * is NFC-normalised, so Vietnamese diacritics render and extract as text.
 */
public final class PdfReportWriter {

    private static final float MM = 72f / 25.4f;
    private static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final Color HEADER_FILL = new Color(0xE8, 0xEC, 0xF1);
    private static final Color MISSED = new Color(0xB0, 0x1E, 0x1E);
    private static final Color MET = new Color(0x1B, 0x6E, 0x2E);

    private final ReportFonts fonts;

    public PdfReportWriter(ReportFonts fonts) {
        this.fonts = Objects.requireNonNull(fonts, "fonts");
    }

    public byte[] write(ReportDocument d) {
        try {
            return render(d);
        } catch (DocumentException e) {
            throw new IllegalStateException("cannot write the PDF of " + d.key() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] render(ReportDocument d) throws DocumentException, IOException {
        BaseFont regular = BaseFont.createFont(ReportFonts.REGULAR, BaseFont.IDENTITY_H, BaseFont.EMBEDDED,
                BaseFont.NOT_CACHED, fonts.regular(), null);
        BaseFont bold = BaseFont.createFont(ReportFonts.BOLD, BaseFont.IDENTITY_H, BaseFont.EMBEDDED,
                BaseFont.NOT_CACHED, fonts.bold(), null);
        BaseFont italic = BaseFont.createFont(ReportFonts.ITALIC, BaseFont.IDENTITY_H, BaseFont.EMBEDDED,
                BaseFont.NOT_CACHED, fonts.italic(), null);
        Fonts f = new Fonts(regular, bold, italic);

        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        Document doc = new Document(PageSize.A4, 30 * MM, 15 * MM, 20 * MM, 20 * MM);
        PdfWriter writer = PdfWriter.getInstance(doc, out);
        writer.setPageEvent(new PageNumbers(regular));
        doc.addTitle(nfc("Báo cáo " + ReportText.periodName(d.period()) + " – " + d.unitName()));
        doc.addSubject(nfc(d.regimeName()));
        doc.addAuthor(nfc(d.issuingBody()));
        doc.addCreator("CivicPulse");
        doc.addKeywords(d.key() + " v" + d.version());
        doc.open();

        float width = doc.getPageSize().getWidth() - doc.leftMargin() - doc.rightMargin();
        header(doc, d, f, width);
        title(doc, d, f);
        body(doc, d, f);
        signature(doc, d, f);
        doc.close();
        return out.toByteArray();
    }

    private record Fonts(BaseFont regular, BaseFont bold, BaseFont italic) {
        Font r(float size) {
            return new Font(regular, size);
        }

        Font b(float size) {
            return new Font(bold, size);
        }

        Font i(float size) {
            return new Font(italic, size);
        }
    }

    // ------------------------------------------------------------------------------------------ header

    private static void header(Document doc, ReportDocument d, Fonts f, float width) throws DocumentException {
        float leftShare = 0.40f;
        PdfPTable t = new PdfPTable(new float[]{leftShare, 1 - leftShare});
        t.setWidthPercentage(100);
        t.setSpacingAfter(10);

        PdfPCell left = plainCell();
        if (d.governingBody() != null) {
            left.addElement(centered(d.governingBody(), f.r(10.5f), 0));
        }
        String issuing = d.issuingBody();
        left.addElement(centered(issuing, f.b(10.5f), 0));
        float ruleWidth = Math.max(45, f.bold().getWidthPoint(nfc(issuing), 10.5f) / 3);
        left.addElement(rule(ruleWidth / (width * leftShare) * 100, f.r(10.5f)));
        t.addCell(left);

        PdfPCell right = plainCell();
        right.addElement(centered("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", f.b(10.5f), 0));
        Paragraph motto = new Paragraph("", f.b(11.5f));
        motto.setAlignment(Element.ALIGN_CENTER);
        Chunk m = new Chunk(nfc("Độc lập - Tự do - Hạnh phúc"), f.b(11.5f));
        m.setUnderline(0.6f, -3f);
        motto.add(m);
        right.addElement(motto);
        t.addCell(right);

        PdfPCell number = plainCell();
        number.setPaddingTop(6);
        number.addElement(centered("Số: " + d.docNumber(), f.r(10.5f), 0));
        t.addCell(number);
        PdfPCell date = plainCell();
        date.setPaddingTop(6);
        date.addElement(centered(d.place() + ", " + ReportText.longDate(d.issueDate()), f.i(10.5f), 0));
        t.addCell(date);
        doc.add(t);
    }

    private static void title(Document doc, ReportDocument d, Fonts f) throws DocumentException {
        doc.add(centered("BÁO CÁO", f.b(13), 0));
        String subject = d.regimeName();
        if (subject.regionMatches(true, 0, "Báo cáo ", 0, 8)) {
            subject = subject.substring(8, 9).toUpperCase(ReportText.VI) + subject.substring(9);
        }
        doc.add(centered(subject, f.b(11), 2));
        doc.add(centered("Kỳ báo cáo: " + ReportText.periodWithDates(d.period()), f.i(10.5f), 2));
        Paragraph rule = rule(22, f.r(10.5f));
        rule.setLeading(9);
        rule.setSpacingAfter(2);
        doc.add(rule);
        if (d.addressee() != null) {
            Paragraph to = centered("Kính gửi: " + d.addressee(), f.r(10.5f), 4);
            to.setSpacingAfter(6);
            doc.add(to);
        }
    }

    // ------------------------------------------------------------------------------------------ body

    private static void body(Document doc, ReportDocument d, Fonts f) throws DocumentException {
        ZonedDateTime at = d.generatedAt().atZone(ZONE);
        Paragraph intro = new Paragraph(nfc("Thực hiện Kế hoạch chuyển đổi số, xây dựng chính quyền số của Thành phố và chế độ "
                + "báo cáo định kỳ theo Nghị định số 09/2019/NĐ-CP, " + d.unitName() + " báo cáo kết quả thực hiện các "
                + "chỉ tiêu " + ReportText.periodWithDates(d.period()) + " như sau:"), f.r(10.5f));
        intro.setAlignment(Element.ALIGN_JUSTIFIED);
        intro.setFirstLineIndent(10 * MM);
        intro.setSpacingBefore(4);
        intro.setLeading(15);
        doc.add(intro);

        Paragraph h1 = new Paragraph(nfc("I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU"), f.b(10.5f));
        h1.setSpacingBefore(6);
        h1.setSpacingAfter(5);
        doc.add(h1);

        PdfPTable t = new PdfPTable(new float[]{5, 6, 28, 8.5f, 8.5f, 11, 9, 13});
        t.setWidthPercentage(100);
        t.setHeaderRows(1);
        for (String h : List.of("STT", "Mã", "Chỉ tiêu", "Tử số", "Mẫu số", "Kết quả", "Mục tiêu", "Đánh giá")) {
            PdfPCell c = cell(h, f.b(8.5f), Element.ALIGN_CENTER);
            c.setBackgroundColor(HEADER_FILL);
            t.addCell(c);
        }
        for (ReportDocument.Line l : d.lines()) {
            t.addCell(cell(Integer.toString(l.no()), f.r(8.5f), Element.ALIGN_CENTER));
            t.addCell(cell(l.kpi(), f.r(8.5f), Element.ALIGN_CENTER));
            t.addCell(cell(l.name(), f.r(8.5f), Element.ALIGN_LEFT));
            t.addCell(cell(ReportText.number(l.numerator()), f.r(8.5f), Element.ALIGN_RIGHT));
            t.addCell(cell(ReportText.number(l.denominator()), f.r(8.5f), Element.ALIGN_RIGHT));
            t.addCell(cell(l.value() == null ? "–" : ReportText.value(l.value(), l.measure()), f.b(8.5f), Element.ALIGN_RIGHT));
            t.addCell(cell(ReportText.target(l.target(), l.measure()), f.r(8.5f), Element.ALIGN_RIGHT));
            Font sf = f.r(8.5f);
            if (l.status() == KpiStatus.MISSED) {
                sf.setColor(MISSED);
            } else if (l.status() == KpiStatus.MET) {
                sf.setColor(MET);
            }
            t.addCell(cell(ReportText.status(l.status()), sf, Element.ALIGN_CENTER));
        }
        doc.add(t);

        Paragraph note = new Paragraph(nfc("Số liệu do hệ thống CivicPulse tổng hợp tự động từ dữ liệu thời gian thực, chốt lúc "
                + String.format("%02d:%02d", at.getHour(), at.getMinute()) + " " + ReportText.longDate(at.toLocalDate())
                + "; tỷ lệ tính bằng tử số / mẫu số × 100%. Mã chỉ tiêu theo Bộ chỉ số CivicPulse (KPIS)."), f.i(8.5f));
        note.setSpacingBefore(4);
        doc.add(note);

        Paragraph h2 = new Paragraph(nfc("II. ĐÁNH GIÁ CHUNG"), f.b(10.5f));
        h2.setSpacingBefore(8);
        h2.setSpacingAfter(4);
        doc.add(h2);
        long judged = d.lines().stream().filter(l -> l.target() != null).count();
        Paragraph summary = new Paragraph(nfc("Trong kỳ báo cáo, " + d.count(KpiStatus.MET) + "/" + judged
                + " chỉ tiêu có mục tiêu đã đạt; " + d.count(KpiStatus.ON_TRACK) + " chỉ tiêu đúng tiến độ; "
                + d.count(KpiStatus.AT_RISK) + " chỉ tiêu có nguy cơ không đạt; " + d.count(KpiStatus.MISSED)
                + " chỉ tiêu không đạt; " + d.count(KpiStatus.NO_DATA) + " chỉ tiêu chưa có dữ liệu."), f.r(10.5f));
        summary.setFirstLineIndent(10 * MM);
        summary.setAlignment(Element.ALIGN_JUSTIFIED);
        summary.setLeading(15);
        doc.add(summary);
        Paragraph closing = new Paragraph(nfc(d.unitName() + " trân trọng báo cáo./."), f.r(10.5f));
        closing.setFirstLineIndent(10 * MM);
        closing.setLeading(15);
        doc.add(closing);
    }

    private static void signature(Document doc, ReportDocument d, Fonts f) throws DocumentException {
        PdfPTable t = new PdfPTable(new float[]{0.5f, 0.5f});
        t.setWidthPercentage(100);
        t.setSpacingBefore(8);
        t.setKeepTogether(true);
        PdfPCell left = plainCell();
        Paragraph p = new Paragraph(nfc("Nơi nhận:"), new Font(f.bold(), 9.5f, Font.ITALIC));
        left.addElement(p);
        for (String c : d.copiesTo()) {
            Paragraph line = new Paragraph(nfc(c), f.r(8.5f));
            line.setLeading(11);
            left.addElement(line);
        }
        t.addCell(left);
        PdfPCell right = plainCell();
        for (String line : d.signerTitle()) {
            right.addElement(centered(line, f.b(10.5f), 0));
        }
        Paragraph auto = centered("(Báo cáo do hệ thống lập tự động, phiên bản " + d.version() + ")", f.i(8.5f), 2);
        auto.setSpacingAfter(30);
        right.addElement(auto);
        t.addCell(right);
        doc.add(t);
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static String nfc(String s) {
        return ReportText.nfc(s);
    }

    private static Paragraph centered(String text, Font font, float spacingBefore) {
        Paragraph p = new Paragraph(nfc(text), font);
        p.setAlignment(Element.ALIGN_CENTER);
        p.setSpacingBefore(spacingBefore);
        p.setLeading(font.getSize() * 1.3f);
        return p;
    }

    /** A centred horizontal rule of {@code percent} of the available width (in the report font: no stray Helvetica). */
    private static Paragraph rule(float percent, Font font) {
        Paragraph p = new Paragraph("", font);
        p.setLeading(6);
        Chunk line = new Chunk(new LineSeparator(0.6f, Math.min(100, percent), Color.BLACK, Element.ALIGN_CENTER, 1));
        line.setFont(font);
        p.add(line);
        return p;
    }

    private static PdfPCell plainCell() {
        PdfPCell c = new PdfPCell();
        c.setBorder(Rectangle.NO_BORDER);
        c.setPadding(0);
        return c;
    }

    private static PdfPCell cell(String text, Font font, int align) {
        PdfPCell c = new PdfPCell(new Phrase(nfc(text), font));
        c.setHorizontalAlignment(align);
        c.setVerticalAlignment(Element.ALIGN_MIDDLE);
        c.setPaddingTop(2.5f);
        c.setPaddingBottom(4f);
        c.setPaddingLeft(3);
        c.setPaddingRight(3);
        c.setBorderWidth(0.5f);
        c.setLeading(0, 1.18f);
        return c;
    }

    /** Page numbers top centre, from page 2 (Decree 30/2020). */
    private static final class PageNumbers extends PdfPageEventHelper {
        private final BaseFont font;

        PageNumbers(BaseFont font) {
            this.font = font;
        }

        @Override
        public void onEndPage(PdfWriter writer, Document document) {
            int page = writer.getPageNumber();
            if (page > 1) {
                Rectangle size = document.getPageSize();
                ColumnText.showTextAligned(writer.getDirectContent(), Element.ALIGN_CENTER,
                        new Phrase(Integer.toString(page), new Font(font, 10)),
                        (size.getLeft() + document.leftMargin() + size.getRight() - document.rightMargin()) / 2,
                        size.getTop() - 10 * MM, 0);
            }
        }
    }
}
