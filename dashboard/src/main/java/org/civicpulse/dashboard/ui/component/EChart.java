package org.civicpulse.dashboard.ui.component;

import java.util.Locale;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.HasStyle;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JavaScript;

import org.civicpulse.dashboard.i18n.Translations;

/**
 * An Apache ECharts chart: the {@code <e-chart>} custom element of {@code js/e-chart.js} with the ECharts
 * webjar, both static ({@code context://}, so the production bundle stays as it is and npm never runs).
 * Java sets the whole option as JSON ({@link #setOption}); animations are always off. Build options with
 * {@link ChartOptions}.
 */
@Tag("e-chart")
@JavaScript("context://webjars/echarts/5.3.1/dist/echarts.min.js")
@JavaScript("context://js/e-chart.js")
public class EChart extends Component implements HasSize, HasStyle {

    public EChart(String height) {
        setWidthFull();
        setHeight(height);
        getElement().setAttribute("role", "img");
    }

    /** Replaces the chart's option (animation forced off). */
    public void setOption(ObjectNode option) {
        option.put("animation", false);
        getElement().setProperty("option", option.toString());
    }

    /** The language of the numbers the chart writes ({@code vi} or {@code en}). */
    public void setLocale(Locale locale) {
        getElement().setAttribute("lang", Translations.english(locale) ? "en" : "vi");
    }

    /** What the chart shows, for screen readers (the figures are also in text next to every chart). */
    public void setDescription(String text) {
        getElement().setAttribute("aria-label", text);
    }
}
