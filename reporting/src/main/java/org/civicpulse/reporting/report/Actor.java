package org.civicpulse.reporting.report;

import java.util.Objects;

/**
 * Who acts in the submission workflow (the dashboard maps its signed-in user to this).
 *
 * @param username  the user name, written as {@code by} of the events
 * @param unit      the user's home unit code (null for city-wide users without one)
 * @param officer   may fill in and submit the reports of the home unit's subtree (UNIT_OFFICER)
 * @param approver  may approve or return the reports of units <em>below</em> the home unit (APPROVER)
 * @param cityWide  reads every unit (LEADER, ANALYST, ADMIN)
 */
public record Actor(String username, String unit, boolean officer, boolean approver, boolean cityWide) {

    public Actor {
        Objects.requireNonNull(username, "username");
    }
}
