package org.civicpulse.dashboard.ui;

import java.util.Locale;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.spring.security.AuthenticationContext;

import org.civicpulse.dashboard.api.BadParameterException;
import org.civicpulse.dashboard.export.ExportAudit;
import org.civicpulse.dashboard.filter.ViewContext;
import org.civicpulse.dashboard.filter.ViewContexts;
import org.civicpulse.dashboard.filter.ViewState;
import org.civicpulse.dashboard.security.CivicUser;
import org.civicpulse.dashboard.security.ScopeDeniedException;
import org.civicpulse.domain.calendar.ReportingPeriod;

/**
 * A view whose every panel follows the filters in the URL. Before it is shown the query string is resolved
 * into a {@link ViewContext} on the server: a unit outside the user's scope reroutes to {@link AccessDeniedView}
 * (403), a malformed parameter to {@link BadRequestView} (400). A filter change navigates to the new URL, so
 * the state can be bookmarked, shared and reloaded; the view then renders again from it.
 */
public abstract class DashboardView extends Div implements BeforeEnterObserver, HasDynamicTitle {

    protected final AuthenticationContext authentication;
    protected final ViewContexts contexts;
    protected ViewContext context;

    protected DashboardView(AuthenticationContext authentication, ViewContexts contexts) {
        this.authentication = authentication;
        this.contexts = contexts;
        addClassName("cp-page");
    }

    protected CivicUser user() {
        return authentication.getAuthenticatedUser(CivicUser.class).orElseThrow();
    }

    /** The route of this view as written in links (without query), e.g. {@code ""} or {@code kpi/P5}. */
    protected abstract String route();

    /** Renders the view for {@link #context}. */
    protected abstract void render();

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        CivicUser user = user();
        ViewState raw = ViewState.of(event.getLocation().getQueryParameters());
        if (!prepare(event)) {
            return;
        }
        try {
            context = contexts.resolve(raw, user);
        } catch (ScopeDeniedException e) {
            ReportingPeriod period = safePeriod(raw);
            String home = contexts.home(user, period).orElse(null);
            String unitName = raw.unit() == null ? null : contexts.directory().resolve(raw.unit())
                    .map(u -> contexts.directory().name(u, contexts.scope().checkDate(period))).orElse(null);
            String homeName = home == null ? null : contexts.directory().name(home, contexts.scope().checkDate(period));
            ExportAudit.refused(user, "/" + route(), event.getLocation().getQueryParameters().getQueryString(), 403,
                    e.getMessage());
            event.rerouteToError(new UnitRefusedException(raw.unit(), unitName, home, homeName, user.username(), route(),
                    e.getMessage()), e.getMessage());
            return;
        } catch (BadParameterException e) {
            ExportAudit.refused(user, "/" + route(), event.getLocation().getQueryParameters().getQueryString(), 400,
                    e.getMessage());
            event.rerouteToError(new BadViewParameterException(e.parameter(), e.getMessage()), e.getMessage());
            return;
        }
        removeAll();
        render();
        // a new page (another view, unit or period) starts at the top; a change of a panel's own filter keeps the place
        String place = route() + "|" + context.unit() + "|" + context.period().code();
        if (!place.equals(this.place)) {
            event.getUI().getPage().executeJs(SCROLL_TOP);
        }
        this.place = place;
    }

    private String place;

    /** Scrolls the page and every scrolling container around it (the app layout's content area) to the top. */
    static final String SCROLL_TOP = "let e = document.querySelector('.cp-page'); while (e) { if (e.scrollTop) { e.scrollTop = 0; }"
            + " e = e.assignedSlot || e.parentElement || (e.getRootNode && e.getRootNode().host); } window.scrollTo(0, 0);";

    /** Hook before the state is resolved (e.g. the KPI id of the path); false when it rerouted. */
    protected boolean prepare(BeforeEnterEvent event) {
        return true;
    }

    private ReportingPeriod safePeriod(ViewState raw) {
        try {
            return contexts.resolve(raw.withUnit(null), user()).period();
        } catch (RuntimeException e) {
            return contexts.recentPeriods(ReportingPeriod.Kind.MONTH, 1).get(0);
        }
    }

    /** Navigates to this view with a new state (the URL changes; the view renders again). */
    protected void go(ViewState state) {
        UI.getCurrent().navigate(route(), state.query());
    }

    /** A link's href to {@code route} with {@code state} (relative, for router links). */
    protected static String href(String route, ViewState state) {
        String q = state.query().getQueryString();
        return route + (q.isEmpty() ? "" : "?" + q);
    }

    protected static QueryParameters query(ViewState state) {
        return state.query();
    }

    protected Locale locale() {
        return getLocale();
    }
}
