package com.callbackdesk.queue;

import com.callbackdesk.callback.Actor;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * "Only the consultant holding the callback, or a supervisor (or the system)", for changes
 * outside this package that run inside their own transaction (the screenshot step recorded by the
 * desk, a new screenshot link): the same rule release and dial use.
 */
public final class HolderCheck {

    private HolderCheck() {
    }

    /**
     * On {@code c}: refuses ({@link ClaimRefusedException}) when the callback has no open claim, or
     * when {@code who} is a consultant other than its holder.
     *
     * @param action what {@code who} wants to do, for the refusal ("record the screenshot step of")
     */
    public static void requireHolderOrSupervisor(Connection c, long callbackId, Actor who, String action)
            throws SQLException {
        if (who.kind() == Actor.Kind.SUPERVISOR) {
            return;   // a supervisor may act on a callback nobody holds, too
        }
        ClaimRows.requireHolderOrSupervisor(c, callbackId, who, action);
    }
}
