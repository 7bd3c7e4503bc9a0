package org.civicpulse.dashboard.ui;

import java.util.Locale;
import java.util.stream.Collectors;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.spring.security.AuthenticationContext;

import jakarta.annotation.security.PermitAll;

import org.civicpulse.dashboard.filter.ViewState;
import org.civicpulse.dashboard.i18n.Translations;
import org.civicpulse.dashboard.org.OrgDirectory;
import org.civicpulse.dashboard.security.CivicUser;
import org.civicpulse.dashboard.security.Role;
import org.civicpulse.dashboard.security.UnitScope;

/**
 * The frame of every signed-in view: the header (product, who is signed in with roles and unit, the language
 * switch, sign-out) and the side navigation. The overview and operations entries carry the current period,
 * unit and field along, so the filters follow the user from view to view. The report screens ({@code reports},
 * {@code submissions}) are linked by path: their views live in another package.
 */
@Layout
@PermitAll
public class MainLayout extends AppLayout implements AfterNavigationObserver {

    private final SideNavItem overview;
    private final SideNavItem operations;

    public MainLayout(AuthenticationContext authentication, OrgDirectory directory, UnitScope scope) {
        CivicUser user = authentication.getAuthenticatedUser(CivicUser.class).orElse(null);

        Div brand = new Div();
        brand.addClassName("cp-brand");
        Span mark = new Span("CP");
        mark.addClassName("cp-brand-mark");
        mark.getElement().setAttribute("aria-hidden", "true");
        Span title = new Span("CivicPulse");
        title.addClassName("cp-app-title");
        Span subtitle = new Span(getTranslation("app.subtitle"));
        subtitle.addClassName("cp-app-subtitle");
        brand.add(mark, title, subtitle);

        Span who = new Span();
        who.addClassName("cp-user");
        who.setId("current-user");
        if (user != null) {
            String roles = user.roles().stream().sorted().map(r -> getTranslation("role." + r.name()))
                    .collect(Collectors.joining(", "));
            String unit = user.unit() == null ? getTranslation("header.allUnits")
                    : directory.resolve(user.unit()).map(u -> directory.name(u, scope.today())).orElse(user.unit());
            Span name = new Span(user.username());
            name.addClassName("cp-user-name");
            Span detail = new Span(roles + " · " + unit);
            detail.addClassName("cp-user-detail");
            who.add(name, detail);
            who.getElement().setAttribute("data-roles", user.roles().stream().sorted().map(Enum::name)
                    .collect(Collectors.joining(",")));
        }

        boolean english = Translations.english(getLocale());
        Button language = new Button(getTranslation("header.switchLanguage"), VaadinIcon.GLOBE.create(),
                e -> switchLanguage(english ? Translations.VI : Translations.EN));
        language.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        language.setId("lang-switch");
        language.getElement().setAttribute("lang", english ? "vi" : "en");
        language.getElement().setAttribute("aria-label", getTranslation("header.switchLanguage.aria"));

        Button logout = new Button(getTranslation("header.logout"), VaadinIcon.SIGN_OUT.create(), e -> authentication.logout());
        logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        logout.setId("logout");

        DrawerToggle toggle = new DrawerToggle();
        toggle.getElement().setAttribute("aria-label", getTranslation("header.menu"));
        HorizontalLayout bar = new HorizontalLayout(toggle, brand, who, language, logout);
        bar.addClassName("cp-navbar");
        bar.setWidthFull();
        bar.setSpacing(false);
        bar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        addToNavbar(bar);

        SideNav nav = new SideNav();
        nav.addClassName("cp-sidenav");
        overview = new SideNavItem(getTranslation("nav.overview"), "", VaadinIcon.DASHBOARD.create());
        overview.setId("nav-overview");
        operations = new SideNavItem(getTranslation("nav.operations"), "operations", VaadinIcon.TIMER.create());
        operations.setId("nav-operations");
        SideNavItem reports = new SideNavItem(getTranslation("nav.reports"), "reports", VaadinIcon.ARCHIVE.create());
        reports.setId("nav-reports");
        nav.addItem(overview, operations, reports);
        if (user != null && (user.hasRole(Role.UNIT_OFFICER) || user.hasRole(Role.APPROVER) || user.hasRole(Role.ADMIN))) {
            SideNavItem submissions = new SideNavItem(getTranslation("nav.submissions"), "submissions",
                    VaadinIcon.UPLOAD.create());
            submissions.setId("nav-submissions");
            nav.addItem(submissions);
        }
        addToDrawer(nav);
        setPrimarySection(Section.DRAWER);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        event.getUI().getPage().executeJs("document.documentElement.lang = $0",
                Translations.english(event.getUI().getLocale()) ? "en" : "vi");
    }

    /** The shared filters of the current URL go along with the overview and operations entries. */
    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        ViewState shared = ViewState.of(event.getLocation().getQueryParameters()).shared();
        overview.setQueryParameters(shared.query());
        operations.setQueryParameters(shared.query());
    }

    /** Switches the session's language, remembers it in a cookie for the next sign-in, and reloads the page. */
    static void switchLanguage(Locale locale) {
        VaadinSession.getCurrent().setLocale(locale);
        UI.getCurrent().getPage().executeJs(
                "document.cookie = $0 + '=' + $1 + '; path=/; max-age=31536000; samesite=lax'; window.location.reload();",
                Translations.COOKIE, Translations.english(locale) ? "en" : "vi");
    }
}
