package com.callbackdesk.pbxsim;

import java.io.IOException;
import java.util.Set;

/**
 * One AMI action as manager.c registers it: its name, the write classes that permit it, and the
 * response it writes (each implementation owns its wire text, as Asterisk's action handlers do).
 */
interface AmiAction {

    /** The {@code Action:} header's value, case as Asterisk documents it. */
    String name();

    /** Write classes of which any one permits the action; empty = any logged-in user. */
    default Set<String> permittedBy() {
        return Set.of();
    }

    /** Whether a session must have logged in first (all but Login, Challenge and Logoff). */
    default boolean needsLogin() {
        return true;
    }

    /** Answers {@code m} on {@code session}; false when the session is over (Logoff, failed login, dropped). */
    boolean handle(AmiSession session, AmiMessage m) throws IOException;
}
