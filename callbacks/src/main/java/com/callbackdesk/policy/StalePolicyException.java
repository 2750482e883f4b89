package com.callbackdesk.policy;

/** A policy edit based on a version that is no longer the live one: someone saved in between. */
public final class StalePolicyException extends RuntimeException {

    public StalePolicyException(int basedOn, int live) {
        super("The policy was edited on version " + basedOn + " but version " + live
                + " is live now; review its changes and edit again");
    }
}
