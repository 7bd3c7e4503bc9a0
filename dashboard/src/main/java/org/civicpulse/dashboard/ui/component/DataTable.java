package org.civicpulse.dashboard.ui.component;

import java.util.List;
import java.util.Map;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.dom.Element;

/**
 * A plain, accessible HTML table (caption, header cells with scope, numeric cells right-aligned) in a
 * horizontally scrolling wrapper: small tables that must print well and be read by tests and screen readers
 * alike. Rows carry {@code data-*} attributes with the raw figures.
 */
public class DataTable extends Div {

    /** A header cell; {@code numeric} right-aligns the column. */
    public record Header(String text, boolean numeric) {
    }

    private final Element tbody = new Element("tbody");
    private final List<Header> headers;

    public DataTable(String id, String caption, List<Header> headers) {
        addClassName("cp-table-wrap");
        this.headers = headers;
        Element table = new Element("table");
        table.getClassList().add("cp-table");
        table.setAttribute("id", id);
        if (caption != null) {
            Element c = new Element("caption");
            c.setText(caption);
            c.getClassList().add("cp-sr-only");
            table.appendChild(c);
        }
        Element thead = new Element("thead");
        Element tr = new Element("tr");
        for (Header h : headers) {
            Element th = new Element("th");
            th.setAttribute("scope", "col");
            th.setText(h.text());
            if (h.numeric()) {
                th.getClassList().add("num");
            }
            tr.appendChild(th);
        }
        thead.appendChild(tr);
        table.appendChild(thead, tbody);
        getElement().appendChild(table);
    }

    /**
     * Adds a row. A cell is a String (text) or a Component.
     *
     * @param data {@code data-*} attributes of the row (key without the prefix)
     */
    public Element addRow(Map<String, String> data, List<Object> cells) {
        Element tr = new Element("tr");
        data.forEach((k, v) -> {
            if (v != null) {
                tr.setAttribute("data-" + k, v);
            }
        });
        for (int i = 0; i < cells.size(); i++) {
            Element td = new Element(i == 0 ? "th" : "td");
            if (i == 0) {
                td.setAttribute("scope", "row");
            }
            if (i < headers.size() && headers.get(i).numeric()) {
                td.getClassList().add("num");
            }
            Object cell = cells.get(i);
            if (cell instanceof Component c) {
                td.appendChild(c.getElement());
            } else {
                td.setText(cell == null ? "" : cell.toString());
            }
            tr.appendChild(td);
        }
        tbody.appendChild(tr);
        return tr;
    }

    /** A row spanning every column with a message (no data). */
    public void addMessage(String text) {
        Element tr = new Element("tr");
        Element td = new Element("td");
        td.setAttribute("colspan", String.valueOf(headers.size()));
        td.getClassList().add("cp-table-empty");
        td.setText(text);
        tr.appendChild(td);
        tbody.appendChild(tr);
    }
}
