package org.civicpulse.dashboard.security;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.civicpulse.dashboard.api.ApiError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** 401 and 403 as JSON for {@code /api/**}; a 401 also asks for HTTP Basic. */
public class ApiSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

    private static final Logger audit = LoggerFactory.getLogger(AuditFilter.AUDIT_LOGGER);

    private final ObjectMapper json;

    public ApiSecurityHandlers(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        boolean sentCredentials = request.getHeader("Authorization") != null;
        if (request.getAttribute(AuditFilter.AUDITED) == null) {
            // refused by the Basic filter itself (bad credentials), before the audit filter: log it here
            audit.info("user=- roles=- {} {} params={} status=401 reason=\"{}\"", request.getMethod(),
                    request.getRequestURI(), AuditFilter.params(request),
                    sentCredentials ? "bad credentials for " + attemptedUser(request) : "no credentials");
        }
        response.setHeader("WWW-Authenticate", "Basic realm=\"CivicPulse\", charset=\"UTF-8\"");
        write(response, HttpServletResponse.SC_UNAUTHORIZED, new ApiError("unauthorized", null,
                sentCredentials ? "Bad credentials" : "Authentication required: send HTTP Basic credentials"));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        write(response, HttpServletResponse.SC_FORBIDDEN, new ApiError("forbidden", null,
                "Your roles do not allow this request"));
    }

    /** The user name of a Basic header, for the audit line only (escaped, never the password). */
    static String attemptedUser(HttpServletRequest request) {
        String h = request.getHeader("Authorization");
        if (h == null || !h.regionMatches(true, 0, "Basic ", 0, 6)) {
            return "a non-Basic scheme";
        }
        try {
            String decoded = new String(java.util.Base64.getDecoder().decode(h.substring(6).trim()),
                    java.nio.charset.StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return "user '" + AuditFilter.clean(colon < 0 ? decoded : decoded.substring(0, colon)) + "'";
        } catch (IllegalArgumentException e) {
            return "a malformed Basic header";
        }
    }

    private void write(HttpServletResponse response, int status, ApiError body) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), body);
    }
}
