/** The shared language of CivicPulse: events, the reporting calendar, org units, procedures, KPI definitions. */
package org.civicpulse.domain;
