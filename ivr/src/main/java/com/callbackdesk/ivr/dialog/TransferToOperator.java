package com.callbackdesk.ivr.dialog;

/**
 * Thrown by a step whose fallback is the operator: the flow stops where it is and the script
 * routes the call to a person. An exception because every later step is moot.
 */
public class TransferToOperator extends RuntimeException {

    private final transient StepId step;

    public TransferToOperator(StepId step, String reason) {
        super("transfer to operator at " + step.name() + ": " + reason, null, false, false);
        this.step = step;
    }

    public StepId step() {
        return step;
    }
}
