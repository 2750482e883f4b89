package com.callbackdesk.planning.queue;

/** What {@link PreDialCheck} says just before the dialer rings anyone. */
public enum PreDialDecision {
    /** Still wanted and inside its window: dial. */
    DIAL(false),
    /** The caller (or a supervisor) cancelled it — "solved before we called". Do not dial. */
    CANCELLED_BY_CALLER(false),
    /** Its window closed (caller's end of day, office close, shift end): do not dial; re-plan. */
    WINDOW_PASSED(true),
    /** The caller asked not to be called before a later time: do not dial; re-plan. */
    NOT_YET(true),
    /** Closed otherwise (resolved, expired, unreachable): do not dial. */
    CLOSED(false),
    /** Still open but no longer waiting to be dialled (someone moved it on): leave it alone. */
    MOVED_ON(false);

    private final boolean replan;

    PreDialDecision(boolean replan) {
        this.replan = replan;
    }

    public boolean dial() {
        return this == DIAL;
    }

    /** Whether the callback should go back to the planner. */
    public boolean replan() {
        return replan;
    }
}
