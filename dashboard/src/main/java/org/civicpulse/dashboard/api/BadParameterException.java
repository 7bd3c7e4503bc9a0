package org.civicpulse.dashboard.api;

/** A request parameter that fails validation: answered 400 before anything runs. */
public class BadParameterException extends RuntimeException {

    private final String parameter;

    public BadParameterException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
