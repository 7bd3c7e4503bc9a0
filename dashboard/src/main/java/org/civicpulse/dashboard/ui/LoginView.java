package org.civicpulse.dashboard.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;

import org.civicpulse.dashboard.i18n.Translations;

/** The sign-in page ({@code /login}); the form posts to Spring Security's form login. */
@Route(value = "login", autoLayout = false)
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final LoginForm login = new LoginForm();

    public LoginView() {
        addClassName("login-view");
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);
        login.setAction("login");
        login.setForgotPasswordButtonVisible(false);
        login.setI18n(i18n());

        boolean english = Translations.english(getLocale());
        Button language = new Button(getTranslation("header.switchLanguage"), VaadinIcon.GLOBE.create(),
                e -> MainLayout.switchLanguage(english ? Translations.VI : Translations.EN));
        language.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        language.setId("lang-switch");

        Div card = new Div();
        card.addClassName("login-card");
        Span mark = new Span("CP");
        mark.addClassName("cp-brand-mark");
        mark.getElement().setAttribute("aria-hidden", "true");
        H1 title = new H1("CivicPulse");
        title.addClassName("login-title");
        Paragraph tagline = new Paragraph(getTranslation("login.tagline"));
        tagline.addClassName("login-tagline");
        card.add(mark, title, tagline, login);
        Paragraph foot = new Paragraph(getTranslation("login.footer"));
        foot.addClassName("login-footer");
        add(language, card, foot);
    }

    private LoginI18n i18n() {
        LoginI18n i18n = LoginI18n.createDefault();
        LoginI18n.Form form = i18n.getForm();
        form.setTitle(getTranslation("login.title"));
        form.setUsername(getTranslation("login.username"));
        form.setPassword(getTranslation("login.password"));
        form.setSubmit(getTranslation("login.submit"));
        LoginI18n.ErrorMessage error = i18n.getErrorMessage();
        error.setTitle(getTranslation("login.error.title"));
        error.setMessage(getTranslation("login.error.message"));
        return i18n;
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        event.getUI().getPage().executeJs("document.documentElement.lang = $0",
                Translations.english(event.getUI().getLocale()) ? "en" : "vi");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (event.getLocation().getQueryParameters().getParameters().containsKey("error")) {
            login.setError(true);
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("login.pageTitle");
    }
}
