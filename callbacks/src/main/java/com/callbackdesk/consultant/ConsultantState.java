package com.callbackdesk.consultant;

/** Whether a consultant can take the next callback. Only AVAILABLE consultants claim. */
public enum ConsultantState {
    /** Ready for the next callback. */
    AVAILABLE,
    /** On a callback (dialing or talking). */
    ON_CALL,
    /** Break, meeting, end of shift, or did not answer their own phone when the dialer rang it. */
    AWAY
}
