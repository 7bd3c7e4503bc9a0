package org.civicpulse.dashboard.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The body of every API error: {@code {"error":..., "parameter":..., "message":...}}.
 *
 * @param error     a stable code: bad_parameter, unauthorized, forbidden, not_found, internal_error, unavailable
 * @param parameter the request parameter at fault (absent when none)
 * @param message   what is wrong, for a person
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String error, String parameter, String message) {

    public static ApiError badParameter(String parameter, String message) {
        return new ApiError("bad_parameter", parameter, message);
    }
}
