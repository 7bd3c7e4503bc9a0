/**
 * Org units with a time-versioned hierarchy ({@link org.civicpulse.domain.org.OrgHierarchy}): every
 * question takes a date, because units are created, moved, merged and closed, and codes are reused.
 */
package org.civicpulse.domain.org;
