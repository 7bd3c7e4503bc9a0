package org.civicpulse.dashboard.ui.component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.data.renderer.LitRenderer;

import org.civicpulse.dashboard.catalog.ProcedureCatalog;
import org.civicpulse.dashboard.filter.ViewContext;
import org.civicpulse.dashboard.filter.ViewContexts;
import org.civicpulse.dashboard.filter.ViewState;
import org.civicpulse.dashboard.i18n.Translations;
import org.civicpulse.dashboard.ui.Formats;
import org.civicpulse.domain.calendar.PeriodCode;
import org.civicpulse.domain.calendar.ReportingPeriod;
import org.civicpulse.domain.calendar.ReportingPeriod.Kind;

/**
 * The filters every panel of a view follows: period (Decree 09 periods, calendar months, a custom date range),
 * unit (only units within the user's scope, as a tree), field and procedure. It only composes inputs: a change
 * hands the new {@link ViewState} to the view, which navigates to it (the state lives in the URL).
 */
public class FilterBar extends Div {

    /** Which filters a view shows. */
    public enum Filter { PERIOD, UNIT, FIELD, PROCEDURE }

    private static final int RECENT = 24;

    public FilterBar(ViewContext c, ViewContexts contexts, Set<Filter> shown, Consumer<ViewState> onChange) {
        addClassName("cp-filters");
        setId("filters");
        getElement().setAttribute("role", "search");
        Locale locale = getLocale();
        ViewState state = c.state();

        if (shown.contains(Filter.PERIOD)) {
            Select<Kind> kind = new Select<>();
            kind.setId("filter-period-kind");
            kind.setLabel(getTranslation("filter.periodKind"));
            kind.setItems(Kind.MONTH, Kind.QUARTER, Kind.HALF_YEAR, Kind.NINE_MONTHS, Kind.YEAR, Kind.CALENDAR_MONTH,
                    Kind.RANGE);
            kind.setItemLabelGenerator(k -> getTranslation("period.kind." + k.name()));
            kind.setValue(c.period().kind());
            kind.addClassName("cp-filter-kind");

            ComboBox<String> period = new ComboBox<>(getTranslation("filter.period"));
            period.setId("filter-period");
            period.addClassName("cp-filter-period");
            DatePicker from = datePicker("filter-from", getTranslation("filter.from"), locale);
            DatePicker to = datePicker("filter-to", getTranslation("filter.to"), locale);
            Button apply = new Button(getTranslation("filter.apply"));
            apply.setId("filter-range-apply");
            apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            apply.addClassName("cp-filter-apply");

            Runnable showKind = () -> {
                boolean range = kind.getValue() == Kind.RANGE;
                period.setVisible(!range);
                from.setVisible(range);
                to.setVisible(range);
                apply.setVisible(range);
                if (!range) {
                    List<ReportingPeriod> options = contexts.recentPeriods(kind.getValue(), RECENT);
                    List<String> codes = new ArrayList<>(options.stream().map(ReportingPeriod::code).toList());
                    if (c.period().kind() == kind.getValue() && !codes.contains(c.period().code())) {
                        codes.add(0, c.period().code());
                    }
                    period.setItems(codes);
                    period.setItemLabelGenerator(code -> periodLabel(contexts, code, locale));
                    period.setValue(codes.contains(c.period().code()) ? c.period().code() : null);
                }
            };
            if (c.period().kind() == Kind.RANGE) {
                from.setValue(c.period().start());
                to.setValue(c.period().endInclusive());
            }
            showKind.run();
            kind.addValueChangeListener(e -> {
                if (e.isFromClient()) {
                    showKind.run();
                    if (kind.getValue() != Kind.RANGE && period.getValue() == null) {
                        List<ReportingPeriod> options = contexts.recentPeriods(kind.getValue(), 1);
                        onChange.accept(state.withPeriod(options.get(0).code()));
                    }
                }
            });
            period.addValueChangeListener(e -> {
                if (e.isFromClient() && e.getValue() != null) {
                    onChange.accept(state.withPeriod(e.getValue()));
                }
            });
            apply.addClickListener(e -> {
                if (from.getValue() != null && to.getValue() != null && !to.getValue().isBefore(from.getValue())) {
                    onChange.accept(state.withPeriod(PeriodCode.range(from.getValue(), to.getValue()).toString()));
                } else {
                    to.setInvalid(true);
                    to.setErrorMessage(getTranslation("filter.range.invalid"));
                }
            });
            add(kind, period, from, to, apply);
        }

        if (shown.contains(Filter.UNIT)) {
            ComboBox<ViewContexts.UnitOption> unit = new ComboBox<>(getTranslation("filter.unit"));
            unit.setId("filter-unit");
            unit.addClassName("cp-filter-unit");
            List<ViewContexts.UnitOption> options = contexts.unitOptions(c);
            unit.setItems(options);
            unit.setItemLabelGenerator(ViewContexts.UnitOption::name);
            unit.setRenderer(LitRenderer.<ViewContexts.UnitOption>of(
                            "<span style=\"padding-left:${item.pad}em\" class=\"cp-unit-option\">${item.name}"
                                    + " <small style=\"color:var(--lumo-secondary-text-color)\">${item.code}</small></span>")
                    .withProperty("pad", o -> o.depth() * 1.2)
                    .withProperty("name", ViewContexts.UnitOption::name)
                    .withProperty("code", ViewContexts.UnitOption::code));
            options.stream().filter(o -> o.code().equals(c.unit())).findFirst().ifPresent(unit::setValue);
            unit.addValueChangeListener(e -> {
                if (e.isFromClient() && e.getValue() != null) {
                    onChange.accept(state.withUnit(e.getValue().code()));
                }
            });
            add(unit);
        }

        ProcedureCatalog catalog = contexts.catalog();
        if (shown.contains(Filter.FIELD)) {
            ComboBox<String> field = new ComboBox<>(getTranslation("filter.field"));
            field.setId("filter-field");
            field.addClassName("cp-filter-field");
            field.setItems(catalog.fields());
            field.setPlaceholder(getTranslation("filter.all"));
            field.setClearButtonVisible(true);
            field.setValue(c.field());
            field.addValueChangeListener(e -> {
                if (e.isFromClient()) {
                    onChange.accept(state.withField(e.getValue()));
                }
            });
            add(field);
        }
        if (shown.contains(Filter.PROCEDURE)) {
            ComboBox<ProcedureCatalog.Procedure> procedure = new ComboBox<>(getTranslation("filter.procedure"));
            procedure.setId("filter-procedure");
            procedure.addClassName("cp-filter-procedure");
            procedure.setItems(catalog.inField(c.field()));
            procedure.setItemLabelGenerator(p -> p.code() + " · " + p.name());
            procedure.setPlaceholder(getTranslation("filter.all"));
            procedure.setClearButtonVisible(true);
            procedure.setValue(c.procedure());
            procedure.addValueChangeListener(e -> {
                if (e.isFromClient()) {
                    onChange.accept(state.withProcedure(e.getValue() == null ? null : e.getValue().code()));
                }
            });
            add(procedure);
        }
    }

    private DatePicker datePicker(String id, String label, Locale locale) {
        DatePicker d = new DatePicker(label);
        d.setId(id);
        d.addClassName("cp-filter-date");
        d.setLocale(Translations.english(locale) ? Locale.UK : Locale.forLanguageTag("vi-VN"));
        DatePicker.DatePickerI18n i18n = new DatePicker.DatePickerI18n();
        i18n.setDateFormat("dd/MM/yyyy");
        if (!Translations.english(locale)) {
            i18n.setMonthNames(List.of("Tháng 1", "Tháng 2", "Tháng 3", "Tháng 4", "Tháng 5", "Tháng 6", "Tháng 7",
                    "Tháng 8", "Tháng 9", "Tháng 10", "Tháng 11", "Tháng 12"));
            i18n.setWeekdays(List.of("Chủ nhật", "Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy"));
            i18n.setWeekdaysShort(List.of("CN", "T2", "T3", "T4", "T5", "T6", "T7"));
            i18n.setToday("Hôm nay");
            i18n.setCancel("Hủy");
            i18n.setFirstDayOfWeek(1);
        }
        d.setI18n(i18n);
        d.setMax(LocalDate.now().plusYears(1));
        return d;
    }

    /** {@code Tháng 11/2026 (NĐ 09) · 15/10/2026 – 14/11/2026}. */
    public static String periodLabel(ViewContexts contexts, String code, Locale locale) {
        ReportingPeriod p = contexts.calendar().parse(code);
        PeriodCode pc = PeriodCode.parse(code);
        String name = switch (p.kind()) {
            case MONTH -> Translations.of(locale, "period.name.MONTH", pc.number(), pc.year());
            case QUARTER -> Translations.of(locale, "period.name.QUARTER", pc.number(), pc.year());
            case HALF_YEAR -> Translations.of(locale, "period.name.HALF_YEAR", pc.number(), pc.year());
            case NINE_MONTHS -> Translations.of(locale, "period.name.NINE_MONTHS", pc.year());
            case YEAR -> Translations.of(locale, "period.name.YEAR", pc.year());
            case CALENDAR_MONTH -> Translations.of(locale, "period.name.CALENDAR_MONTH", pc.number(), pc.year());
            case RANGE -> Translations.of(locale, "period.name.RANGE");
        };
        return name + " · " + Formats.range(p.start(), p.endInclusive());
    }

    public static Set<Filter> all() {
        return EnumSet.allOf(Filter.class);
    }
}
