package org.civicpulse.dashboard.ui.component;

import java.io.ByteArrayInputStream;
import java.util.function.Supplier;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;

/**
 * "Tải CSV · Tải XLSX" links for one table: the file is made when the link is followed (a Vaadin
 * {@link DownloadHandler}), from the same rows the table shows.
 */
public class ExportLinks extends Span {

    public static final String CSV = "text/csv;charset=UTF-8";
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /** A file made on request. */
    public record File(String name, String contentType, byte[] bytes) {
    }

    /**
     * @param idPrefix element ids {@code <idPrefix>-csv} and {@code <idPrefix>-xlsx}
     */
    public ExportLinks(String idPrefix, String label, Supplier<File> csv, Supplier<File> xlsx) {
        addClassName("cp-export");
        Span text = new Span(label);
        text.addClassName("cp-export-label");
        add(text, link(idPrefix + "-csv", "CSV", csv), link(idPrefix + "-xlsx", "XLSX", xlsx));
    }

    private static Anchor link(String id, String text, Supplier<File> file) {
        DownloadHandler handler = DownloadHandler.fromInputStream(event -> {
            File f = file.get();
            return new DownloadResponse(new ByteArrayInputStream(f.bytes()), f.name(), f.contentType(), f.bytes().length);
        });
        Anchor a = new Anchor(handler, AttachmentType.DOWNLOAD, text);
        a.setId(id);
        a.addClassName("cp-export-link");
        a.getElement().setAttribute("aria-label", text + " (" + id + ")");
        return a;
    }
}
