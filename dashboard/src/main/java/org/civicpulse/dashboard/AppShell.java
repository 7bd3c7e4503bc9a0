package org.civicpulse.dashboard;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Meta;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.server.AppShellSettings;
import com.vaadin.flow.shared.communication.PushMode;
import com.vaadin.flow.shared.ui.Transport;

/**
 * Page-wide settings. The frontend stays npm-free: Lumo from the pre-compiled production bundle, the
 * app's own CSS as a static file ({@code src/main/resources/META-INF/resources/styles/}) linked from the
 * page shell; components load their own static JS/CSS with {@code @JavaScript("context://js/...")} /
 * {@code @StyleSheet("context://styles/...")}, libraries from webjars with the {@code context://} prefix too
 * ({@code @JavaScript("context://webjars/echarts/5.3.1/dist/echarts.min.js")}: without the prefix,
 * {@code "/webjars/..."} counts as a frontend import, the production bundle no longer matches and the build
 * runs npm). Never add Vaadin's npm-package, JS-module or CSS-import annotations: they force a frontend
 * build, which needs npm packages this environment cannot download (docs/DESIGN.md, Vaadin;
 * NpmFreeFrontendTest enforces it).
 *
 * <p>Server push ({@code @Push}, WebSocket for server-to-client messages, XHR for client-to-server ones so
 * requests keep going through the servlet filters): the live operations view changes without a reload.
 * Push is part of Flow's pre-compiled client, so it needs no frontend build either.
 */
@Push(value = PushMode.AUTOMATIC, transport = Transport.WEBSOCKET_XHR)
@Meta(name = "description", content = "CivicPulse — Hanoi digital-government KPIs")
public class AppShell implements AppShellConfigurator {

    @Override
    public void configurePage(AppShellSettings settings) {
        settings.setPageTitle("CivicPulse");
        // Page-wide CSS as a plain <link> in the initial page, so the login page has it too.
        settings.addLink("stylesheet", "styles/civicpulse.css");
    }
}
