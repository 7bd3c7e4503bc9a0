package org.civicpulse.dashboard.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import org.civicpulse.domain.calendar.ReportingCalendar;
import org.civicpulse.domain.event.UnitLevel;
import org.civicpulse.domain.kpi.KpiStatus;
import org.civicpulse.domain.kpi.MeasureUnit;
import org.civicpulse.domain.kpi.RegimeIndicator;
import org.civicpulse.domain.kpi.ReportRegime;
import org.civicpulse.domain.kpi.ReportRegimes;
import org.civicpulse.reporting.report.ArchivedFile;
import org.civicpulse.reporting.report.PdfReportWriter;
import org.civicpulse.reporting.report.ReportArchive;
import org.civicpulse.reporting.report.ReportDocument;
import org.civicpulse.reporting.report.ReportFonts;
import org.civicpulse.reporting.report.ReportGenerator;
import org.civicpulse.reporting.report.ReportKey;
import org.civicpulse.reporting.report.XlsxReportWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import static org.assertj.core.api.Assertions.assertThat;

/** A generated report reaches its regime's recipients through SMTP (GreenMail in-process), PDF and XLSX attached. */
class ReportMailerTest {

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    static ReportGenerator.Generated generated() {
        ReportDocument d = new ReportDocument(new ReportKey("DG-MONTHLY", "SO-TP", "2026-M11"),
                "Báo cáo định kỳ hằng tháng về chuyển đổi số, xây dựng chính quyền số", "test",
                ReportingCalendar.defaults().parse("2026-M11"), "Sở Tư pháp", UnitLevel.DEPARTMENT,
                "UBND THÀNH PHỐ HÀ NỘI", "SỞ TƯ PHÁP", "3/BC-STP", "Hà Nội", LocalDate.of(2026, 11, 15),
                "Ủy ban nhân dân Thành phố Hà Nội", List.of("GIÁM ĐỐC"), List.of("- Như trên;"), 2,
                Instant.parse("2026-11-14T17:01:00Z"), List.of(new ReportDocument.Line(1, "P5", "Hồ sơ trực tuyến",
                MeasureUnit.PERCENT, RegimeIndicator.Origin.EVENT, BigDecimal.ONE, BigDecimal.valueOf(3),
                new BigDecimal("33.33"), BigDecimal.valueOf(60), KpiStatus.MISSED)));
        byte[] pdf = new PdfReportWriter(ReportFonts.bundled()).write(d);
        byte[] xlsx = new XlsxReportWriter().write(d);
        ArchivedFile p = new ArchivedFile("1", "DG-MONTHLY", "SO-TP", "Sở Tư pháp", "2026-M11", 2, ArchivedFile.Format.PDF,
                "3/BC-STP", d.generatedAt(), "scheduler", ArchivedFile.Trigger.SCHEDULE, ReportArchive.sha256(pdf),
                pdf.length, "DG-MONTHLY/2026-M11/SO-TP/DG-MONTHLY_SO-TP_2026-M11_v2.pdf");
        ArchivedFile x = new ArchivedFile("2", "DG-MONTHLY", "SO-TP", "Sở Tư pháp", "2026-M11", 2, ArchivedFile.Format.XLSX,
                "3/BC-STP", d.generatedAt(), "scheduler", ArchivedFile.Trigger.SCHEDULE, ReportArchive.sha256(xlsx),
                xlsx.length, "DG-MONTHLY/2026-M11/SO-TP/DG-MONTHLY_SO-TP_2026-M11_v2.xlsx");
        return new ReportGenerator.Generated(d, p, x, pdf, xlsx);
    }

    static JavaMailSenderImpl sender() {
        JavaMailSenderImpl s = new JavaMailSenderImpl();
        s.setHost("127.0.0.1");
        s.setPort(greenMail.getSmtp().getPort());
        return s;
    }

    @Test
    void sendsTheReportWithBothFilesToTheRegimesRecipients() throws Exception {
        ReportRegime dg = ReportRegimes.standard().get("DG-MONTHLY");
        ReportMailer mailer = new ReportMailer(sender(), new ReportProperties.Mail(true, "civicpulse@test.example", Map.of()));
        ReportGenerator.Generated g = generated();
        assertThat(mailer.send(dg, g)).isTrue();

        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(dg.recipients().size()); // one delivery per recipient mailbox
        MimeMessage m = received[0];
        assertThat(m.getSubject()).contains("Báo cáo tháng 11 năm 2026", "Sở Tư pháp", "3/BC-STP", "phiên bản 2");
        assertThat(m.getAllRecipients()).extracting(Object::toString).containsExactlyElementsOf(dg.recipients());
        Multipart mp = (Multipart) m.getContent();
        assertThat(mp.getCount()).isEqualTo(3);
        assertThat(text(mp.getBodyPart(0).getContent())).contains(g.pdf().sha256(), "Sở Tư pháp");
        BodyPart pdf = mp.getBodyPart(1);
        assertThat(pdf.getFileName()).isEqualTo("DG-MONTHLY_SO-TP_2026-M11_v2.pdf");
        assertThat(pdf.getContentType()).startsWith("application/pdf");
        assertThat(pdf.getInputStream().readAllBytes()).isEqualTo(g.pdfBytes());
        BodyPart xlsx = mp.getBodyPart(2);
        assertThat(xlsx.getFileName()).isEqualTo("DG-MONTHLY_SO-TP_2026-M11_v2.xlsx");
        assertThat(xlsx.getInputStream().readAllBytes()).isEqualTo(g.xlsxBytes());
    }

    /** The text of a (possibly nested) MIME part. */
    static String text(Object content) throws Exception {
        if (content instanceof String s) {
            return s;
        }
        StringBuilder b = new StringBuilder();
        Multipart m = (Multipart) content;
        for (int i = 0; i < m.getCount(); i++) {
            b.append(text(m.getBodyPart(i).getContent()));
        }
        return b.toString();
    }

    @Test
    void configuredRecipientsReplaceTheRegimesAndNothingIsSentWithoutSmtpOrWhenOff() {
        ReportRegime dg = ReportRegimes.standard().get("DG-MONTHLY");
        ReportMailer configured = new ReportMailer(sender(), new ReportProperties.Mail(true, "civicpulse@test.example",
                Map.of("DG-MONTHLY", List.of("so-tp@test.example"))));
        assertThat(configured.recipients(dg)).containsExactly("so-tp@test.example");
        assertThat(configured.send(dg, generated())).isTrue();
        assertThat(greenMail.getReceivedMessagesForDomain("test.example")).hasSize(1);

        assertThat(new ReportMailer(null, new ReportProperties.Mail(true, "x@y.example", Map.of())).send(dg, generated())).isFalse();
        assertThat(new ReportMailer(sender(), new ReportProperties.Mail(false, "x@y.example", Map.of())).send(dg, generated())).isFalse();
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
    }
}
