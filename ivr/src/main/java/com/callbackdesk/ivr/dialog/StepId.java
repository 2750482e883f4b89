package com.callbackdesk.ivr.dialog;

/** Names a step of a call flow, so logs and metrics can say where a caller was. */
public interface StepId {
    String name();
}
