package org.civicpulse.dashboard.ui;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.spring.security.AuthenticationContext;

import jakarta.annotation.security.PermitAll;

import org.civicpulse.dashboard.export.ExportAudit;
import org.civicpulse.dashboard.export.TableExport;
import org.civicpulse.dashboard.filter.ViewContexts;
import org.civicpulse.dashboard.ops.LiveKey;
import org.civicpulse.dashboard.ops.LiveOperationsPoller;
import org.civicpulse.dashboard.ops.LiveOperationsService;
import org.civicpulse.dashboard.ops.LiveSnapshot;
import org.civicpulse.dashboard.ui.component.ChartOptions;
import org.civicpulse.dashboard.ui.component.DataTable;
import org.civicpulse.dashboard.ui.component.EChart;
import org.civicpulse.dashboard.ui.component.ExportLinks;
import org.civicpulse.dashboard.ui.component.FilterBar;

/**
 * Live operations: dossiers in progress, overdue now, due within N working days, paused for a supplement —
 * for the unit of the URL, per child unit and per procedure, narrowed by field or procedure. The figures
 * change in place without a reload: the view subscribes to {@link LiveOperationsPoller} while attached, and
 * the poller pushes a new {@link LiveSnapshot} (through {@code @Push}) whenever the figures change.
 */
@Route("operations")
@PermitAll
public class OperationsView extends DashboardView {

    private final LiveOperationsService service;
    private final LiveOperationsPoller poller;
    private final Clock clock;
    private final Div live = new Div();
    private LiveKey key;
    private LiveSnapshot current;
    private Registration subscription;

    public OperationsView(AuthenticationContext authentication, ViewContexts contexts, LiveOperationsService service,
                          LiveOperationsPoller poller, Clock clock) {
        super(authentication, contexts);
        this.service = service;
        this.poller = poller;
        this.clock = clock;
        setId("operations");
        live.setId("live");
        live.addClassName("cp-live");
        live.getElement().setAttribute("aria-live", "polite");
    }

    @Override
    protected String route() {
        return "operations";
    }

    @Override
    public String getPageTitle() {
        return getTranslation("ops.title") + " — CivicPulse";
    }

    @Override
    protected void render() {
        Div head = new Div();
        head.addClassName("cp-view-head");
        Div titles = new Div();
        H1 title = new H1(getTranslation("ops.title"));
        Paragraph subtitle = new Paragraph(context.unitName() + " · " + getTranslation("ops.subtitle", service.dueSoonDays()));
        subtitle.addClassName("cp-subtitle");
        titles.add(title, subtitle);
        Span badge = new Span(getTranslation("ops.live"));
        badge.addClassName("cp-live-badge");
        badge.setId("live-badge");
        head.add(titles, badge);
        add(head);
        add(new FilterBar(context, contexts, EnumSet.of(FilterBar.Filter.UNIT, FilterBar.Filter.FIELD,
                FilterBar.Filter.PROCEDURE), this::go));
        add(live);
        key = new LiveKey(context.unit(), context.field(), context.procedureCode());
        show(service.snapshot(key));
        resubscribe();
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        resubscribe();
    }

    @Override
    protected void onDetach(DetachEvent event) {
        unsubscribe();
        super.onDetach(event);
    }

    private void resubscribe() {
        unsubscribe();
        if (key != null && isAttached()) {
            getUI().ifPresent(ui -> subscription = poller.subscribe(key, ui, current, this::show));
        }
    }

    private void unsubscribe() {
        if (subscription != null) {
            subscription.remove();
            subscription = null;
        }
    }

    /** Replaces the live panels with {@code s} (called at render and by the poller's pushes). */
    private void show(LiveSnapshot s) {
        current = s;
        Locale locale = locale();
        live.removeAll();
        live.getElement().setAttribute("data-as-of", s.asOf().toString());

        Div counters = new Div();
        counters.addClassName("cp-counters");
        counters.add(counter("ops-in-progress", getTranslation("ops.inProgress"), s.total().inProgress(), "neutral", locale),
                counter("ops-overdue", getTranslation("ops.overdue"), s.total().overdue(), "bad", locale),
                counter("ops-due-soon", getTranslation("ops.dueSoon", s.dueSoonDays()), s.total().dueSoon(), "warn", locale),
                counter("ops-paused", getTranslation("ops.paused"), s.total().paused(), "neutral", locale));
        Paragraph stamp = new Paragraph(getTranslation("ops.stamp", Formats.time(s.asOf(), context.zone()),
                Formats.date(s.asOf(), context.zone()),
                s.newestEvent() == null ? Formats.NONE : Formats.time(s.newestEvent(), context.zone()) + " "
                        + Formats.date(s.newestEvent(), context.zone())));
        stamp.setId("ops-stamp");
        stamp.addClassName("cp-note");
        live.add(counters, stamp);

        Div columns = new Div();
        columns.addClassName("cp-two-columns");
        columns.add(unitsPanel(s, locale), proceduresPanel(s, locale));
        live.add(columns);
    }

    private Div counter(String id, String label, long value, String tone, Locale locale) {
        Div d = new Div();
        d.addClassNames("cp-counter", "cp-counter-" + tone);
        d.setId(id);
        d.getElement().setAttribute("data-value", String.valueOf(value));
        Span v = new Span(Formats.number(value, locale));
        v.addClassName("cp-counter-value");
        Span l = new Span(label);
        l.addClassName("cp-counter-label");
        d.add(v, l);
        return d;
    }

    private Section unitsPanel(LiveSnapshot s, Locale locale) {
        Section sec = new Section();
        sec.setId("ops-units");
        sec.addClassNames("cp-section", "cp-card");
        sec.add(new H2(getTranslation("ops.byUnit")));
        if (s.units().isEmpty()) {
            sec.add(note(getTranslation("ops.noChildren")));
            return sec;
        }
        List<String> names = new ArrayList<>();
        List<BigDecimal> overdue = new ArrayList<>();
        List<BigDecimal> soon = new ArrayList<>();
        List<BigDecimal> rest = new ArrayList<>();
        DataTable table = new DataTable("ops-units-table", getTranslation("ops.byUnit"), headers());
        for (LiveSnapshot.UnitLine u : s.units()) {
            String name = u.own() ? u.name() + " " + getTranslation("kpi.ownRecords") : u.name();
            names.add(name);
            overdue.add(BigDecimal.valueOf(u.counts().overdue()));
            soon.add(BigDecimal.valueOf(u.counts().dueSoon()));
            rest.add(BigDecimal.valueOf(u.counts().inProgress() - u.counts().overdue() - u.counts().dueSoon()));
            table.addRow(data(u.unit(), u.counts()), cells(name, u.counts(), locale));
        }
        EChart chart = new EChart(Math.max(140, 34 * names.size() + 60) + "px");
        chart.setLocale(locale);
        chart.setOption(ChartOptions.stacked(names, List.of(
                new ChartOptions.Series(getTranslation("ops.overdue"), overdue, "#b3261e"),
                new ChartOptions.Series(getTranslation("ops.dueSoon", s.dueSoonDays()), soon, "#8a4b00"),
                new ChartOptions.Series(getTranslation("ops.onTrack"), rest, "#1f5f8b"))));
        chart.setDescription(getTranslation("ops.byUnit"));
        sec.add(chart, table, new ExportLinks("export-ops-units", getTranslation("export.table"),
                () -> file(s, true, true), () -> file(s, true, false)));
        return sec;
    }

    private Section proceduresPanel(LiveSnapshot s, Locale locale) {
        Section sec = new Section();
        sec.setId("ops-procedures");
        sec.addClassNames("cp-section", "cp-card");
        sec.add(new H2(getTranslation("ops.byProcedure")));
        if (s.procedures().isEmpty()) {
            sec.add(note(getTranslation("ops.none")));
            return sec;
        }
        DataTable table = new DataTable("ops-procedures-table", getTranslation("ops.byProcedure"), headers());
        for (LiveSnapshot.ProcedureLine p : s.procedures()) {
            String name = p.procedure() + " · " + p.name() + (p.field() == null ? "" : " (" + p.field() + ")");
            table.addRow(data(p.procedure(), p.counts()), cells(name, p.counts(), locale));
        }
        sec.add(table, new ExportLinks("export-ops-procedures", getTranslation("export.table"),
                () -> file(s, false, true), () -> file(s, false, false)));
        return sec;
    }

    private List<DataTable.Header> headers() {
        return List.of(new DataTable.Header(getTranslation("ops.col.name"), false),
                new DataTable.Header(getTranslation("ops.inProgress"), true),
                new DataTable.Header(getTranslation("ops.overdue"), true),
                new DataTable.Header(getTranslation("ops.dueSoonShort"), true),
                new DataTable.Header(getTranslation("ops.paused"), true));
    }

    private static Map<String, String> data(String code, LiveSnapshot.Counts c) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("code", code);
        m.put("in-progress", String.valueOf(c.inProgress()));
        m.put("overdue", String.valueOf(c.overdue()));
        m.put("due-soon", String.valueOf(c.dueSoon()));
        m.put("paused", String.valueOf(c.paused()));
        return m;
    }

    private static List<Object> cells(String name, LiveSnapshot.Counts c, Locale locale) {
        return List.of(name, Formats.number(c.inProgress(), locale), Formats.number(c.overdue(), locale),
                Formats.number(c.dueSoon(), locale), Formats.number(c.paused(), locale));
    }

    private Paragraph note(String text) {
        Paragraph p = new Paragraph(text);
        p.addClassName("cp-note");
        return p;
    }

    private ExportLinks.File file(LiveSnapshot s, boolean units, boolean csv) {
        List<TableExport.Column> columns = List.of(new TableExport.Column(units ? "unit" : "procedure", TableExport.Type.TEXT, 14),
                new TableExport.Column("name", TableExport.Type.TEXT, 40),
                new TableExport.Column("inProgress", TableExport.Type.INTEGER, 12),
                new TableExport.Column("overdue", TableExport.Type.INTEGER, 12),
                new TableExport.Column("dueSoon", TableExport.Type.INTEGER, 12),
                new TableExport.Column("paused", TableExport.Type.INTEGER, 12));
        List<List<Object>> rows = new ArrayList<>();
        if (units) {
            s.units().forEach(u -> rows.add(List.of(u.unit(), u.name(), u.counts().inProgress(), u.counts().overdue(),
                    u.counts().dueSoon(), u.counts().paused())));
        } else {
            s.procedures().forEach(p -> rows.add(List.of(p.procedure(), p.name(), p.counts().inProgress(),
                    p.counts().overdue(), p.counts().dueSoon(), p.counts().paused())));
        }
        TableExport.Table table = new TableExport.Table("CivicPulse — hồ sơ đang giải quyết / live backlog",
                List.of("Đơn vị / Unit: " + context.unit() + " — " + context.unitName(),
                        "Lúc / As of: " + s.asOf() + "; due soon = within " + s.dueSoonDays() + " working days",
                        "Bộ lọc / Filters: " + context.state().query().getQueryString(),
                        "Xuất / Exported by " + context.user().username() + " at " + clock.instant()),
                columns, rows);
        String what = units ? "operations-units" : "operations-procedures";
        ExportAudit.export(context.user(), what + (csv ? ".csv" : ".xlsx"), context.state().query().getQueryString(), rows.size());
        String name = ("civicpulse-" + what + "-" + context.unit() + "." + (csv ? "csv" : "xlsx")).replaceAll("[^A-Za-z0-9._-]", "_");
        return csv ? new ExportLinks.File(name, ExportLinks.CSV, TableExport.csv(table))
                : new ExportLinks.File(name, ExportLinks.XLSX, TableExport.xlsx(table, context.zone()));
    }
}
