package org.civicpulse.ingestion.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** An HTTP error answer: status, a short machine code, a human message, optional headers and body fields. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String error;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, Object> details = new LinkedHashMap<>();

    public ApiException(HttpStatus status, String error, String message) {
        this(status, error, message, null);
    }

    public ApiException(HttpStatus status, String error, String message, Throwable cause) {
        super(message, cause, false, false);
        this.status = status;
        this.error = error;
    }

    public ApiException header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public ApiException detail(String name, Object value) {
        details.put(name, value);
        return this;
    }

    public HttpStatus status() {
        return status;
    }

    public String error() {
        return error;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public Map<String, Object> details() {
        return details;
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized", message)
                .header("WWW-Authenticate", "Bearer realm=\"civicpulse-ingestion\"");
    }

    public static ApiException forbidden(String message) {
        return new ApiException(HttpStatus.FORBIDDEN, "forbidden", message);
    }

    public static ApiException badRequest(String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, "bad_request", message);
    }
}
