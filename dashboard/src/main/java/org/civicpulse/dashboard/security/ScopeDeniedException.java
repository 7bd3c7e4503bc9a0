package org.civicpulse.dashboard.security;

/** A request for a unit outside the caller's scope: answered 403 with the reason. */
public class ScopeDeniedException extends RuntimeException {

    private final String parameter;

    public ScopeDeniedException(String parameter, String reason) {
        super(reason);
        this.parameter = parameter;
    }

    /** The request parameter that named the unit. */
    public String parameter() {
        return parameter;
    }
}
