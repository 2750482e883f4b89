package com.callbackdesk.pbxsim;

import java.util.List;

/**
 * One AGI command and what the simulated Asterisk answered.
 *
 * @param command        the command line as received (without the newline)
 * @param replyLines     reply lines as sent (a bare HANGUP notice is its own exchange-less line)
 * @param roundTripNanos from the command's arrival to the reply's flush
 */
public record AgiExchange(String command, List<String> replyLines, long roundTripNanos) {

    public String firstReply() {
        return replyLines.isEmpty() ? "" : replyLines.get(0);
    }
}
