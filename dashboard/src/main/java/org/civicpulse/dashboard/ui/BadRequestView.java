package org.civicpulse.dashboard.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.ParentLayout;
import com.vaadin.flow.router.RouterLink;

import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletResponse;

/** A malformed or unknown URL parameter (period, unit, field, KPI): says which and why. HTTP 400. */
@ParentLayout(MainLayout.class)
@PermitAll
public class BadRequestView extends Div implements HasErrorParameter<BadViewParameterException> {

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<BadViewParameterException> parameter) {
        removeAll();
        addClassNames("cp-page", "cp-refusal");
        setId("bad-request");
        getElement().setAttribute("role", "alert");
        BadViewParameterException e = parameter.getException();
        add(new H2(getTranslation("bad.title")));
        Paragraph p = new Paragraph(getTranslation("bad.parameter", e.parameter() == null ? "?" : e.parameter(), e.getMessage()));
        p.setId("bad-request-message");
        add(p);
        RouterLink home = new RouterLink(getTranslation("bad.home"), OverviewView.class);
        home.addClassName("cp-button-link");
        add(home);
        return HttpServletResponse.SC_BAD_REQUEST;
    }
}
