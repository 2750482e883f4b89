package com.callbackdesk.desk.dial;

import com.callbackdesk.callback.Callback;
import com.callbackdesk.consultant.Consultant;
import com.callbackdesk.queue.Attempt;

import java.time.Instant;
import java.util.Optional;

/**
 * The port through which {@link Dialing} places a call on the PBX; the AMI adapter implements it
 * (the desk knows no Asterisk). Placing happens after the attempt started, so whatever the PBX
 * does next is reported against that attempt.
 */
public interface CallPlacement {

    /** Empty when a call can be placed now; otherwise why not (e.g. the PBX is not connected). */
    Optional<String> unavailable();

    /**
     * Places the call of a started attempt: rings the consultant, then the caller.
     *
     * @param window the end of the attempt's window (null when unknown)
     */
    DialAnswer place(Callback callback, Consultant consultant, Attempt attempt, Instant window, Instant now);
}
