package org.civicpulse.dashboard.ui.component;

import java.util.List;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Nav;
import com.vaadin.flow.component.html.OrderedList;
import com.vaadin.flow.component.html.Span;

/** A breadcrumb trail ({@code <nav aria-label><ol>}): links up the path, the last entry the current page. */
public class Breadcrumb extends Nav {

    public Breadcrumb(String id, String ariaLabel, List<Component> links, String current) {
        setId(id);
        addClassName("cp-breadcrumb");
        getElement().setAttribute("aria-label", ariaLabel);
        OrderedList ol = new OrderedList();
        for (Component link : links) {
            ol.add(new ListItem(link));
        }
        Span here = new Span(current);
        here.getElement().setAttribute("aria-current", "page");
        here.addClassName("cp-breadcrumb-current");
        ol.add(new ListItem(here));
        add(ol);
    }
}
