package org.civicpulse.dashboard.ui;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

import org.civicpulse.dashboard.export.ExportAudit;
import org.civicpulse.dashboard.filter.ViewContext;
import org.civicpulse.dashboard.kpi.KpiCsv;
import org.civicpulse.dashboard.kpi.KpiRow;
import org.civicpulse.dashboard.kpi.KpiXlsx;
import org.civicpulse.dashboard.ui.component.ExportLinks;

/**
 * KPI tables of the views as files, written by the API's own writers ({@link KpiCsv}, {@link KpiXlsx}) so a
 * table downloaded from a view and from {@code /api/v1/kpis.csv|.xlsx} read alike. Every export is audited.
 */
final class KpiFiles {

    private KpiFiles() {
    }

    static ExportLinks.File csv(ViewContext c, String what, boolean children, Supplier<List<KpiRow>> rows) {
        List<KpiRow> r = rows.get();
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            KpiCsv.write(r, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ExportAudit.export(c.user(), what + ".csv", c.state().query().getQueryString(), r.size());
        return new ExportLinks.File(name(c, what, children, "csv"), ExportLinks.CSV, out.toByteArray());
    }

    static ExportLinks.File xlsx(ViewContext c, String what, boolean children, Supplier<List<KpiRow>> rows, Clock clock) {
        List<KpiRow> r = rows.get();
        KpiXlsx.Heading heading = new KpiXlsx.Heading(c.period().code(),
                c.period().start() + " – " + c.period().endInclusive(), c.unit(), c.unitName(),
                children ? "children — một dòng cho mỗi đơn vị trực thuộc / one row per child unit"
                        : "— (the unit and everything below it)",
                c.user().username(), clock.instant(), c.zone());
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            KpiXlsx.write(r, heading, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ExportAudit.export(c.user(), what + ".xlsx", c.state().query().getQueryString(), r.size());
        return new ExportLinks.File(name(c, what, children, "xlsx"), ExportLinks.XLSX, out.toByteArray());
    }

    static String name(ViewContext c, String what, boolean children, String extension) {
        String name = "civicpulse-" + what + "-" + c.unit() + "-" + c.period().code().replace("..", "_")
                + (children ? "-children" : "") + "." + extension;
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
