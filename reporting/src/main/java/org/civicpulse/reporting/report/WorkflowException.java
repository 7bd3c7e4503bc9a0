package org.civicpulse.reporting.report;

import java.util.Map;

/** A refused workflow step, with a reason for the user; nothing was posted. */
public final class WorkflowException extends RuntimeException {

    /** Why a step was refused. */
    public enum Refusal {
        /** The user's roles do not allow the step. */
        ROLE,
        /** The report's unit is outside the user's scope (approvals: not below the approver's unit). */
        SCOPE,
        /** The unit does not report this regime for this period, or the period is not one of the regime's. */
        NOT_EXPECTED,
        /** The period is not over yet. */
        PERIOD_OPEN,
        /** Approve/return without a pending submission (a draft, a returned report). */
        NOT_SUBMITTED,
        /** The report is approved: its data is locked. */
        LOCKED,
        /** The figures failed validation (see {@link #fieldErrors()}). */
        INVALID,
        /** A return needs a comment. */
        COMMENT_REQUIRED
    }

    private final Refusal refusal;
    private final Map<String, String> fieldErrors;

    public WorkflowException(Refusal refusal, String message) {
        this(refusal, message, Map.of());
    }

    public WorkflowException(Refusal refusal, String message, Map<String, String> fieldErrors) {
        super(message);
        this.refusal = refusal;
        this.fieldErrors = Map.copyOf(fieldErrors);
    }

    public Refusal refusal() {
        return refusal;
    }

    /** Field (e.g. {@code P9.numerator}, {@code P5.reason}) → what is wrong with it. */
    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }
}
