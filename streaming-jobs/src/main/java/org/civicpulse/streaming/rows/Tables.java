package org.civicpulse.streaming.rows;

import java.util.List;

/** The ClickHouse tables the facts job writes (created by reporting's migrations, never by this module). */
public final class Tables {

    public static final String EVENTS = "events";
    public static final String DOSSIER_FACTS = "dossier_facts";
    public static final String FEEDBACK_FACTS = "feedback_facts";
    public static final String LOGIN_FACTS = "login_facts";
    public static final String DOCUMENT_FACTS = "document_facts";
    public static final String PROBE_FACTS = "probe_facts";
    public static final String REPORT_ACTIONS = "report_actions";
    public static final String ORG_UNITS = "org_units";
    public static final String PROCEDURES = "procedures";
    public static final String ORG_MERGERS = "org_mergers";
    public static final String REJECTED_EVENTS = "rejected_events";

    public static final List<String> ALL = List.of(EVENTS, DOSSIER_FACTS, FEEDBACK_FACTS, LOGIN_FACTS,
            DOCUMENT_FACTS, PROBE_FACTS, REPORT_ACTIONS, ORG_UNITS, PROCEDURES, ORG_MERGERS, REJECTED_EVENTS);

    private Tables() {
    }
}
