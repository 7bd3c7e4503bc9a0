package org.civicpulse.dashboard.filter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.vaadin.flow.router.QueryParameters;

/**
 * The state of a view as it stands in the URL's query string, so that a view can be bookmarked, shared and
 * reloaded: {@code ?period=2026-M11&unit=01&field=…&procedure=…} plus the view-specific {@code rank} (the KPI
 * the overview ranks units by) and the drill-through's {@code part}, {@code channel} and {@code status}.
 * Raw text, as typed: {@link ViewContexts} validates and scopes it. Blank means "not set".
 */
public record ViewState(String period, String unit, String field, String procedure, String rank, String part,
                        String channel, String status) {

    /** The query parameters, in the order they are written. */
    public static final List<String> KEYS = List.of("period", "unit", "field", "procedure", "rank", "part", "channel",
            "status");
    private static final int MAX_LENGTH = 200;

    public static final ViewState EMPTY = new ViewState(null, null, null, null, null, null, null, null);

    public ViewState {
        period = clean(period);
        unit = clean(unit);
        field = clean(field);
        procedure = clean(procedure);
        rank = clean(rank);
        part = clean(part);
        channel = clean(channel);
        status = clean(status);
    }

    private static String clean(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        String t = s.strip();
        return t.length() > MAX_LENGTH ? t.substring(0, MAX_LENGTH) : t;
    }

    /** The state of a URL's query parameters (the first value of each). */
    public static ViewState of(QueryParameters q) {
        Map<String, List<String>> p = q == null ? Map.of() : q.getParameters();
        return new ViewState(first(p, "period"), first(p, "unit"), first(p, "field"), first(p, "procedure"),
                first(p, "rank"), first(p, "part"), first(p, "channel"), first(p, "status"));
    }

    private static String first(Map<String, List<String>> p, String key) {
        List<String> v = p.get(key);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** The query parameters of this state (unset ones left out). */
    public QueryParameters query() {
        Map<String, String> m = new LinkedHashMap<>();
        put(m, "period", period);
        put(m, "unit", unit);
        put(m, "field", field);
        put(m, "procedure", procedure);
        put(m, "rank", rank);
        put(m, "part", part);
        put(m, "channel", channel);
        put(m, "status", status);
        return QueryParameters.simple(m);
    }

    /** Only the filters every view shares (period, unit, field, procedure): what navigation carries along. */
    public ViewState shared() {
        return new ViewState(period, unit, field, procedure, null, null, null, null);
    }

    private static void put(Map<String, String> m, String k, String v) {
        if (v != null) {
            m.put(k, v);
        }
    }

    public ViewState withPeriod(String v) {
        return new ViewState(v, unit, field, procedure, rank, part, channel, status);
    }

    public ViewState withUnit(String v) {
        return new ViewState(period, v, field, procedure, rank, part, channel, status);
    }

    public ViewState withField(String v) {
        return new ViewState(period, unit, v, null, rank, part, channel, status);
    }

    public ViewState withProcedure(String v) {
        return new ViewState(period, unit, field, v, rank, part, channel, status);
    }

    public ViewState withRank(String v) {
        return new ViewState(period, unit, field, procedure, v, part, channel, status);
    }

    public ViewState withPart(String v) {
        return new ViewState(period, unit, field, procedure, rank, v, channel, status);
    }

    public ViewState withChannel(String v) {
        return new ViewState(period, unit, field, procedure, rank, part, v, status);
    }

    public ViewState withStatus(String v) {
        return new ViewState(period, unit, field, procedure, rank, part, channel, v);
    }
}
