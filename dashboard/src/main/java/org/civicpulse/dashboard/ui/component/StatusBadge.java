package org.civicpulse.dashboard.ui.component;

import com.vaadin.flow.component.html.Span;

/** A KPI status in colour, symbol and words (never colour alone). */
public class StatusBadge extends Span {

    public StatusBadge(String status, String words) {
        Status s = Status.of(status);
        addClassNames("cp-badge", "cp-badge-" + s.name());
        getElement().setAttribute("data-status", s.name());
        Span symbol = new Span(s.symbol());
        symbol.addClassName("cp-badge-symbol");
        symbol.getElement().setAttribute("aria-hidden", "true");
        Span text = new Span(words);
        text.addClassName("cp-badge-text");
        add(symbol, text);
    }
}
