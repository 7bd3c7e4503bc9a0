package org.civicpulse.streaming.functions;

import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;
import org.civicpulse.domain.event.CatalogMerger;
import org.civicpulse.domain.event.CatalogProcedure;
import org.civicpulse.domain.event.CatalogUnit;
import org.civicpulse.domain.event.DocumentProcessed;
import org.civicpulse.domain.event.Event;
import org.civicpulse.domain.event.PortalLogin;
import org.civicpulse.domain.event.ReportAction;
import org.civicpulse.domain.event.ServiceProbe;
import org.civicpulse.streaming.model.EventEnvelope;
import org.civicpulse.streaming.model.TableRow;
import org.civicpulse.streaming.rows.FactRows;

/**
 * The stateless part: every event → its {@code events} row, and logins, documents, probes, report
 * actions and catalog entries → their one row each. Those tables deduplicate by event id or key
 * (ReplacingMergeTree), so no keyed state is needed. Dossier and feedback events get their fact rows
 * from the keyed functions instead.
 */
public class PerEventRows implements FlatMapFunction<EventEnvelope, TableRow> {

    private static final long serialVersionUID = 1L;

    @Override
    public void flatMap(EventEnvelope in, Collector<TableRow> out) {
        out.collect(FactRows.event(in));
        TableRow fact = factRow(in);
        if (fact != null) {
            out.collect(fact);
        }
    }

    /** The per-event fact row of a login, document, probe, report or catalog event; null for others. */
    static TableRow factRow(EventEnvelope in) {
        switch (in.family) {
            case "LOGIN", "DOCUMENT", "PROBE", "REPORT", "CATALOG" -> {
                Event e = in.event();
                if (e instanceof PortalLogin x) {
                    return FactRows.login(x);
                } else if (e instanceof DocumentProcessed x) {
                    return FactRows.document(x);
                } else if (e instanceof ServiceProbe x) {
                    return FactRows.probe(x);
                } else if (e instanceof ReportAction x) {
                    return FactRows.reportAction(x);
                } else if (e instanceof CatalogUnit x) {
                    return FactRows.orgUnit(x);
                } else if (e instanceof CatalogProcedure x) {
                    return FactRows.procedure(x);
                } else if (e instanceof CatalogMerger x) {
                    return FactRows.orgMerger(x);
                }
                return null;
            }
            default -> {
                return null;
            }
        }
    }
}
