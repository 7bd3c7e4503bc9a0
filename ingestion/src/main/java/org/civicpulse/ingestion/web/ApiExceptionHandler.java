package org.civicpulse.ingestion.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Renders {@link ApiException} as {@code {"status":..,"error":..,"message":..,...}} with its headers. */
@RestControllerAdvice
public class ApiExceptionHandler {

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Map<String, Object>> handle(ApiException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", e.status().value());
        body.put("error", e.error());
        body.put("message", e.getMessage());
        body.putAll(e.details());
        ResponseEntity.BodyBuilder b = ResponseEntity.status(e.status());
        e.headers().forEach(b::header);
        return b.header("Content-Type", "application/json").body(body);
    }
}
