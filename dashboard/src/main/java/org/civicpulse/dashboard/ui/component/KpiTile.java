package org.civicpulse.dashboard.ui.component;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.dom.Element;

import org.civicpulse.dashboard.i18n.Translations;
import org.civicpulse.dashboard.kpi.KpiRow;
import org.civicpulse.dashboard.overview.OverviewService.TrendPoint;
import org.civicpulse.dashboard.ui.Formats;
import org.civicpulse.domain.kpi.Direction;
import org.civicpulse.domain.kpi.KpiDefinition;

/**
 * One plan target on the overview: value against target (ECharts bullet), status in colour and words, trend
 * over the previous periods (sparkline), year-end projection and freshness. The whole tile links to the KPI's
 * page. The raw figures are on the tile as {@code data-*} attributes (the API's values, as plain numbers).
 */
public class KpiTile extends Div {

    public KpiTile(KpiRow row, KpiDefinition def, KpiRow secondary, List<TrendPoint> trend, String href, Locale locale,
                   ZoneId zone, LocalDate today) {
        addClassName("cp-tile");
        setId("tile-" + row.kpi());
        Status status = Status.of(row.status());
        addClassName("cp-tile-" + status.name());
        Element e = getElement();
        e.setAttribute("data-kpi", row.kpi());
        e.setAttribute("data-unit", row.unit());
        e.setAttribute("data-period", row.period());
        e.setAttribute("data-status", row.status() == null ? "" : row.status());
        e.setAttribute("data-value", plain(row.value()));
        e.setAttribute("data-target", plain(row.target()));
        e.setAttribute("data-numerator", plain(row.numerator()));
        e.setAttribute("data-denominator", plain(row.denominator()));
        e.setAttribute("data-projection", plain(row.projection()));
        e.setAttribute("data-as-of", row.asOf() == null ? "" : row.asOf().toString());

        // a real link (keyboard, middle-click, bookmarkable), laid over the tile
        Element link = new Element("a");
        link.setAttribute("href", href);
        link.setAttribute("router-link", true);
        link.getClassList().add("cp-tile-link");
        link.setAttribute("id", "tile-link-" + row.kpi());
        String name = Translations.english(locale) ? row.nameEn() : row.name();
        link.setAttribute("aria-label", getTranslation("tile.open", row.kpi() + " " + name));
        e.appendChild(link);

        Div head = new Div();
        head.addClassName("cp-tile-head");
        Span id = new Span(row.kpi());
        id.addClassName("cp-tile-id");
        head.add(id, new StatusBadge(row.status(), getTranslation(status.key())));
        H3 title = new H3(name);
        title.addClassName("cp-tile-name");

        Div value = new Div();
        value.addClassName("cp-tile-value");
        Span big = new Span(Formats.measure(row.value(), row.measure(), locale));
        big.addClassName("cp-value");
        big.setId("tile-value-" + row.kpi());
        value.add(big);
        if (row.target() != null) {
            Span target = new Span(getTranslation("tile.target",
                    (def.direction() == Direction.HIGHER_IS_BETTER ? "≥ " : "≤ ")
                            + Formats.measure(row.target(), row.measure(), locale)));
            target.addClassName("cp-target");
            value.add(target);
        }

        EChart bullet = new EChart("34px");
        bullet.addClassName("cp-tile-bullet");
        bullet.setLocale(locale);
        boolean percent = "PERCENT".equals(row.measure());
        BigDecimal max = percent ? BigDecimal.valueOf(100)
                : maxOf(row.value(), row.target()).multiply(BigDecimal.valueOf(1.2)).max(BigDecimal.ONE);
        bullet.setOption(ChartOptions.bullet(row.value(), row.target(), max, status.color(), percent ? "%" : ""));
        bullet.setDescription(getTranslation("tile.bullet.aria", big.getText(),
                row.target() == null ? Formats.NONE : Formats.measure(row.target(), row.measure(), locale)));

        Div counts = new Div();
        counts.addClassName("cp-tile-counts");
        if (row.numerator() != null && row.denominator() != null) {
            counts.setText(getTranslation("tile.counts", Formats.count(row.numerator(), locale),
                    Formats.count(row.denominator(), locale)));
        } else {
            counts.setText(getTranslation(def.kind() == org.civicpulse.domain.kpi.KpiKind.COMPOSITE ? "tile.noCounts"
                    : "tile.fresh.none"));
        }

        add(head, title, value, bullet, counts);

        if (secondary != null) {
            Div second = new Div();
            second.addClassName("cp-tile-secondary");
            second.getElement().setAttribute("data-kpi", secondary.kpi());
            second.getElement().setAttribute("data-value", plain(secondary.value()));
            String secondName = Translations.english(locale) ? secondary.nameEn() : secondary.name();
            second.setText(secondary.kpi() + " · " + secondName + ": " + Formats.measure(secondary.value(), secondary.measure(), locale));
            add(second);
        }

        Div spark = new Div();
        spark.addClassName("cp-tile-trend");
        Span trendLabel = new Span(getTranslation("tile.trend", trend.size()));
        trendLabel.addClassName("cp-tile-caption");
        EChart sparkline = new EChart("40px");
        sparkline.setLocale(locale);
        List<ChartOptions.Point> points = trend.stream()
                .map(p -> new ChartOptions.Point(p.period().code(), p.value())).toList();
        sparkline.setOption(ChartOptions.sparkline(points, row.target(), ChartOptions.PRIMARY));
        sparkline.setDescription(getTranslation("tile.trend.aria", String.join(", ", trend.stream()
                .map(p -> p.period().code() + " " + Formats.measure(p.value(), row.measure(), locale)).toList())));
        spark.add(trendLabel, sparkline);
        add(spark);

        Div foot = new Div();
        foot.addClassName("cp-tile-foot");
        Span projection = new Span(row.projection() == null ? getTranslation("tile.projection.none")
                : getTranslation("tile.projection", Formats.measure(row.projection(), row.measure(), locale)));
        projection.addClassName("cp-tile-projection");
        Span fresh = new Span(freshness(row, locale, zone, today));
        fresh.addClassName("cp-tile-fresh");
        fresh.setId("tile-fresh-" + row.kpi());
        foot.add(projection, fresh);
        add(foot);
    }

    private String freshness(KpiRow row, Locale locale, ZoneId zone, LocalDate today) {
        if (row.asOf() == null) {
            return getTranslation(row.value() == null ? "tile.fresh.none" : "tile.fresh.catalogue");
        }
        LocalDate day = row.asOf().atZone(zone).toLocalDate();
        String time = Formats.time(row.asOf(), zone);
        return day.equals(today) ? getTranslation("tile.fresh.today", time)
                : getTranslation("tile.fresh.day", time, Formats.date(day));
    }

    private static BigDecimal maxOf(BigDecimal a, BigDecimal b) {
        if (a == null) {
            return b == null ? BigDecimal.ONE : b;
        }
        return b == null ? a : a.max(b);
    }

    /** A number as the API writes it (plain, no exponent); empty for null. */
    public static String plain(BigDecimal v) {
        return v == null ? "" : v.toPlainString();
    }
}
