package org.civicpulse.dashboard.calendar;

import java.time.ZoneId;

import org.civicpulse.domain.calendar.ReportingCalendar;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The reporting calendar ({@code civicpulse.calendar.cutoff-day}, {@code civicpulse.calendar.zone}). */
@Configuration(proxyBeanMethods = false)
public class CalendarConfig {

    /**
     * @param cutoffDay the Decree 09 cut-off day (14)
     * @param zone      the city's time zone (Asia/Ho_Chi_Minh)
     */
    @ConfigurationProperties("civicpulse.calendar")
    public record CalendarProperties(@DefaultValue("14") int cutoffDay, @DefaultValue("Asia/Ho_Chi_Minh") ZoneId zone) {
    }

    @Bean
    ReportingCalendar reportingCalendar(CalendarProperties p) {
        return new ReportingCalendar(p.cutoffDay(), p.zone());
    }
}
