package org.civicpulse.dashboard.filter;

import java.time.LocalDate;
import java.time.ZoneId;

import org.civicpulse.dashboard.catalog.ProcedureCatalog;
import org.civicpulse.dashboard.kpi.KpiRequests;
import org.civicpulse.dashboard.security.CivicUser;
import org.civicpulse.domain.calendar.ReportingPeriod;
import org.civicpulse.domain.event.UnitLevel;

/**
 * A view's validated, scoped state: what every panel of the view shows.
 *
 * @param user      who is looking
 * @param period    the period (validated like the API's)
 * @param unit      the unit (stored code, within the user's scope)
 * @param unitName  its name on {@code checkDate}
 * @param level     its level
 * @param field     the procedure field filter, or null
 * @param procedure the procedure filter, or null
 * @param part      drill-through side
 * @param channel   drill-through channel filter, or null
 * @param status    drill-through dossier status filter, or null
 * @param rank      the KPI the overview ranks units by
 * @param state     the canonical URL state (period and unit spelled as stored)
 * @param checkDate the date the org tree is read on for this period (today, moved into the period)
 * @param zone      the city's zone
 */
public record ViewContext(CivicUser user, ReportingPeriod period, String unit, String unitName, UnitLevel level,
                          String field, ProcedureCatalog.Procedure procedure, KpiRequests.Part part, String channel,
                          String status, String rank, ViewState state, LocalDate checkDate, ZoneId zone) {

    public String procedureCode() {
        return procedure == null ? null : procedure.code();
    }
}
