package org.civicpulse.dashboard.ops;

/**
 * What one live operations panel watches: a unit's subtree, optionally narrowed to a field or one procedure.
 * Panels with equal keys share one query per poll.
 *
 * @param unit      the unit (stored code), already scope-checked for the viewer
 * @param field     procedure field, or null
 * @param procedure procedure code, or null
 */
public record LiveKey(String unit, String field, String procedure) {
}
