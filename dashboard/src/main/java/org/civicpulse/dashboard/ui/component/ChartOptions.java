package org.civicpulse.dashboard.ui.component;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * ECharts options for the dashboard's charts, built as JSON. Numbers in labels and tooltips go through the
 * {@code fmt:<decimals>[:<suffix>]} formatters of {@code e-chart.js}, so they follow the page's language.
 */
public final class ChartOptions {

    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String AXIS = "#5b6675";
    public static final String GRID_LINE = "#e3e7ec";
    public static final String TARGET = "#1b2a3a";
    public static final String PRIMARY = "#1f5f8b";
    public static final String FONT = "Roboto, 'Segoe UI', Helvetica, Arial, sans-serif";

    private ChartOptions() {
    }

    /** A named value on a category axis (a period, a unit). */
    public record Point(String label, BigDecimal value) {
    }

    /** One series of a bar chart. */
    public record Series(String name, List<BigDecimal> values, String color) {
    }

    private static ObjectNode base() {
        ObjectNode o = JSON.createObjectNode();
        o.put("animation", false);
        o.putObject("textStyle").put("fontFamily", FONT);
        return o;
    }

    /**
     * A bullet chart: one horizontal bar for the value on a 0–{@code max} scale, a dark mark at the target.
     *
     * @param suffix {@code %} for rates, empty otherwise
     */
    public static ObjectNode bullet(BigDecimal value, BigDecimal target, BigDecimal max, String color, String suffix) {
        ObjectNode o = base();
        o.putObject("grid").put("left", 14).put("right", 14).put("top", 6).put("bottom", 18);
        ObjectNode x = o.putObject("xAxis");
        x.put("type", "value").put("min", 0).put("max", max.doubleValue()).put("splitNumber", 4);
        x.putObject("axisLabel").put("fontSize", 10).put("color", AXIS).put("formatter", "fmt:0:" + suffix);
        x.putObject("splitLine").putObject("lineStyle").put("color", GRID_LINE);
        ObjectNode y = o.putObject("yAxis");
        y.put("type", "category").put("show", false).putArray("data").add("v");
        ArrayNode series = o.putArray("series");
        ObjectNode track = series.addObject();
        track.put("type", "bar").put("barWidth", 14).put("silent", true).put("barGap", "-100%");
        track.putArray("data").add(max.doubleValue());
        track.putObject("itemStyle").put("color", "#eef0f3");
        ObjectNode bar = series.addObject();
        bar.put("type", "bar").put("barWidth", 14).put("barGap", "-100%").put("name", "value");
        ArrayNode data = bar.putArray("data");
        if (value == null) {
            data.addNull();
        } else {
            data.add(value.min(max).doubleValue());
        }
        bar.putObject("itemStyle").put("color", color);
        if (target != null) {
            ObjectNode markLine = bar.putObject("markLine");
            markLine.put("symbol", "none").put("silent", true);
            markLine.putObject("label").put("show", false);
            markLine.putObject("lineStyle").put("color", TARGET).put("width", 3).put("type", "solid");
            markLine.putArray("data").addObject().put("xAxis", target.min(max).doubleValue());
        }
        return o;
    }

    /** A sparkline: the value over the previous periods, no axes, the target as a dashed line. */
    public static ObjectNode sparkline(List<Point> points, BigDecimal target, String color) {
        ObjectNode o = base();
        o.putObject("grid").put("left", 2).put("right", 2).put("top", 4).put("bottom", 4);
        ObjectNode x = o.putObject("xAxis");
        x.put("type", "category").put("show", false).put("boundaryGap", false);
        ArrayNode labels = x.putArray("data");
        ObjectNode y = o.putObject("yAxis");
        y.put("type", "value").put("show", false).put("scale", true);
        ObjectNode line = o.putArray("series").addObject();
        line.put("type", "line").put("symbol", "circle").put("symbolSize", 4).put("connectNulls", true);
        line.putObject("lineStyle").put("color", color).put("width", 2);
        line.putObject("itemStyle").put("color", color);
        ArrayNode data = line.putArray("data");
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (Point p : points) {
            labels.add(p.label());
            if (p.value() == null) {
                data.addNull();
            } else {
                data.add(p.value().doubleValue());
                min = Math.min(min, p.value().doubleValue());
                max = Math.max(max, p.value().doubleValue());
            }
        }
        if (target != null && min != Double.MAX_VALUE) {
            double t = target.doubleValue();
            y.put("min", Math.min(min, t) - 1).put("max", Math.max(max, t) + 1);
            ObjectNode markLine = line.putObject("markLine");
            markLine.put("symbol", "none").put("silent", true);
            markLine.putObject("label").put("show", false);
            markLine.putObject("lineStyle").put("color", "#9aa3ad").put("type", "dashed").put("width", 1);
            markLine.putArray("data").addObject().put("yAxis", t);
        }
        return o;
    }

    /** A trend line by period with axes, value labels and the target as a labelled line. */
    public static ObjectNode trend(List<Point> points, BigDecimal target, String targetLabel, String suffix, int decimals) {
        ObjectNode o = base();
        o.putObject("grid").put("left", 48).put("right", 24).put("top", 28).put("bottom", 28);
        o.putObject("tooltip").put("trigger", "axis").put("valueFormatter", "fmt:" + decimals + ":" + suffix);
        ObjectNode x = o.putObject("xAxis");
        x.put("type", "category");
        x.putObject("axisLabel").put("color", AXIS).put("fontSize", 11);
        ArrayNode labels = x.putArray("data");
        ObjectNode y = o.putObject("yAxis");
        y.put("type", "value").put("scale", true);
        y.putObject("axisLabel").put("color", AXIS).put("formatter", "fmt:0:" + suffix);
        y.putObject("splitLine").putObject("lineStyle").put("color", GRID_LINE);
        ObjectNode line = o.putArray("series").addObject();
        line.put("type", "line").put("name", "value").put("symbol", "circle").put("symbolSize", 7).put("connectNulls", true);
        line.putObject("lineStyle").put("color", PRIMARY).put("width", 3);
        line.putObject("itemStyle").put("color", PRIMARY);
        line.putObject("label").put("show", true).put("position", "top").put("fontSize", 11).put("color", "#1b2a3a")
                .put("formatter", "fmt:" + decimals + ":" + suffix);
        ArrayNode data = line.putArray("data");
        for (Point p : points) {
            labels.add(p.label());
            if (p.value() == null) {
                data.addNull();
            } else {
                data.add(p.value().doubleValue());
            }
        }
        if (target != null) {
            ObjectNode markLine = line.putObject("markLine");
            markLine.put("symbol", "none").put("silent", true);
            markLine.putObject("lineStyle").put("color", TARGET).put("type", "dashed").put("width", 2);
            markLine.putObject("label").put("formatter", targetLabel).put("position", "insideEndTop").put("color", TARGET);
            markLine.putArray("data").addObject().put("yAxis", target.doubleValue());
        }
        return o;
    }

    /**
     * Horizontal bars, one per category (top to bottom in the given order), each in its own colour, value
     * labels at the end, an optional target line.
     */
    public static ObjectNode bars(List<String> categories, List<BigDecimal> values, List<String> colors,
                                  BigDecimal target, String suffix, int decimals) {
        ObjectNode o = base();
        o.putObject("grid").put("left", 8).put("right", 56).put("top", 8).put("bottom", 20).put("containLabel", true);
        ObjectNode x = o.putObject("xAxis");
        x.put("type", "value");
        x.putObject("axisLabel").put("color", AXIS).put("formatter", "fmt:0:" + suffix);
        x.putObject("splitLine").putObject("lineStyle").put("color", GRID_LINE);
        ObjectNode y = o.putObject("yAxis");
        y.put("type", "category").put("inverse", true);
        y.putObject("axisLabel").put("color", "#1b2a3a").put("width", 160).put("overflow", "truncate");
        ArrayNode labels = y.putArray("data");
        categories.forEach(labels::add);
        ObjectNode bar = o.putArray("series").addObject();
        bar.put("type", "bar").put("barMaxWidth", 22);
        bar.putObject("label").put("show", true).put("position", "right").put("color", "#1b2a3a")
                .put("formatter", "fmt:" + decimals + ":" + suffix);
        ArrayNode data = bar.putArray("data");
        for (int i = 0; i < values.size(); i++) {
            ObjectNode d = data.addObject();
            if (values.get(i) == null) {
                d.putNull("value");
            } else {
                d.put("value", values.get(i).doubleValue());
            }
            d.putObject("itemStyle").put("color", colors.get(i));
        }
        if (target != null) {
            ObjectNode markLine = bar.putObject("markLine");
            markLine.put("symbol", "none").put("silent", true);
            markLine.putObject("label").put("show", false);
            markLine.putObject("lineStyle").put("color", TARGET).put("type", "dashed").put("width", 2);
            markLine.putArray("data").addObject().put("xAxis", target.doubleValue());
        }
        return o;
    }

    /** Horizontal stacked bars (several series per category) with a legend. */
    public static ObjectNode stacked(List<String> categories, List<Series> series) {
        ObjectNode o = base();
        o.putObject("grid").put("left", 8).put("right", 24).put("top", 34).put("bottom", 20).put("containLabel", true);
        o.putObject("legend").put("top", 0).put("left", 0).putObject("textStyle").put("color", "#1b2a3a");
        o.putObject("tooltip").put("trigger", "axis").put("valueFormatter", "fmt:0");
        ObjectNode x = o.putObject("xAxis");
        x.put("type", "value").put("minInterval", 1);
        x.putObject("axisLabel").put("color", AXIS).put("formatter", "fmt:0");
        x.putObject("splitLine").putObject("lineStyle").put("color", GRID_LINE);
        ObjectNode y = o.putObject("yAxis");
        y.put("type", "category").put("inverse", true);
        y.putObject("axisLabel").put("color", "#1b2a3a").put("width", 160).put("overflow", "truncate");
        ArrayNode labels = y.putArray("data");
        categories.forEach(labels::add);
        ArrayNode out = o.putArray("series");
        for (Series s : series) {
            ObjectNode bar = out.addObject();
            bar.put("type", "bar").put("name", s.name()).put("barMaxWidth", 22).put("stack", "total");
            bar.putObject("itemStyle").put("color", s.color());
            bar.putObject("label").put("show", true).put("position", "inside").put("color", "#ffffff")
                    .put("formatter", "fmt:0");
            ArrayNode data = bar.putArray("data");
            s.values().forEach(v -> {
                if (v == null || v.signum() == 0) {
                    data.addNull();
                } else {
                    data.add(v.doubleValue());
                }
            });
        }
        return o;
    }

    /** Decision 766 groups: points earned against each group's maximum. */
    public static ObjectNode scoreGroups(List<String> groups, List<BigDecimal> points, List<BigDecimal> max,
                                         String earnedLabel, String maxLabel) {
        ObjectNode o = base();
        o.putObject("grid").put("left", 8).put("right", 40).put("top", 30).put("bottom", 16).put("containLabel", true);
        o.putObject("legend").put("top", 0).put("left", 0);
        ObjectNode x = o.putObject("xAxis");
        x.put("type", "value").put("min", 0);
        x.putObject("axisLabel").put("color", AXIS);
        x.putObject("splitLine").putObject("lineStyle").put("color", GRID_LINE);
        ObjectNode y = o.putObject("yAxis");
        y.put("type", "category").put("inverse", true);
        y.putObject("axisLabel").put("color", "#1b2a3a");
        ArrayNode labels = y.putArray("data");
        groups.forEach(labels::add);
        ArrayNode series = o.putArray("series");
        ObjectNode maxBar = series.addObject();
        maxBar.put("type", "bar").put("name", maxLabel).put("barGap", "-100%").put("barMaxWidth", 18).put("silent", true);
        maxBar.putObject("itemStyle").put("color", "#e3e7ec");
        ArrayNode md = maxBar.putArray("data");
        max.forEach(v -> md.add(v == null ? 0 : v.doubleValue()));
        ObjectNode earned = series.addObject();
        earned.put("type", "bar").put("name", earnedLabel).put("barGap", "-100%").put("barMaxWidth", 18);
        earned.putObject("itemStyle").put("color", PRIMARY);
        earned.putObject("label").put("show", true).put("position", "right").put("color", "#1b2a3a")
                .put("formatter", "fmt:2");
        ArrayNode ed = earned.putArray("data");
        points.forEach(v -> {
            if (v == null) {
                ed.addNull();
            } else {
                ed.add(v.doubleValue());
            }
        });
        return o;
    }
}
