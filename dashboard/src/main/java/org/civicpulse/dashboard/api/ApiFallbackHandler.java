package org.civicpulse.dashboard.api;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * JSON for requests no controller takes: an unknown {@code /api/...} path (404) or method (405). Only
 * the API reaches Spring MVC without a handler: Vaadin serves every other path ({@code vaadin.exclude-urls}
 * leaves {@code /api/**} to Spring).
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ApiFallbackHandler {

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ApiError> notFound(NoResourceFoundException e) {
        return ApiExceptionHandler.json(HttpStatus.NOT_FOUND,
                new ApiError("not_found", null, "No such endpoint: /" + e.getResourcePath()));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiError> method(HttpRequestMethodNotSupportedException e) {
        return ApiExceptionHandler.json(HttpStatus.METHOD_NOT_ALLOWED,
                new ApiError("method_not_allowed", null, e.getMessage()));
    }
}
