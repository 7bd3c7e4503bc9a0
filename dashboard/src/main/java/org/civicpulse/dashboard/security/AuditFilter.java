package org.civicpulse.dashboard.security;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.civicpulse.dashboard.api.ApiExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The audit trail of API calls and exports: one INFO line on logger {@value #AUDIT_LOGGER} per request
 * with user, roles, method, path, parameters, status, rows, refusal reason and duration. Runs inside
 * the API security chain after authentication, so it sees who asked, and around authorization and the
 * controller, so it sees how it ended. Control characters in parameters are escaped (no forged lines).
 */
public class AuditFilter extends OncePerRequestFilter {

    public static final String AUDIT_LOGGER = "org.civicpulse.dashboard.audit";
    /** Request attribute set while this filter wraps the request (the 401 entry point then leaves the line to it). */
    static final String AUDITED = AuditFilter.class.getName() + ".audited";
    /** Request attribute: how many rows the answer carried. */
    public static final String ROWS = AuditFilter.class.getName() + ".rows";

    private static final Logger audit = LoggerFactory.getLogger(AUDIT_LOGGER);
    private static final int MAX_VALUE = 200;

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long t0 = System.nanoTime();
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        request.setAttribute(AUDITED, Boolean.TRUE);
        try {
            chain.doFilter(request, response);
        } finally {
            long ms = (System.nanoTime() - t0) / 1_000_000;
            String user = "-";
            String roles = "-";
            if (auth != null && auth.isAuthenticated() && auth.getPrincipal() instanceof CivicUser u) {
                user = u.username();
                roles = u.roles().stream().sorted().toList().toString();
            }
            Object rows = request.getAttribute(ROWS);
            Object reason = request.getAttribute(ApiExceptionHandler.REASON);
            if (reason == null && response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
                reason = "no credentials";
            }
            audit.info("user={} roles={} {} {} params={} status={} rows={} ms={}{}", user, roles, request.getMethod(),
                    request.getRequestURI(), params(request), response.getStatus(), rows == null ? "-" : rows, ms,
                    reason == null ? "" : " reason=\"" + clean(reason.toString()) + "\"");
        }
    }

    /** The query parameters, sorted by name, values escaped and truncated. */
    static String params(HttpServletRequest request) {
        Map<String, List<String>> out = new TreeMap<>();
        for (Map.Entry<String, String[]> e : request.getParameterMap().entrySet()) {
            List<String> values = new ArrayList<>();
            for (String v : e.getValue()) {
                values.add(clean(v));
            }
            out.put(clean(e.getKey()), values);
        }
        return out.toString();
    }

    static String clean(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX_VALUE) + 8);
        for (int i = 0; i < s.length() && i < MAX_VALUE; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '"' || c == '\\') {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        if (s.length() > MAX_VALUE) {
            b.append("…(").append(s.length()).append(" chars)");
        }
        return b.toString();
    }
}
