package org.civicpulse.dashboard.report;

import java.io.ByteArrayInputStream;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.IFrame;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import com.vaadin.flow.spring.security.AuthenticationContext;

import jakarta.annotation.security.PermitAll;

import org.civicpulse.dashboard.security.CivicUser;
import org.civicpulse.dashboard.security.Role;
import org.civicpulse.dashboard.ui.MainLayout;
import org.civicpulse.domain.kpi.ReportRegime;
import org.civicpulse.reporting.report.ArchivedFile;
import org.civicpulse.reporting.report.ReportKey;
import org.civicpulse.reporting.report.ReportScheduler;
import org.civicpulse.reporting.report.ReportText;

/**
 * The report archive: every generated report version the user may read (scoped to the user's units), filtered by
 * regime, period and unit; a PDF preview in an iframe; PDF and XLSX downloads; "generate now" for ADMIN.
 */
@Route(value = "reports", layout = MainLayout.class)
@PageTitle("Báo cáo định kỳ · CivicPulse")
@PermitAll
@StyleSheet("context://styles/reports.css")
public class ReportsView extends Div {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm").withZone(ZoneId.of("Asia/Ho_Chi_Minh"));

    private final ReportService service;
    private final CivicUser user;
    private final Select<String> regime = new Select<>();
    private final TextField period = new TextField("Kỳ báo cáo");
    private final TextField unit = new TextField("Đơn vị (mã)");
    private final Grid<Version> grid = new Grid<>();
    private final IFrame preview = new IFrame();
    private final Span previewTitle = new Span("Chọn một báo cáo để xem trước.");

    /** One version of one report: its PDF and XLSX. */
    record Version(ReportKey key, String unitName, int version, String docNumber, java.time.Instant generatedAt,
                   String generatedBy, ArchivedFile.Trigger trigger, ArchivedFile pdf, ArchivedFile xlsx) {
    }

    public ReportsView(ReportService service, AuthenticationContext authentication) {
        this.service = service;
        this.user = authentication.getAuthenticatedUser(CivicUser.class).orElseThrow();
        addClassNames("cp-page", "cp-reports");
        setId("reports-view");

        Div head = new Div(new H1("Báo cáo định kỳ"), new Paragraph("Các báo cáo hệ thống tự lập khi kết thúc kỳ báo cáo "
                + "(Nghị định 09/2019/NĐ-CP), lưu trữ theo phiên bản; số liệu lấy từ cùng bộ tính chỉ số với bảng điều khiển."));
        head.addClassName("cp-view-head");
        add(head);

        List<String> regimes = new ArrayList<>();
        regimes.add("");
        service.regimes().all().forEach(r -> regimes.add(r.id()));
        regime.setLabel("Chế độ báo cáo");
        regime.setItems(regimes);
        regime.setItemLabelGenerator(id -> id.isEmpty() ? "Tất cả" : id + " — " + service.regimes().get(id).name().vi());
        regime.setValue("");
        regime.setId("filter-regime");
        regime.setWidth("26em");
        period.setPlaceholder("2026-M11");
        period.setClearButtonVisible(true);
        period.setId("filter-period");
        unit.setClearButtonVisible(true);
        unit.setId("filter-unit");
        Button filter = new Button("Lọc", e -> refresh());
        filter.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        filter.setId("filter-apply");
        HorizontalLayout filters = new HorizontalLayout(regime, period, unit, filter);
        filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        filters.addClassName("cp-filters");
        add(filters);

        if (user.hasRole(Role.ADMIN)) {
            add(generateBar());
        }

        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.setId("reports-grid");
        grid.addColumn(v -> v.key().period()).setHeader("Kỳ").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(v -> v.key().regime()).setHeader("Chế độ").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(v -> v.unitName() + " (" + v.key().unit() + ")").setHeader("Đơn vị").setFlexGrow(1)
                .setWidth("14em");
        grid.addColumn(Version::docNumber).setHeader("Số").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(Version::version).setHeader("Phiên bản").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(v -> TIME.format(v.generatedAt())).setHeader("Lập lúc").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(v -> v.trigger() == ArchivedFile.Trigger.SCHEDULE ? "Tự động" : "Yêu cầu: " + v.generatedBy())
                .setHeader("Cách lập").setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(this::downloads).setHeader("Tải về").setAutoWidth(true).setFlexGrow(0);
        grid.setWidthFull();
        grid.setAllRowsVisible(false);
        grid.setHeight("420px");
        grid.asSingleSelect().addValueChangeListener(e -> show(e.getValue()));

        preview.setId("report-preview");
        preview.addClassName("cp-report-preview");
        preview.setVisible(false);
        previewTitle.addClassName("cp-note");
        Div previewCard = new Div(new H2("Xem trước"), previewTitle, preview);
        previewCard.addClassNames("cp-card", "cp-section");

        Div gridCard = new Div(grid);
        gridCard.addClassNames("cp-card", "cp-section");
        add(gridCard, previewCard);
        refresh();
    }

    private Div generateBar() {
        Select<String> r = new Select<>();
        r.setLabel("Chế độ báo cáo");
        List<String> ids = service.regimes().all().stream().map(ReportRegime::id).toList();
        r.setItems(ids);
        r.setValue(ids.get(0));
        r.setId("generate-regime");
        TextField p = new TextField("Kỳ");
        p.setValue(service.defaultPeriod(service.regimes().get(ids.get(0))));
        p.setId("generate-period");
        r.addValueChangeListener(e -> p.setValue(service.defaultPeriod(service.regimes().get(e.getValue()))));
        Button go = new Button("Lập báo cáo ngay", e -> {
            try {
                ReportScheduler.Outcome o = service.generateNow(user, r.getValue(), p.getValue());
                if (o.error() != null) {
                    notify("Lập báo cáo thất bại: " + o.error(), true);
                } else {
                    notify("Đã lập " + o.reports() + " báo cáo " + o.regime() + " kỳ " + o.period()
                            + " (phiên bản mới; đã gửi thư tới nơi nhận).", false);
                }
                regime.setValue(o.regime());
                period.setValue(o.period());
                refresh();
            } catch (RuntimeException ex) {
                notify(ex.getMessage(), true);
            }
        });
        go.setId("generate-now");
        go.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_CONTRAST);
        HorizontalLayout bar = new HorizontalLayout(r, p, go);
        bar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        Div card = new Div(new H2("Lập báo cáo theo yêu cầu (quản trị)"), bar);
        card.addClassNames("cp-card", "cp-section");
        return card;
    }

    private void refresh() {
        List<ArchivedFile> files;
        try {
            files = service.archive(user, regime.getValue(), period.getValue(), unit.getValue(), 2000);
        } catch (IllegalArgumentException e) {
            notify(e.getMessage(), true);
            return;
        }
        Map<String, Version> versions = new LinkedHashMap<>();
        for (ArchivedFile f : files) {
            String k = f.key() + "#" + f.version();
            Version v = versions.get(k);
            ArchivedFile pdf = f.format() == ArchivedFile.Format.PDF ? f : v == null ? null : v.pdf();
            ArchivedFile xlsx = f.format() == ArchivedFile.Format.XLSX ? f : v == null ? null : v.xlsx();
            versions.put(k, new Version(f.key(), f.unitName(), f.version(), f.docNumber(), f.generatedAt(),
                    f.generatedBy(), f.trigger(), pdf, xlsx));
        }
        grid.setItems(versions.values());
    }

    private HorizontalLayout downloads(Version v) {
        HorizontalLayout h = new HorizontalLayout();
        h.setSpacing(true);
        if (v.pdf() != null) {
            h.add(link(v.pdf(), "PDF"));
        }
        if (v.xlsx() != null) {
            h.add(link(v.xlsx(), "XLSX"));
        }
        return h;
    }

    private Anchor link(ArchivedFile f, String label) {
        Anchor a = new Anchor(handler(f, false), AttachmentType.DOWNLOAD, label);
        a.addClassName("cp-export-link");
        a.getElement().setAttribute("title", f.fileName() + " · SHA-256 " + f.sha256());
        return a;
    }

    private DownloadHandler handler(ArchivedFile f, boolean inline) {
        var h = DownloadHandler.fromInputStream(event -> {
            Optional<ReportService.Download> d = service.download(user, f.id());
            byte[] bytes = d.orElseThrow().bytes();
            return new DownloadResponse(new ByteArrayInputStream(bytes), f.fileName(), f.format().mediaType(), bytes.length);
        });
        return inline ? h.inline() : h;
    }

    private void show(Version v) {
        if (v == null || v.pdf() == null) {
            preview.setVisible(false);
            previewTitle.setText("Chọn một báo cáo để xem trước.");
            return;
        }
        previewTitle.setText(ReportText.nfc("Số " + v.docNumber() + " · " + v.unitName() + " · kỳ " + v.key().period()
                + " · phiên bản " + v.version()));
        preview.setSrc(handler(v.pdf(), true));
        preview.setVisible(true);
    }

    private static void notify(String message, boolean error) {
        Notification n = Notification.show(message, 6000, Notification.Position.TOP_CENTER);
        n.addThemeVariants(error ? NotificationVariant.LUMO_ERROR : NotificationVariant.LUMO_SUCCESS);
    }
}
