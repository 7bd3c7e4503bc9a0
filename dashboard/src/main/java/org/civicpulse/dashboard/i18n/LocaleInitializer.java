package org.civicpulse.dashboard.i18n;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.VaadinServletRequest;

import org.springframework.stereotype.Component;

/**
 * Vietnamese by default, whatever the browser asks for: a new session takes the language of the
 * {@value Translations#COOKIE} cookie (set by the header's language switch), else Vietnamese.
 */
@Component
public class LocaleInitializer implements VaadinServiceInitListener {

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addSessionInitListener(e -> e.getSession().setLocale(fromCookie(e.getRequest())));
    }

    static java.util.Locale fromCookie(VaadinRequest request) {
        if (request instanceof VaadinServletRequest servlet) {
            HttpServletRequest http = servlet.getHttpServletRequest();
            if (http.getCookies() != null) {
                for (Cookie c : http.getCookies()) {
                    if (Translations.COOKIE.equals(c.getName())) {
                        return Translations.supported(c.getValue());
                    }
                }
            }
        }
        return Translations.VI;
    }
}
