package org.civicpulse.dashboard.ui;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.spring.security.AuthenticationContext;

import jakarta.annotation.security.PermitAll;

import org.civicpulse.dashboard.api.BadParameterException;
import org.civicpulse.dashboard.export.ExportAudit;
import org.civicpulse.dashboard.export.TableExport;
import org.civicpulse.dashboard.filter.ViewContexts;
import org.civicpulse.dashboard.kpi.KpiRequests;
import org.civicpulse.dashboard.kpi.KpiRow;
import org.civicpulse.dashboard.kpi.KpiService;
import org.civicpulse.dashboard.overview.DrillPager;
import org.civicpulse.dashboard.overview.OverviewService;
import org.civicpulse.dashboard.overview.OverviewService.TrendPoint;
import org.civicpulse.dashboard.ui.component.Breadcrumb;
import org.civicpulse.dashboard.ui.component.ChartOptions;
import org.civicpulse.dashboard.ui.component.DataTable;
import org.civicpulse.dashboard.ui.component.EChart;
import org.civicpulse.dashboard.ui.component.ExportLinks;
import org.civicpulse.dashboard.ui.component.FilterBar;
import org.civicpulse.dashboard.ui.component.KpiTile;
import org.civicpulse.dashboard.ui.component.Status;
import org.civicpulse.dashboard.ui.component.StatusBadge;
import org.civicpulse.domain.kpi.Direction;
import org.civicpulse.domain.kpi.KpiDefinition;
import org.civicpulse.domain.kpi.KpiKind;
import org.civicpulse.domain.org.OrgUnit;
import org.civicpulse.reporting.kpi.DrillFilters;
import org.civicpulse.reporting.kpi.DrillRow;
import org.civicpulse.reporting.kpi.Page;

/**
 * One KPI for the unit and period of the URL ({@code kpi/P5?period=…&unit=…}): its value against the target,
 * the trend by period, the breakdown by child unit with ranking (a unit's name opens the same page one level
 * down; the breadcrumb leads back up), and the records behind the figure in a lazy, sortable, filterable grid.
 */
@Route("kpi")
@PermitAll
public class KpiView extends DashboardView implements HasUrlParameter<String> {

    static final int TREND_PERIODS = 12;
    /** Most records a sorted grid or an export holds. */
    static final int DRILL_CAP = 10_000;
    private static final List<String> DOSSIER_COLUMNS = List.of("procedure", "channel", "due_at", "completed_at", "status",
            "onTime", "supplement_requests");

    /** Enum8 columns as numbers (when the engine hands them through so): their names, as in the schema (V003). */
    private static final Map<String, Map<Integer, String>> ENUMS = Map.of(
            "channel", Map.of(1, "ONLINE", 2, "DIRECT", 3, "POSTAL"),
            "status", Map.of(1, "IN_PROGRESS", 2, "COMPLETED", 3, "WITHDRAWN"),
            "returned_via", Map.of(0, "NONE", 1, "ONLINE", 2, "POSTAL", 3, "DIRECT"));

    private final OverviewService overview;
    private final KpiService kpis;
    private final KpiRequests requests;
    private final Clock clock;
    private String kpiText;
    private KpiDefinition def;

    public KpiView(AuthenticationContext authentication, ViewContexts contexts, OverviewService overview, KpiService kpis,
                   KpiRequests requests, Clock clock) {
        super(authentication, contexts);
        this.overview = overview;
        this.kpis = kpis;
        this.requests = requests;
        this.clock = clock;
        setId("kpi-page");
    }

    @Override
    public void setParameter(BeforeEvent event, String parameter) {
        kpiText = parameter;
    }

    @Override
    protected boolean prepare(BeforeEnterEvent event) {
        try {
            def = overview.registry().get(requests.kpiId(kpiText));
            return true;
        } catch (BadParameterException e) {
            event.rerouteToError(new BadViewParameterException("kpi", e.getMessage()), e.getMessage());
            return false;
        }
    }

    @Override
    protected String route() {
        return "kpi/" + (def == null ? kpiText : def.id());
    }

    @Override
    public String getPageTitle() {
        return (def == null ? "KPI" : def.id() + " · " + def.name().in(getLocale())) + " — CivicPulse";
    }

    @Override
    protected void render() {
        Locale locale = locale();
        getElement().setAttribute("data-kpi", def.id());
        getElement().setAttribute("data-unit", context.unit());
        getElement().setAttribute("data-period", context.period().code());
        Map<String, KpiRow> rows = overview.rows(context.user(), context.period(), context.unit());
        KpiRow row = rows.get(def.id());

        add(breadcrumb());
        Div head = new Div();
        head.addClassName("cp-view-head");
        Div titles = new Div();
        H1 title = new H1(def.id() + " · " + def.name().in(locale));
        title.setId("kpi-title");
        Paragraph subtitle = new Paragraph(context.unitName() + " · "
                + FilterBar.periodLabel(contexts, context.period().code(), locale));
        subtitle.addClassName("cp-subtitle");
        Paragraph source = new Paragraph(getTranslation("kpi.source", def.legalSource()));
        source.addClassName("cp-note");
        titles.add(title, subtitle, source);
        head.add(titles);
        add(head);
        add(new FilterBar(context, contexts, FilterBar.all(), this::go));

        if (row == null) {
            Paragraph none = new Paragraph(getTranslation("kpi.notApplicable", context.unitName()));
            none.addClassName("cp-note");
            add(none);
            return;
        }
        Div top = new Div();
        top.addClassName("cp-two-columns");
        top.add(summary(row, locale), trend(row, rows, locale));
        add(top);
        add(breakdown(row, locale));
        add(drill(locale));
    }

    private Component breadcrumb() {
        List<Component> links = new ArrayList<>();
        RouterLink home = new RouterLink(getTranslation("nav.overview"), OverviewView.class);
        home.setQueryParameters(context.state().shared().query());
        home.setId("breadcrumb-overview");
        links.add(home);
        List<OrgUnit> path = contexts.path(context);
        for (int i = 0; i < path.size() - 1; i++) {
            OrgUnit u = path.get(i);
            RouterLink link = new RouterLink();
            link.setRoute(KpiView.class, def.id());
            link.setQueryParameters(context.state().withUnit(u.code()).query());
            link.setText(u.name());
            link.getElement().setAttribute("data-unit", u.code());
            links.add(link);
        }
        return new Breadcrumb("breadcrumb", getTranslation("breadcrumb.aria"), links, context.unitName());
    }

    private Section summary(KpiRow row, Locale locale) {
        Section s = new Section();
        s.setId("kpi-summary");
        s.addClassNames("cp-section", "cp-card");
        s.getElement().setAttribute("data-value", KpiTile.plain(row.value()));
        s.getElement().setAttribute("data-status", row.status());
        s.getElement().setAttribute("data-numerator", KpiTile.plain(row.numerator()));
        s.getElement().setAttribute("data-denominator", KpiTile.plain(row.denominator()));
        Div big = new Div();
        big.addClassName("cp-score");
        Span value = new Span(Formats.measure(row.value(), row.measure(), locale));
        value.addClassName("cp-score-value");
        value.setId("kpi-value");
        big.add(value, new StatusBadge(row.status(), getTranslation(Status.of(row.status()).key())));
        s.add(new H2(getTranslation("kpi.now")), big);
        DataTable facts = new DataTable("kpi-facts", getTranslation("kpi.now"), List.of(
                new DataTable.Header(getTranslation("kpi.fact"), false), new DataTable.Header("", true)));
        String op = def.direction() == Direction.HIGHER_IS_BETTER ? "≥ " : "≤ ";
        facts.addRow(Map.of(), List.of(getTranslation("col.target"),
                row.target() == null ? getTranslation("status.NO_TARGET") : op + Formats.measure(row.target(), row.measure(), locale)));
        facts.addRow(Map.of(), List.of(getTranslation("col.numerator"), Formats.count(row.numerator(), locale)));
        facts.addRow(Map.of(), List.of(getTranslation("col.denominator"), Formats.count(row.denominator(), locale)));
        facts.addRow(Map.of(), List.of(getTranslation("col.projection"), Formats.measure(row.projection(), row.measure(), locale)));
        facts.addRow(Map.of(), List.of(getTranslation("col.requiredRate"), Formats.measure(row.requiredRate(), row.measure(), locale)));
        facts.addRow(Map.of(), List.of(getTranslation("col.asOf"), row.asOf() == null ? Formats.NONE
                : Formats.time(row.asOf(), context.zone()) + " " + Formats.date(row.asOf(), context.zone())));
        if (row.sourcesReported() != null) {
            facts.addRow(Map.of(), List.of(getTranslation("col.sourcesReported"),
                    Formats.number(row.sourcesReported().multiply(BigDecimal.valueOf(100)), 0, locale) + "%"));
        }
        s.add(facts);
        Paragraph definition = new Paragraph(getTranslation("kpi.definition", def.numerator(), def.denominator()));
        definition.addClassName("cp-note");
        s.add(definition);
        return s;
    }

    private Section trend(KpiRow row, Map<String, KpiRow> current, Locale locale) {
        Section s = new Section();
        s.setId("kpi-trend");
        s.addClassNames("cp-section", "cp-card");
        s.add(new H2(getTranslation("kpi.trend")));
        List<TrendPoint> points = overview.trend(context.user(), context.period(), context.unit(), List.of(def.id()),
                TREND_PERIODS, current).get(def.id());
        EChart chart = new EChart("260px");
        chart.setLocale(locale);
        boolean percent = "PERCENT".equals(row.measure());
        chart.setOption(ChartOptions.trend(points.stream().map(p -> new ChartOptions.Point(p.period().code(), p.value())).toList(),
                row.target(), getTranslation("col.target"), percent ? "%" : "", 2));
        chart.setDescription(getTranslation("tile.trend.aria", String.join(", ", points.stream()
                .map(p -> p.period().code() + " " + Formats.measure(p.value(), row.measure(), locale)).toList())));
        s.add(chart);
        DataTable table = new DataTable("trend-table", getTranslation("kpi.trend"), List.of(
                new DataTable.Header(getTranslation("col.period"), false),
                new DataTable.Header(getTranslation("col.value"), true),
                new DataTable.Header(getTranslation("col.status"), false)));
        for (int i = points.size() - 1; i >= Math.max(0, points.size() - 4); i--) {
            TrendPoint p = points.get(i);
            table.addRow(Map.of("period", p.period().code(), "value", KpiTile.plain(p.value())), List.of(
                    FilterBar.periodLabel(contexts, p.period().code(), locale), Formats.measure(p.value(), row.measure(), locale),
                    p.status() == null ? Formats.NONE : getTranslation(Status.of(p.status()).key())));
        }
        List<KpiRow> trendRows = points.stream().map(TrendPoint::row).filter(java.util.Objects::nonNull).toList();
        s.add(table, new ExportLinks("export-trend", getTranslation("export.table"),
                () -> KpiFiles.csv(context, "trend-" + def.id(), false, () -> trendRows),
                () -> KpiFiles.xlsx(context, "trend-" + def.id(), false, () -> trendRows, clock)));
        return s;
    }

    private Section breakdown(KpiRow row, Locale locale) {
        Section s = new Section();
        s.setId("breakdown");
        s.addClassNames("cp-section", "cp-card");
        s.add(new H2(getTranslation("kpi.breakdown", context.unitName())));
        if (contexts.children(context).isEmpty()) {
            Paragraph none = new Paragraph(getTranslation("kpi.noChildren", context.unitName()));
            none.addClassName("cp-note");
            none.setId("breakdown-none");
            s.add(none);
            return s;
        }
        List<KpiRow> rows = overview.breakdown(context.user(), context.period(), context.unit(), def.id());
        if (rows.isEmpty()) {
            Paragraph none = new Paragraph(getTranslation("kpi.noChildren", context.unitName()));
            none.addClassName("cp-note");
            none.setId("breakdown-none");
            s.add(none);
            return s;
        }
        Set<String> children = new java.util.HashSet<>(contexts.children(context).stream().map(OrgUnit::code).toList());
        List<String> names = new ArrayList<>();
        List<BigDecimal> values = new ArrayList<>();
        List<String> colors = new ArrayList<>();
        DataTable table = new DataTable("breakdown-table", getTranslation("kpi.breakdown", context.unitName()), List.of(
                new DataTable.Header(getTranslation("ranking.unit"), false),
                new DataTable.Header(getTranslation("col.rank"), true),
                new DataTable.Header(getTranslation("col.value"), true),
                new DataTable.Header(getTranslation("col.numerator"), true),
                new DataTable.Header(getTranslation("col.denominator"), true),
                new DataTable.Header(getTranslation("col.target"), true),
                new DataTable.Header(getTranslation("col.status"), false)));
        for (KpiRow r : rows) {
            boolean own = r.unit().equals(context.unit());
            String name = (r.unitName() == null ? r.unit() : r.unitName()) + (own ? " " + getTranslation("kpi.ownRecords") : "");
            names.add(name);
            values.add(r.value());
            colors.add(Status.of(r.status()).color());
            Object unitCell;
            if (!own && children.contains(r.unit())) {
                RouterLink link = new RouterLink();
                link.setRoute(KpiView.class, def.id());
                link.setQueryParameters(context.state().withUnit(r.unit()).query());
                link.setText(name);
                link.getElement().setAttribute("data-unit-link", r.unit());
                unitCell = link;
            } else {
                unitCell = name;
            }
            Map<String, String> data = new LinkedHashMap<>();
            data.put("unit", r.unit());
            data.put("value", KpiTile.plain(r.value()));
            data.put("numerator", KpiTile.plain(r.numerator()));
            data.put("denominator", KpiTile.plain(r.denominator()));
            data.put("status", r.status());
            data.put("rank", r.rank() == null ? "" : r.rank().toString());
            table.addRow(data, List.of(unitCell, r.rank() == null ? Formats.NONE : r.rank().toString(),
                    Formats.measure(r.value(), r.measure(), locale), Formats.count(r.numerator(), locale),
                    Formats.count(r.denominator(), locale), Formats.measure(r.target(), r.measure(), locale),
                    new StatusBadge(r.status(), getTranslation(Status.of(r.status()).key()))));
        }
        boolean percent = "PERCENT".equals(row.measure());
        EChart chart = new EChart(Math.max(120, 36 * rows.size() + 40) + "px");
        chart.setLocale(locale);
        chart.setOption(ChartOptions.bars(names, values, colors, rows.get(0).target(), percent ? "%" : "", 2));
        chart.setDescription(getTranslation("kpi.breakdown", context.unitName()));
        s.add(chart, table, new ExportLinks("export-breakdown", getTranslation("export.table"),
                () -> KpiFiles.csv(context, "breakdown-" + def.id(), true, () -> rows),
                () -> KpiFiles.xlsx(context, "breakdown-" + def.id(), true, () -> rows, clock)));
        return s;
    }

    private Section drill(Locale locale) {
        Section s = new Section();
        s.setId("drill");
        s.addClassNames("cp-section", "cp-card");
        s.add(new H2(getTranslation("drill.title")));
        if (!overview.drillable(def.id())) {
            Paragraph p = new Paragraph(getTranslation("drill.composite"));
            p.addClassName("cp-note");
            p.setId("drill-none");
            s.add(p);
            Div links = new Div();
            links.addClassName("cp-chips");
            for (String id : components()) {
                RouterLink link = new RouterLink();
                link.setRoute(KpiView.class, id);
                link.setQueryParameters(context.state().shared().query());
                link.setText(id + " · " + overview.registry().get(id).name().in(locale));
                link.addClassName("cp-chip");
                links.add(link);
            }
            s.add(links);
            return s;
        }
        KpiRequests.DrillQuery base = new KpiRequests.DrillQuery(context.period(), context.unit(), def.id(), context.part(),
                0, DrillPager.PAGE);
        DrillFilters filters = new DrillFilters(null, context.procedureCode(), context.channel(), context.status());
        boolean dossiers;
        Page<DrillRow> first;
        DrillPager pager;
        try {
            dossiers = isDossierKpi();
            pager = new DrillPager(kpis, base, dossiers ? filters : DrillFilters.NONE, context.user(), DRILL_CAP);
            first = pager.first();
        } catch (IllegalArgumentException e) {
            Paragraph p = new Paragraph(getTranslation("drill.unavailable", e.getMessage()));
            p.addClassName("cp-note");
            p.setId("drill-none");
            s.add(p);
            return s;
        }

        Div controls = new Div();
        controls.addClassName("cp-filters");
        Select<String> part = new Select<>();
        part.setId("drill-part");
        part.setLabel(getTranslation("drill.part"));
        part.setItems("numerator", "denominator");
        part.setItemLabelGenerator(p -> getTranslation("drill.part." + p));
        part.setValue(context.part().wire());
        part.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                go(context.state().withPart(e.getValue()));
            }
        });
        controls.add(part);
        if (dossiers) {
            Select<String> channel = new Select<>();
            channel.setId("drill-channel");
            channel.setLabel(getTranslation("drill.channel"));
            channel.setItems("", "ONLINE", "DIRECT", "POSTAL");
            channel.setItemLabelGenerator(c -> c.isEmpty() ? getTranslation("filter.all") : getTranslation("channel." + c));
            channel.setValue(context.channel() == null ? "" : context.channel());
            channel.addValueChangeListener(e -> {
                if (e.isFromClient()) {
                    go(context.state().withChannel(e.getValue()));
                }
            });
            Select<String> status = new Select<>();
            status.setId("drill-status");
            status.setLabel(getTranslation("drill.status"));
            status.setItems("", "IN_PROGRESS", "COMPLETED", "WITHDRAWN");
            status.setItemLabelGenerator(c -> c.isEmpty() ? getTranslation("filter.all") : getTranslation("dossier." + c));
            status.setValue(context.status() == null ? "" : context.status());
            status.addValueChangeListener(e -> {
                if (e.isFromClient()) {
                    go(context.state().withStatus(e.getValue()));
                }
            });
            controls.add(channel, status);
        }
        s.add(controls);
        if (dossiers && context.field() != null && context.procedure() == null) {
            Paragraph note = new Paragraph(getTranslation("drill.fieldNote", context.field()));
            note.addClassName("cp-note");
            s.add(note);
        }
        Paragraph total = new Paragraph(getTranslation("drill.total", Formats.number(first.total(), locale)));
        total.setId("drill-total");
        total.getElement().setAttribute("data-total", String.valueOf(first.total()));
        total.addClassName("cp-note");
        s.add(total);

        String kind = first.items().isEmpty() ? (dossiers ? "dossier" : "record") : first.items().get(0).kind();
        List<String> fieldColumns = dossiers || "dossier".equals(kind) ? DOSSIER_COLUMNS
                : first.items().isEmpty() ? List.of() : first.items().get(0).fields().keySet().stream()
                .filter(k -> !k.startsWith("f_") && !k.startsWith("t_")).limit(6).toList();
        Grid<DrillRow> grid = new Grid<>();
        grid.setId("drill-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.setPageSize(DrillPager.PAGE);
        if (first.total() <= 12) {
            grid.setAllRowsVisible(true); // a short list without an empty frame below it
        } else {
            grid.setHeight("440px");
        }
        grid.setMultiSort(false);
        grid.addColumn(DrillRow::id).setHeader(getTranslation("drill.col.id")).setKey("id").setSortable(true)
                .setAutoWidth(true).setFlexGrow(0).setFrozen(true);
        grid.addColumn(r -> unitLabel(r.unit())).setHeader(getTranslation("drill.col.unit")).setKey("unit").setSortable(true)
                .setAutoWidth(true);
        grid.addColumn(r -> Formats.dateTime(r.at(), context.zone())).setHeader(getTranslation("drill.col.at." + kind))
                .setKey("at").setSortable(true).setAutoWidth(true);
        for (String f : fieldColumns) {
            Grid.Column<DrillRow> c = grid.addColumn(r -> cell(f, r.fields().get(f), locale)).setKey(f).setSortable(true)
                    .setHeader(header(f)).setAutoWidth(true);
            if (numeric(first.items(), f)) {
                c.setTextAlign(ColumnTextAlign.END);
            }
        }
        grid.setItems(q -> pager.fetch(q.getOffset(), q.getLimit(), q.getSortOrders().stream()
                        .map(o -> new DrillPager.Sort(o.getSorted(), o.getDirection() == SortDirection.DESCENDING)).toList()).stream(),
                q -> (int) Math.min(Integer.MAX_VALUE, pager.count()));
        grid.addSortListener(e -> {
            if (!e.getSortOrder().isEmpty() && pager.truncatedWhenSorted()) {
                total.setText(getTranslation("drill.sortCap", Formats.number(DRILL_CAP, locale)));
            }
        });
        s.add(grid);

        List<String> exportFields = fieldColumns;
        s.add(new ExportLinks("export-drill", getTranslation("export.table"),
                () -> drillFile(pager, exportFields, true), () -> drillFile(pager, exportFields, false)));
        return s;
    }

    private boolean isDossierKpi() {
        return switch (def.id()) {
            case "P2", "P1", "P3", "P4", "P7", "Q3.1", "P8", "P9", "P10", "P11", "P12", "P12b", "P12c", "Q5.2", "O5", "O5r" -> false;
            default -> def.kind() == KpiKind.RATIO || def.kind() == KpiKind.COUNT || def.kind() == KpiKind.AVERAGE;
        };
    }

    private List<String> components() {
        return switch (def.kind()) {
            case COMPOSITE -> List.of("Q2.1", "P6f");
            case GROUP_SCORE -> overview.registry().scoredIn(def.group()).stream().map(KpiDefinition::id).toList();
            case TOTAL_SCORE -> overview.registry().groupScores().stream().map(KpiDefinition::id).toList();
            default -> List.of();
        };
    }

    private ExportLinks.File drillFile(DrillPager pager, List<String> fields, boolean csv) {
        List<DrillRow> rows = pager.all();
        List<TableExport.Column> columns = new ArrayList<>();
        columns.add(new TableExport.Column("id", TableExport.Type.TEXT, 18));
        columns.add(new TableExport.Column("unit", TableExport.Type.TEXT, 10));
        columns.add(new TableExport.Column("at", TableExport.Type.INSTANT, 20));
        for (String f : fields) {
            Object sample = rows.stream().map(r -> enumName(f, r.fields().get(f))).filter(v -> v != null).findFirst().orElse(null);
            TableExport.Type type = sample instanceof Instant ? TableExport.Type.INSTANT
                    : sample instanceof Long ? TableExport.Type.INTEGER
                    : sample instanceof BigDecimal ? TableExport.Type.NUMBER
                    : sample instanceof Boolean ? TableExport.Type.BOOLEAN : TableExport.Type.TEXT;
            columns.add(new TableExport.Column(f, type, 16));
        }
        List<List<Object>> data = new ArrayList<>();
        for (DrillRow r : rows) {
            List<Object> line = new ArrayList<>();
            line.add(r.id());
            line.add(r.unit());
            line.add(r.at());
            fields.forEach(f -> line.add(enumName(f, r.fields().get(f))));
            data.add(line);
        }
        TableExport.Table table = new TableExport.Table("CivicPulse — " + def.id() + " " + def.name().vi(),
                List.of("Kỳ / Period: " + context.period().code() + " (" + context.period().start() + " – "
                                + context.period().endInclusive() + ")",
                        "Đơn vị / Unit: " + context.unit() + " — " + context.unitName(),
                        "Phần / Part: " + context.part().wire() + "; filters: " + context.state().query().getQueryString(),
                        "Xuất / Exported by " + context.user().username() + " at " + clock.instant()),
                columns, data);
        String what = "drill-" + def.id();
        ExportAudit.export(context.user(), what + (csv ? ".csv" : ".xlsx"), context.state().query().getQueryString(), rows.size());
        return csv ? new ExportLinks.File(KpiFiles.name(context, what, false, "csv"), ExportLinks.CSV, TableExport.csv(table))
                : new ExportLinks.File(KpiFiles.name(context, what, false, "xlsx"), ExportLinks.XLSX,
                TableExport.xlsx(table, context.zone()));
    }

    /** An Enum8 column handed through as its number, as its name (other values unchanged). */
    private static Object enumName(String field, Object v) {
        if (v instanceof Long n && ENUMS.containsKey(field)) {
            return ENUMS.get(field).getOrDefault(n.intValue(), String.valueOf(n));
        }
        return v;
    }

    private String unitLabel(String code) {
        String name = contexts.directory().name(code, context.checkDate());
        return name == null ? code : name;
    }

    private String header(String field) {
        String t = getTranslation("drill.col." + field);
        return t.startsWith("!") ? field : t;
    }

    private String cell(String field, Object v, Locale locale) {
        if (v == null) {
            return Formats.NONE;
        }
        if (v instanceof Instant i) {
            return Formats.dateTime(i, context.zone());
        }
        if (v instanceof Boolean b) {
            return getTranslation(b ? "common.yes" : "common.no");
        }
        if (v instanceof BigDecimal d) {
            return Formats.number(d, 2, locale);
        }
        if (v instanceof Long n && ENUMS.containsKey(field)) {
            v = ENUMS.get(field).getOrDefault(n.intValue(), String.valueOf(n));
        } else if (v instanceof Long n) {
            return Formats.number(n, locale);
        }
        String s = v.toString();
        if (field.equals("channel") || field.equals("status")) {
            String t = getTranslation((field.equals("channel") ? "channel." : "dossier.") + s);
            return t.startsWith("!") ? s : t;
        }
        if (field.equals("procedure")) {
            return s;
        }
        return s;
    }

    private static boolean numeric(List<DrillRow> rows, String field) {
        if (ENUMS.containsKey(field)) {
            return false;
        }
        return rows.stream().map(r -> r.fields().get(field)).filter(v -> v != null).findFirst()
                .map(v -> v instanceof Number).orElse(false);
    }
}
