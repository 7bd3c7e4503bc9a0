/**
 * The reporting calendar: period codes ({@link org.civicpulse.domain.calendar.PeriodCode}), Decree 09/2019
 * periods with a configurable cut-off day and time zone ({@link org.civicpulse.domain.calendar.ReportingCalendar},
 * {@link org.civicpulse.domain.calendar.ReportingPeriod}), and Vietnamese working days for legal deadlines
 * ({@link org.civicpulse.domain.calendar.WorkingDays}).
 */
package org.civicpulse.domain.calendar;
