package org.civicpulse.dashboard.report;

import java.util.List;
import java.util.Objects;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.civicpulse.domain.kpi.ReportRegime;
import org.civicpulse.reporting.report.ReportDocument;
import org.civicpulse.reporting.report.ReportGenerator;
import org.civicpulse.reporting.report.ReportText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * E-mails a generated report (PDF and XLSX attached) to its regime's recipients, or to the addresses configured
 * for the regime in {@code civicpulse.reports.mail.recipients.<REGIME>}.
 */
public class ReportMailer {

    private static final Logger log = LoggerFactory.getLogger(ReportMailer.class);

    private final JavaMailSender sender;
    private final ReportProperties.Mail settings;

    /** @param sender null when no SMTP server is configured: nothing is sent */
    public ReportMailer(JavaMailSender sender, ReportProperties.Mail settings) {
        this.sender = sender;
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** The addresses a regime's reports go to. */
    public List<String> recipients(ReportRegime regime) {
        List<String> configured = settings.recipients().get(regime.id());
        return configured != null && !configured.isEmpty() ? configured : regime.recipients();
    }

    /** Sends one report; false when mail is off, unconfigured or the regime has no recipients. */
    public boolean send(ReportRegime regime, ReportGenerator.Generated g) {
        List<String> to = recipients(regime);
        if (!settings.enabled() || sender == null || to.isEmpty()) {
            log.debug("report {} v{} not mailed (enabled={}, smtp={}, recipients={})", g.document().key(),
                    g.document().version(), settings.enabled(), sender != null, to.size());
            return false;
        }
        ReportDocument d = g.document();
        try {
            MimeMessage m = sender.createMimeMessage();
            MimeMessageHelper h = new MimeMessageHelper(m, true, "UTF-8");
            h.setFrom(settings.from());
            h.setTo(to.toArray(String[]::new));
            h.setSubject(subject(d));
            h.setText(ReportText.nfc("Kính gửi: " + String.join(", ", to) + "\n\n"
                    + "Hệ thống CivicPulse gửi kèm " + d.regimeName().substring(0, 1).toLowerCase(ReportText.VI) + d.regimeName().substring(1)
                    + " của " + d.unitName() + ", kỳ " + ReportText.periodWithDates(d.period()) + ".\n"
                    + "Số văn bản: " + d.docNumber() + " — phiên bản " + d.version() + ".\n"
                    + "Tệp đính kèm: " + g.pdf().fileName() + " (PDF), " + g.xlsx().fileName() + " (Excel).\n"
                    + "Mã kiểm tra SHA-256 của tệp PDF: " + g.pdf().sha256() + "\n\n"
                    + "Thư này được gửi tự động; vui lòng không trả lời.\n"), false);
            h.addAttachment(g.pdf().fileName(), new ByteArrayResource(g.pdfBytes()), g.pdf().format().mediaType());
            h.addAttachment(g.xlsx().fileName(), new ByteArrayResource(g.xlsxBytes()), g.xlsx().format().mediaType());
            sender.send(m);
            log.info("report {} v{} mailed to {}", d.key(), d.version(), to);
            return true;
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot build the e-mail of report " + d.key() + ": " + e.getMessage(), e);
        }
    }

    static String subject(ReportDocument d) {
        return ReportText.nfc("[CivicPulse] Báo cáo " + ReportText.periodName(d.period()) + " – " + d.unitName()
                + " (" + d.key().regime() + ", số " + d.docNumber() + ", phiên bản " + d.version() + ")");
    }
}
