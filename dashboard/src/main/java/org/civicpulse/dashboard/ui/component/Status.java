package org.civicpulse.dashboard.ui.component;

import java.util.Locale;

/**
 * How a KPI status looks: a colour that passes WCAG AA on white (text and chart), a symbol, and the words
 * (i18n key {@code status.<NAME>}) — the UI never tells a status by colour alone.
 */
public enum Status {
    MET("#17693a", "#e3f3e8", "✓"),
    ON_TRACK("#1f5f8b", "#e2eef7", "↗"),
    AT_RISK("#8a4b00", "#fdf0dc", "!"),
    MISSED("#b3261e", "#fbe5e3", "✕"),
    NO_DATA("#5b6675", "#eef0f3", "–"),
    NO_TARGET("#4b5563", "#eef0f3", "•");

    private final String color;
    private final String background;
    private final String symbol;

    Status(String color, String background, String symbol) {
        this.color = color;
        this.background = background;
        this.symbol = symbol;
    }

    public String color() {
        return color;
    }

    public String background() {
        return background;
    }

    public String symbol() {
        return symbol;
    }

    public String key() {
        return "status." + name();
    }

    /** The style of a status as the API spells it; NO_DATA for null or unknown. */
    public static Status of(String status) {
        if (status == null) {
            return NO_DATA;
        }
        try {
            return valueOf(status.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return NO_DATA;
        }
    }
}
