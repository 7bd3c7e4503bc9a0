package org.civicpulse.dashboard.ops;

import java.time.Instant;
import java.util.List;

/**
 * The live backlog of a unit's subtree at one instant: dossiers in progress, overdue now, due within N working
 * days, and those paused waiting for the applicant's supplement; in total, per child unit and per procedure.
 *
 * @param asOf        the instant the figures are computed for
 * @param newestEvent the newest event time among the dossiers counted (null when none)
 * @param dueSoonDays N, the "almost late" working days
 */
public record LiveSnapshot(Instant asOf, Counts total, List<UnitLine> units, List<ProcedureLine> procedures,
                           Instant newestEvent, int dueSoonDays) {

    /** The four counts. */
    public record Counts(long inProgress, long overdue, long dueSoon, long paused) {

        public Counts plus(Counts o) {
            return new Counts(inProgress + o.inProgress, overdue + o.overdue, dueSoon + o.dueSoon, paused + o.paused);
        }

        public static final Counts ZERO = new Counts(0, 0, 0, 0);
    }

    /** One child unit (or the unit itself for dossiers filed directly under it). */
    public record UnitLine(String unit, String name, boolean own, Counts counts) {
    }

    /** One procedure. */
    public record ProcedureLine(String procedure, String name, String field, Counts counts) {
    }

    /** Whether the figures (not the instant) are the same as {@code other}'s: nothing to push. */
    public boolean sameFigures(LiveSnapshot other) {
        return other != null && total.equals(other.total) && units.equals(other.units)
                && procedures.equals(other.procedures) && java.util.Objects.equals(newestEvent, other.newestEvent);
    }
}
