package org.civicpulse.dashboard.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.ParentLayout;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.RouterLink;

import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletResponse;

/**
 * "No access": a unit outside the user's scope was asked for. Says which unit, which units the account may
 * see, and links back to the user's own unit. HTTP 403.
 */
@ParentLayout(MainLayout.class)
@PermitAll
public class AccessDeniedView extends Div implements HasErrorParameter<UnitRefusedException> {

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<UnitRefusedException> parameter) {
        removeAll();
        addClassNames("cp-page", "cp-refusal");
        setId("access-denied");
        UnitRefusedException e = parameter.getException();
        getElement().setAttribute("data-unit", e.unit());
        getElement().setAttribute("role", "alert");
        Span icon = new Span("⛔");
        icon.addClassName("cp-refusal-icon");
        icon.getElement().setAttribute("aria-hidden", "true");
        H2 title = new H2(getTranslation("denied.title"));
        Paragraph what = new Paragraph(getTranslation("denied.unit", label(e.unit(), e.unitName())));
        what.setId("access-denied-message");
        Paragraph detail = new Paragraph(getTranslation("denied.detail", e.username(), label(e.home(), e.homeName())));
        add(icon, title, what, detail);
        if (e.home() != null) {
            RouterLink back = new RouterLink(getTranslation("denied.home"), OverviewView.class);
            back.setQueryParameters(QueryParameters.of("unit", e.home()));
            back.setId("access-denied-home");
            back.addClassName("cp-button-link");
            add(back);
        }
        return HttpServletResponse.SC_FORBIDDEN;
    }

    private static String label(String code, String name) {
        return name == null ? code : name + " (" + code + ")";
    }
}
