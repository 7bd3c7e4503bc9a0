package org.civicpulse.dashboard.ui;

/** A view's URL carries a parameter that is malformed or unknown: shown by {@link BadRequestView} (HTTP 400). */
public class BadViewParameterException extends RuntimeException {

    private final String parameter;

    public BadViewParameterException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
