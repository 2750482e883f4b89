package com.callbackdesk.pbxsim;

/**
 * What Asterisk tells a FastAGI server about a channel in the agi_* environment.
 *
 * @param callerId null when withheld: sent as {@code unknown} with presentation 67
 */
record ChannelIdentity(String channel, String type, String uniqueId, String language, String callerId,
                       String callerIdName, String dnid, String accountCode, long threadId) {

    String callerIdOrUnknown() {
        return callerId == null ? "unknown" : callerId;
    }

    String callerIdNameOrUnknown() {
        return callerId == null || callerIdName == null ? "unknown" : callerIdName;
    }

    /** 0 = allowed, not screened; 67 = restricted, number unavailable (what Asterisk sends for unknown). */
    int callingPres() {
        return callerId == null ? 67 : 0;
    }
}
