package com.callbackdesk.pbxsim;

import java.util.List;

/**
 * One AGI command and what the simulated Asterisk answered.
 *
 * @param command        the command line as received (without the newline)
 * @param replyLines     reply lines as sent (a bare HANGUP notice is its own exchange-less line)
 * @param roundTripNanos from the command's arrival to the reply's flush
 * @param receivedAtNanos {@link System#nanoTime()} when the command arrived, so the FastAGI
 *                        server's turnaround between commands can be measured
 */
public record AgiExchange(String command, List<String> replyLines, long roundTripNanos, long receivedAtNanos) {

    /** When the reply was flushed ({@link System#nanoTime()} scale). */
    public long repliedAtNanos() {
        return receivedAtNanos + roundTripNanos;
    }

    public String firstReply() {
        return replyLines.isEmpty() ? "" : replyLines.get(0);
    }
}
