package org.civicpulse.dashboard.api;

import jakarta.servlet.http.HttpServletRequest;

import org.civicpulse.dashboard.security.ScopeDeniedException;
import org.civicpulse.reporting.clickhouse.ClickHouseQueryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** JSON errors for the REST API ({@code /api/**} controllers). */
@RestControllerAdvice(basePackages = "org.civicpulse.dashboard")
public class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    /** Request attribute the audit line reads the refusal reason from. */
    public static final String REASON = ApiExceptionHandler.class.getName() + ".reason";

    @ExceptionHandler(BadParameterException.class)
    ResponseEntity<ApiError> badParameter(BadParameterException e, HttpServletRequest request) {
        request.setAttribute(REASON, e.getMessage());
        return json(HttpStatus.BAD_REQUEST, ApiError.badParameter(e.parameter(), e.getMessage()));
    }

    @ExceptionHandler(ScopeDeniedException.class)
    ResponseEntity<ApiError> outOfScope(ScopeDeniedException e, HttpServletRequest request) {
        request.setAttribute(REASON, e.getMessage());
        return json(HttpStatus.FORBIDDEN, new ApiError("forbidden", e.parameter(), e.getMessage()));
    }

    /** The engine refusing what validation let through (a unit, period or KPI it does not know). */
    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ApiError> illegalArgument(IllegalArgumentException e, HttpServletRequest request) {
        request.setAttribute(REASON, e.getMessage());
        return json(HttpStatus.BAD_REQUEST, new ApiError("bad_parameter", null, e.getMessage()));
    }

    @ExceptionHandler(ClickHouseQueryException.class)
    ResponseEntity<ApiError> clickHouse(ClickHouseQueryException e, HttpServletRequest request) {
        log.error("KPI query failed for {} {}", request.getMethod(), request.getRequestURI(), e);
        request.setAttribute(REASON, "ClickHouse query failed");
        return json(HttpStatus.SERVICE_UNAVAILABLE, new ApiError("unavailable", null,
                "The KPI store could not answer; try again later"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> other(Exception e, HttpServletRequest request) {
        log.error("API request {} {} failed", request.getMethod(), request.getRequestURI(), e);
        request.setAttribute(REASON, e.getClass().getSimpleName());
        return json(HttpStatus.INTERNAL_SERVER_ERROR, new ApiError("internal_error", null,
                "Internal error; the server log has the details"));
    }

    static ResponseEntity<ApiError> json(HttpStatus status, ApiError body) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
