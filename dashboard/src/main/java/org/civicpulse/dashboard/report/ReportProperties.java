package org.civicpulse.dashboard.report;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Report generation, archive, scheduler and e-mail ({@code civicpulse.reports.*}).
 *
 * @param archiveDir where generated files are archived ({@code civicpulse.reports.archive-dir}, default
 *                   {@code .civicpulse/report-archive} under the working directory, git-ignored); metadata goes to ClickHouse
 * @param fontDir    the DejaVu Sans directory; files missing there come from the copies in reporting's jar
 * @param place      the place of issue printed before the date
 * @param scheduler  the period-close scheduler
 * @param mail       e-mailing generated reports (SMTP: Spring's {@code spring.mail.host/port/username/password})
 */
@ConfigurationProperties("civicpulse.reports")
public record ReportProperties(@DefaultValue(".civicpulse/report-archive") Path archiveDir,
                               @DefaultValue("/usr/share/fonts/truetype/dejavu") Path fontDir,
                               @DefaultValue("Hà Nội") String place,
                               @DefaultValue Scheduler scheduler,
                               @DefaultValue Mail mail) {

    /**
     * @param enabled      check for closed periods ({@code civicpulse.reports.scheduler.enabled}, default true; run it
     *                     on one dashboard replica only)
     * @param interval     how often to check (default one minute)
     * @param initialDelay the first check after start-up
     */
    public record Scheduler(@DefaultValue("true") boolean enabled, @DefaultValue("PT1M") Duration interval,
                            @DefaultValue("PT30S") Duration initialDelay) {
    }

    /**
     * @param enabled    send generated reports ({@code civicpulse.reports.mail.enabled}, default true; nothing is sent
     *                   while {@code spring.mail.host} is unset)
     * @param from       sender address
     * @param recipients per regime id, addresses replacing the regime's own ({@code
     *                   civicpulse.reports.mail.recipients.DG-MONTHLY=a@x,b@y})
     */
    public record Mail(@DefaultValue("true") boolean enabled, @DefaultValue("civicpulse@localhost") String from,
                       Map<String, List<String>> recipients) {

        public Mail {
            recipients = recipients == null ? Map.of() : Map.copyOf(recipients);
        }
    }
}
