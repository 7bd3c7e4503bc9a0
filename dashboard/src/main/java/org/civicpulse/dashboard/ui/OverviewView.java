package org.civicpulse.dashboard.ui;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.spring.security.AuthenticationContext;

import jakarta.annotation.security.PermitAll;

import org.civicpulse.dashboard.filter.ViewContexts;
import org.civicpulse.dashboard.i18n.Translations;
import org.civicpulse.dashboard.kpi.KpiRow;
import org.civicpulse.dashboard.overview.OverviewService;
import org.civicpulse.dashboard.overview.OverviewService.RankedUnit;
import org.civicpulse.dashboard.overview.OverviewService.Score;
import org.civicpulse.dashboard.overview.OverviewService.ScoreGroup;
import org.civicpulse.dashboard.overview.OverviewService.TrendPoint;
import org.civicpulse.dashboard.ui.component.ChartOptions;
import org.civicpulse.dashboard.ui.component.DataTable;
import org.civicpulse.dashboard.ui.component.EChart;
import org.civicpulse.dashboard.ui.component.ExportLinks;
import org.civicpulse.dashboard.ui.component.FilterBar;
import org.civicpulse.dashboard.ui.component.KpiTile;
import org.civicpulse.dashboard.ui.component.Status;
import org.civicpulse.dashboard.ui.component.StatusBadge;
import org.civicpulse.domain.kpi.KpiDefinition;
import org.civicpulse.domain.kpi.MeasureUnit;

/**
 * Where the plan stands now, for the unit and period of the URL: each plan target (P1–P12) as a tile, the
 * Decision 766 score with its groups and class, and the child units ranked by their gap to a target. Every
 * figure comes from {@link OverviewService}, i.e. the KPI API's rows for the same period and unit.
 */
@Route("")
@PermitAll
public class OverviewView extends DashboardView {

    /** How many periods a tile's sparkline shows (the current one included). */
    static final int TREND_PERIODS = 6;

    private final OverviewService overview;
    private final Clock clock;

    public OverviewView(AuthenticationContext authentication, ViewContexts contexts, OverviewService overview, Clock clock) {
        super(authentication, contexts);
        this.overview = overview;
        this.clock = clock;
        setId("overview");
    }

    @Override
    protected String route() {
        return "";
    }

    @Override
    public String getPageTitle() {
        return getTranslation("overview.title") + " — CivicPulse";
    }

    @Override
    protected void render() {
        Locale locale = locale();
        Map<String, KpiRow> rows = overview.rows(context.user(), context.period(), context.unit());
        List<KpiRow> all = List.copyOf(rows.values());

        // header
        Div head = new Div();
        head.addClassName("cp-view-head");
        Div titles = new Div();
        H1 title = new H1(getTranslation("overview.title"));
        Instant asOf = all.stream().map(KpiRow::asOf).filter(Objects::nonNull).max(Instant::compareTo).orElse(null);
        Paragraph subtitle = new Paragraph(context.unitName() + " · "
                + FilterBar.periodLabel(contexts, context.period().code(), locale)
                + (asOf == null ? "" : " · " + getTranslation("overview.dataTo", Formats.time(asOf, context.zone()),
                Formats.date(asOf, context.zone()))));
        subtitle.setId("overview-subtitle");
        subtitle.addClassName("cp-subtitle");
        subtitle.getElement().setAttribute("data-unit", context.unit());
        subtitle.getElement().setAttribute("data-period", context.period().code());
        titles.add(title, subtitle);
        Div actions = new Div();
        actions.addClassName("cp-actions");
        actions.add(new ExportLinks("export-overview", getTranslation("export.kpis"),
                () -> KpiFiles.csv(context, "kpi", false, () -> all),
                () -> KpiFiles.xlsx(context, "kpi", false, () -> all, clock)));
        Button print = new Button(getTranslation("action.print"), VaadinIcon.PRINT.create(),
                e -> getUI().ifPresent(ui -> ui.getPage().executeJs("window.print()")));
        print.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        print.setId("print");
        print.addClassName("cp-no-print");
        actions.add(print);
        head.add(titles, actions);
        add(head);

        add(new FilterBar(context, contexts, EnumSet.of(FilterBar.Filter.PERIOD, FilterBar.Filter.UNIT,
                FilterBar.Filter.FIELD), this::go));
        if (context.field() != null) {
            Paragraph note = new Paragraph(getTranslation("overview.fieldNote", context.field()));
            note.addClassName("cp-note");
            add(note);
        }

        // plan targets
        Section targets = new Section();
        targets.setId("plan-targets");
        targets.addClassName("cp-section");
        H2 targetsTitle = new H2(getTranslation("overview.targets"));
        Div tiles = new Div();
        tiles.addClassName("cp-tiles");
        List<String> shown = OverviewService.PLAN_TARGETS.stream().filter(rows::containsKey).toList();
        Map<String, List<TrendPoint>> trend = overview.trend(context.user(), context.period(), context.unit(), shown,
                TREND_PERIODS, rows);
        for (String id : shown) {
            KpiRow row = rows.get(id);
            KpiDefinition def = overview.registry().get(id);
            String secondaryId = OverviewService.SECONDARY.get(id);
            tiles.add(new KpiTile(row, def, secondaryId == null ? null : rows.get(secondaryId), trend.get(id),
                    href("kpi/" + id, context.state().shared()), locale, context.zone(), contexts.today()));
        }
        targets.add(targetsTitle, tiles);
        add(targets);

        Div lower = new Div();
        lower.addClassNames("cp-two-columns", "cp-score-rank");
        lower.add(scorePanel(rows, locale), rankingPanel(locale));
        add(lower);
    }

    private Section scorePanel(Map<String, KpiRow> rows, Locale locale) {
        Section s = new Section();
        s.setId("score-panel");
        s.addClassNames("cp-section", "cp-card");
        Score score = overview.score(rows);
        s.add(new H2(getTranslation("score.title")));
        KpiRow total = score.total();
        if (total == null) {
            s.add(new Paragraph(getTranslation("score.none")));
            return s;
        }
        s.getElement().setAttribute("data-value", KpiTile.plain(total.value()));
        s.getElement().setAttribute("data-points", KpiTile.plain(total.points()));
        s.getElement().setAttribute("data-grade", total.grade() == null ? "" : total.grade());
        s.getElement().setAttribute("data-status", total.status() == null ? "" : total.status());
        Div big = new Div();
        big.addClassName("cp-score");
        Span value = new Span(Formats.number(total.value(), 2, locale));
        value.addClassName("cp-score-value");
        value.setId("score-value");
        Span of = new Span("/100");
        of.addClassName("cp-score-of");
        big.add(value, of);
        Div meta = new Div();
        meta.addClassName("cp-score-meta");
        Span band = new Span(score.band() == null ? getTranslation("score.noClass")
                : getTranslation("score.class", score.band().name().in(locale)));
        band.addClassName("cp-score-class");
        band.setId("score-class");
        meta.add(band, new StatusBadge(total.status(), getTranslation(Status.of(total.status()).key())));
        Paragraph points = new Paragraph(getTranslation("score.points", Formats.number(total.points(), 2, locale)));
        points.addClassName("cp-note");
        s.add(big, meta, points);

        List<String> names = new ArrayList<>();
        List<BigDecimal> earned = new ArrayList<>();
        List<BigDecimal> max = new ArrayList<>();
        DataTable table = new DataTable("score-groups", getTranslation("score.title"), List.of(
                new DataTable.Header(getTranslation("score.group"), false),
                new DataTable.Header(getTranslation("score.earned"), true),
                new DataTable.Header(getTranslation("score.max"), true)));
        for (ScoreGroup g : score.groups()) {
            String name = Translations.english(locale) ? g.nameEn() : g.nameVi();
            names.add(name.replaceFirst("^(Nhóm |Group: )", ""));
            earned.add(g.points());
            max.add(g.maxPoints());
            Map<String, String> data = new LinkedHashMap<>();
            data.put("kpi", g.kpi());
            data.put("points", KpiTile.plain(g.points()));
            table.addRow(data, List.of(name, Formats.number(g.points(), 2, locale), Formats.number(g.maxPoints(), 0, locale)));
        }
        EChart chart = new EChart("230px");
        chart.setLocale(locale);
        chart.setOption(ChartOptions.scoreGroups(names, earned, max, getTranslation("score.earned"), getTranslation("score.max")));
        chart.setDescription(getTranslation("score.chart.aria"));
        s.add(chart, table);
        return s;
    }

    private Section rankingPanel(Locale locale) {
        Section s = new Section();
        s.setId("ranking");
        s.addClassNames("cp-section", "cp-card");
        s.add(new H2(getTranslation("ranking.title")));
        String kpi = context.rank();
        s.getElement().setAttribute("data-kpi", kpi);
        Select<String> pick = new Select<>();
        pick.setId("ranking-kpi");
        pick.setLabel(getTranslation("ranking.kpi"));
        List<String> options = new ArrayList<>();
        for (String id : OverviewService.PLAN_TARGETS) {
            KpiDefinition d = overview.registry().get(id);
            if (d.unit() == MeasureUnit.PERCENT) {
                options.add(id);
            }
        }
        pick.setItems(options);
        pick.setItemLabelGenerator(id -> id + " · " + overview.registry().get(id).name().in(locale));
        pick.setValue(options.contains(kpi) ? kpi : null);
        pick.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                go(context.state().withRank(e.getValue()));
            }
        });
        pick.setWidthFull();
        s.add(pick);

        List<RankedUnit> ranking = overview.ranking(context.user(), context.period(), context.unit(), kpi);
        if (ranking.isEmpty()) {
            Paragraph none = new Paragraph(getTranslation("ranking.none", context.unitName()));
            none.addClassName("cp-note");
            s.add(none);
            return s;
        }
        KpiDefinition def = overview.registry().get(kpi);
        List<String> names = new ArrayList<>();
        List<BigDecimal> gaps = new ArrayList<>();
        List<String> colors = new ArrayList<>();
        DataTable table = new DataTable("ranking-table", getTranslation("ranking.title"), List.of(
                new DataTable.Header(getTranslation("ranking.unit"), false),
                new DataTable.Header(getTranslation("col.value"), true),
                new DataTable.Header(getTranslation("col.target"), true),
                new DataTable.Header(getTranslation("ranking.gap"), true),
                new DataTable.Header(getTranslation("col.rank"), true),
                new DataTable.Header(getTranslation("col.status"), false)));
        for (RankedUnit u : ranking) {
            KpiRow r = u.row();
            names.add(r.unitName() == null ? r.unit() : r.unitName());
            gaps.add(u.gap());
            colors.add(Status.of(r.status()).color());
            RouterLink link = new RouterLink();
            link.setRoute(KpiView.class, kpi);
            link.setQueryParameters(context.state().shared().withUnit(r.unit()).query());
            link.setText(r.unitName() == null ? r.unit() : r.unitName());
            link.getElement().setAttribute("data-unit-link", r.unit());
            Map<String, String> data = new LinkedHashMap<>();
            data.put("unit", r.unit());
            data.put("value", KpiTile.plain(r.value()));
            data.put("target", KpiTile.plain(r.target()));
            data.put("gap", KpiTile.plain(u.gap()));
            data.put("rank", r.rank() == null ? "" : r.rank().toString());
            data.put("status", r.status());
            table.addRow(data, List.of(link, Formats.measure(r.value(), r.measure(), locale),
                    Formats.measure(r.target(), r.measure(), locale), Formats.signed(u.gap(), 2, locale),
                    r.rank() == null ? Formats.NONE : r.rank().toString(),
                    new StatusBadge(r.status(), getTranslation(Status.of(r.status()).key()))));
        }
        EChart chart = new EChart(Math.max(120, 36 * ranking.size() + 40) + "px");
        chart.setLocale(locale);
        chart.setOption(ChartOptions.bars(names, gaps, colors, null, "", 2));
        chart.setDescription(getTranslation("ranking.chart.aria", kpi));
        Paragraph explain = new Paragraph(getTranslation("ranking.explain", def.id()));
        explain.addClassName("cp-note");
        List<KpiRow> breakdownRows = ranking.stream().map(RankedUnit::row).toList();
        s.add(explain, chart, table, new ExportLinks("export-ranking", getTranslation("export.table"),
                () -> KpiFiles.csv(context, "ranking-" + kpi, true, () -> breakdownRows),
                () -> KpiFiles.xlsx(context, "ranking-" + kpi, true, () -> breakdownRows, clock)));
        return s;
    }
}
