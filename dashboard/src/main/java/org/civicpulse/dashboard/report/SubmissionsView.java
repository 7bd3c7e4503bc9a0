package org.civicpulse.dashboard.report;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;

import jakarta.annotation.security.PermitAll;

import org.civicpulse.dashboard.security.CivicUser;
import org.civicpulse.dashboard.ui.MainLayout;
import org.civicpulse.domain.kpi.RegimeIndicator;
import org.civicpulse.reporting.report.ReportForm;
import org.civicpulse.reporting.report.ReportKey;
import org.civicpulse.reporting.report.ReportState;
import org.civicpulse.reporting.report.ReportText;
import org.civicpulse.reporting.report.SubmissionWorkflow;
import org.civicpulse.reporting.report.WorkflowException;

/**
 * The reports my units owe: state, deadline, reminders and overdue flags; the form of a report, pre-filled with
 * the event-derived figures (a changed figure needs a reason), saved as a draft or submitted; approve or return
 * for approvers of the parent unit. Every step is an event posted to the ingestion API; refusals say why.
 */
@Route(value = "submissions", layout = MainLayout.class)
@PageTitle("Nộp báo cáo · CivicPulse")
@PermitAll
@StyleSheet("context://styles/reports.css")
public class SubmissionsView extends Div {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm").withZone(ZoneId.of("Asia/Ho_Chi_Minh"));

    private final ReportService service;
    private final CivicUser user;
    private final TextField period = new TextField("Kỳ báo cáo");
    private final Grid<SubmissionWorkflow.Item> grid = new Grid<>();
    private final Div reminders = new Div();
    private final Div formCard = new Div();

    public SubmissionsView(ReportService service, AuthenticationContext authentication) {
        this.service = service;
        this.user = authentication.getAuthenticatedUser(CivicUser.class).orElseThrow();
        addClassNames("cp-page", "cp-submissions");
        setId("submissions-view");
        Div head = new Div(new H1("Nộp báo cáo định kỳ"), new Paragraph("Báo cáo các đơn vị của bạn phải nộp: biểu mẫu "
                + "điền sẵn số liệu từ hệ thống, thay đổi số liệu điền sẵn cần nêu lý do; báo cáo do lãnh đạo đơn vị cấp "
                + "trên phê duyệt, đã phê duyệt thì khóa số liệu."));
        head.addClassName("cp-view-head");
        add(head);

        period.setValue(service.defaultPeriod(service.regimes().submissionRegimes().get(0)));
        period.setId("submissions-period");
        period.setHelperText("Tháng (2026-M11), quý (2026-Q4) hoặc năm (2026-Y)");
        Button show = new Button("Xem", e -> refresh());
        show.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        show.setId("submissions-show");
        HorizontalLayout filters = new HorizontalLayout(period, show);
        filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        filters.addClassName("cp-filters");
        add(filters);

        reminders.addClassNames("cp-card", "cp-section", "cp-reminder");
        reminders.setId("submissions-reminders");
        add(reminders);

        grid.setId("submissions-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.addColumn(i -> i.unitName() + " (" + i.report().unit() + ")").setHeader("Đơn vị").setFlexGrow(1);
        grid.addColumn(i -> i.report().regime().id()).setHeader("Chế độ").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(i -> i.report().period().code()).setHeader("Kỳ").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(i -> DATE.format(i.report().deadline())).setHeader("Hạn nộp").setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(i -> badge("cp-state-" + i.state().status(), state(i.state().status())))
                .setHeader("Trạng thái").setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(i -> badge("cp-flag cp-flag-" + i.flag(), flag(i))).setHeader("Thời hạn")
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(i -> i.state().firstSubmitted() == null ? "–" : TIME.format(i.state().firstSubmitted()))
                .setHeader("Nộp lần đầu").setAutoWidth(true).setFlexGrow(0);
        grid.setWidthFull();
        grid.setHeight("360px");
        grid.asSingleSelect().addValueChangeListener(e -> {
            if (e.getValue() != null) {
                open(e.getValue().report().key());
            }
        });
        Div gridCard = new Div(grid);
        gridCard.addClassNames("cp-card", "cp-section");
        formCard.addClassNames("cp-card", "cp-section");
        formCard.setId("submission-form");
        formCard.setVisible(false);
        add(gridCard, formCard);
        refresh();
    }

    private void refresh() {
        List<SubmissionWorkflow.Item> items;
        try {
            items = service.submissions(user, period.getValue());
        } catch (IllegalArgumentException e) {
            notify(e.getMessage(), true);
            return;
        }
        grid.setItems(items);
        reminders.removeAll();
        List<SubmissionWorkflow.Item> due = items.stream().filter(i -> i.flag() == SubmissionWorkflow.Flag.DUE_SOON
                || i.flag() == SubmissionWorkflow.Flag.OVERDUE).toList();
        reminders.setVisible(!due.isEmpty());
        if (!due.isEmpty()) {
            reminders.add(new H2("Nhắc việc"));
            UnorderedList list = new UnorderedList();
            for (SubmissionWorkflow.Item i : due) {
                list.add(new ListItem(ReportText.nfc(i.unitName() + " — " + i.report().regime().id() + " kỳ "
                        + i.report().period().code() + ": " + flag(i) + " (hạn " + DATE.format(i.report().deadline()) + ")")));
            }
            reminders.add(list);
        }
    }

    private void open(ReportKey key) {
        formCard.removeAll();
        ReportForm form;
        try {
            form = service.form(user, key);
        } catch (WorkflowException e) {
            notify(e.getMessage(), true);
            formCard.setVisible(false);
            return;
        }
        formCard.setVisible(true);
        formCard.add(new H2(ReportText.nfc(form.unitName() + " — " + key.regime() + " kỳ " + form.expected().period().code())));
        Paragraph meta = new Paragraph(ReportText.nfc("Hạn nộp " + DATE.format(form.expected().deadline())
                + " · trạng thái: " + state(form.state().status())
                + (form.draftSavedAt() == null ? "" : " · bản nháp lưu lúc " + TIME.format(form.draftSavedAt()) + " bởi " + form.draftSavedBy())));
        meta.addClassName("cp-note");
        formCard.add(meta);
        if (form.notEditableBecause() != null && user.hasRole(org.civicpulse.dashboard.security.Role.UNIT_OFFICER)) {
            Paragraph why = new Paragraph("Không sửa được: " + form.notEditableBecause());
            why.addClassName("cp-note");
            why.setId("form-locked");
            formCard.add(why);
        }

        Div fields = new Div();
        fields.addClassName("cp-form-grid");
        for (String h : List.of("Mã", "Chỉ tiêu", "Tử số", "Mẫu số", "Kết quả", "Lý do thay đổi")) {
            Span s = new Span(h);
            s.addClassName("cp-form-head");
            fields.add(s);
        }
        Map<String, TextField> inputs = new LinkedHashMap<>();
        for (ReportForm.Field f : form.fields()) {
            Span code = new Span(f.kpi());
            code.addClassName("cp-form-kpi");
            Div name = new Div(new Span(f.name()));
            Span origin = new Span(switch (f.origin()) {
                case SUBMITTED -> "Đơn vị nhập (bắt buộc)";
                case EVENT -> "Điền sẵn từ dữ liệu sự kiện";
                case CATALOGUE -> "Điền sẵn từ danh mục thủ tục";
            } + (f.prefilledNumerator() != null && f.origin() != RegimeIndicator.Origin.SUBMITTED
                    ? " · hệ thống: " + plain(f.prefilledNumerator()) + "/" + plain(f.prefilledDenominator()) : ""));
            origin.addClassName("cp-form-origin");
            name.add(new Div(origin));
            TextField n = field(f.numeratorKey(), f.numerator(), form.editable() && f.input());
            TextField d = field(f.denominatorKey(), f.denominator(), form.editable() && f.input());
            Span value = new Span(f.prefilledValue() == null ? "–" : ReportText.value(f.prefilledValue(), f.measure()));
            TextField reason = new TextField();
            reason.setId("field-" + f.reasonKey());
            reason.setWidthFull();
            reason.setValue(f.reason() == null ? "" : f.reason());
            reason.setPlaceholder(f.required() ? "" : "bắt buộc khi thay đổi");
            reason.setEnabled(form.editable() && f.input() && !f.required());
            inputs.put(f.numeratorKey(), n);
            inputs.put(f.denominatorKey(), d);
            inputs.put(f.reasonKey(), reason);
            fields.add(code, name, n, d, value, reason);
        }
        formCard.add(fields);

        HorizontalLayout actions = new HorizontalLayout();
        actions.addClassName("cp-section");
        if (form.editable()) {
            Button draft = new Button("Lưu nháp", e -> step(key, () -> {
                service.saveDraft(user, key, values(inputs));
                return "Đã lưu bản nháp.";
            }, inputs));
            draft.setId("form-draft");
            Button submit = new Button("Nộp báo cáo", e -> step(key, () -> {
                var a = service.submit(user, key, values(inputs));
                return "Đã nộp báo cáo (sự kiện " + a.id() + ").";
            }, inputs));
            submit.setId("form-submit");
            submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            actions.add(draft, submit);
        }
        if (form.approvable()) {
            TextArea comment = new TextArea("Ý kiến");
            comment.setId("form-comment");
            comment.setWidth("28em");
            Button approve = new Button("Phê duyệt", e -> step(key, () -> {
                service.approve(user, key, comment.getValue());
                return "Đã phê duyệt; số liệu được khóa.";
            }, inputs));
            approve.setId("form-approve");
            approve.addThemeVariants(ButtonVariant.LUMO_SUCCESS, ButtonVariant.LUMO_PRIMARY);
            Button ret = new Button("Trả lại", e -> step(key, () -> {
                service.returnReport(user, key, comment.getValue());
                return "Đã trả lại báo cáo cho đơn vị.";
            }, inputs));
            ret.setId("form-return");
            ret.addThemeVariants(ButtonVariant.LUMO_ERROR);
            actions.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.END);
            actions.add(comment, approve, ret);
        }
        formCard.add(actions);

        if (!form.state().steps().isEmpty()) {
            formCard.add(new H2("Lịch sử"));
            UnorderedList history = new UnorderedList();
            history.addClassName("cp-history");
            for (ReportState.Step s : form.state().steps()) {
                ListItem li = new ListItem(ReportText.nfc(TIME.format(s.action().occurredAt()) + " · "
                        + action(s.action().action()) + " · " + s.action().by()
                        + (s.action().comment().isBlank() ? "" : " · “" + s.action().comment() + "”")
                        + (s.accepted() ? "" : " · " + s.note())));
                if (!s.accepted()) {
                    li.addClassName("cp-ignored");
                }
                history.add(li);
            }
            formCard.add(history);
        }
    }

    private interface Step {
        String run();
    }

    private void step(ReportKey key, Step step, Map<String, TextField> inputs) {
        inputs.values().forEach(f -> f.setInvalid(false));
        try {
            notify(step.run(), false);
            refresh();
            open(key);
        } catch (WorkflowException e) {
            e.fieldErrors().forEach((k, msg) -> {
                TextField f = inputs.get(k);
                if (f != null) {
                    f.setErrorMessage(msg);
                    f.setInvalid(true);
                }
            });
            notify(e.getMessage(), true);
        } catch (IngestionClient.IngestionException e) {
            notify("Chưa gửi được: " + e.getMessage(), true);
        }
    }

    private static Map<String, String> values(Map<String, TextField> inputs) {
        Map<String, String> out = new HashMap<>();
        inputs.forEach((k, f) -> out.put(k, f.getValue()));
        return out;
    }

    private static TextField field(String key, BigDecimal value, boolean enabled) {
        TextField t = new TextField();
        t.setId("field-" + key);
        t.setWidthFull();
        t.setValue(value == null ? "" : plain(value));
        t.setEnabled(enabled);
        t.setAllowedCharPattern("[0-9.,]");
        return t;
    }

    private static String plain(BigDecimal v) {
        return v == null ? "" : v.stripTrailingZeros().toPlainString();
    }

    private static Span badge(String classes, String text) {
        Span s = new Span(text);
        for (String c : classes.split(" ")) {
            s.addClassName(c);
        }
        return s;
    }

    static String state(ReportState.Status s) {
        return switch (s) {
            case DRAFT -> "Chưa nộp";
            case SUBMITTED -> "Chờ phê duyệt";
            case RETURNED -> "Bị trả lại";
            case APPROVED -> "Đã phê duyệt";
        };
    }

    static String flag(SubmissionWorkflow.Item i) {
        return switch (i.flag()) {
            case ON_TIME -> "Đúng hạn";
            case LATE -> "Nộp muộn";
            case DUE -> "Còn " + i.workingDaysLeft() + " ngày làm việc";
            case DUE_SOON -> i.workingDaysLeft() == 0 ? "Hạn chót hôm nay" : "Sắp đến hạn: còn " + i.workingDaysLeft() + " ngày làm việc";
            case OVERDUE -> "Quá hạn " + (-i.workingDaysLeft()) + " ngày làm việc";
        };
    }

    private static String action(org.civicpulse.reporting.report.ActionRow.Action a) {
        return switch (a) {
            case SUBMITTED -> "Nộp";
            case APPROVED -> "Phê duyệt";
            case RETURNED -> "Trả lại";
        };
    }

    private static void notify(String message, boolean error) {
        Notification n = Notification.show(message, 6000, Notification.Position.TOP_CENTER);
        n.addThemeVariants(error ? NotificationVariant.LUMO_ERROR : NotificationVariant.LUMO_SUCCESS);
    }
}
