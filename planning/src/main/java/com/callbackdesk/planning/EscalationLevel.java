package com.callbackdesk.planning;


/**
 * MISSION story 10. Declared lowest first: a higher {@link #ordinal()} goes earlier in the
 * queue ({@code QueueOrder}).
 */
public enum EscalationLevel {
    NORMAL,
    /** A repeat caller or one who is dissatisfied. */
    REPEAT_OR_DISSATISFIED,
    /** Reputational risk: must go to a supervisor. */
    REPUTATIONAL_RISK
}
