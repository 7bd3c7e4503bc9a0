package org.civicpulse.ingestion.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One INFO line per API request: method, path, status, source, accepted, rejected, body bytes, ms.
 * Controllers put the figures into request attributes ({@link #SOURCE}, {@link #ACCEPTED}, ...).
 */
@Component
public class RequestLogFilter extends OncePerRequestFilter {

    public static final String SOURCE = RequestLogFilter.class.getName() + ".source";
    public static final String ACCEPTED = RequestLogFilter.class.getName() + ".accepted";
    public static final String REJECTED = RequestLogFilter.class.getName() + ".rejected";
    public static final String BYTES = RequestLogFilter.class.getName() + ".bytes";
    public static final String REASON = RequestLogFilter.class.getName() + ".reason";

    private static final Logger log = LoggerFactory.getLogger("org.civicpulse.ingestion.requests");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long t0 = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            long ms = (System.nanoTime() - t0) / 1_000_000;
            Object reason = request.getAttribute(REASON);
            log.info("{} {} {} source={} accepted={} rejected={} bytes={} ms={}{}", request.getMethod(),
                    request.getRequestURI(), response.getStatus(), orDash(request.getAttribute(SOURCE)),
                    orDash(request.getAttribute(ACCEPTED)), orDash(request.getAttribute(REJECTED)),
                    orDash(request.getAttribute(BYTES)), ms, reason == null ? "" : " reason=\"" + reason + "\"");
        }
    }

    private static Object orDash(Object o) {
        return o == null ? "-" : o;
    }
}
