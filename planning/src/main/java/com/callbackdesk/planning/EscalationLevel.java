package com.callbackdesk.planning;


/**
 * Normal, repeat or dissatisfied, reputational risk (a supervisor's). Declared lowest first: a higher {@link #ordinal()} goes earlier in the
 * queue ({@code QueueOrder}).
 */
public enum EscalationLevel {
    NORMAL,
    /** A repeat caller or one who is dissatisfied. */
    REPEAT_OR_DISSATISFIED,
    /** Reputational risk: must go to a supervisor. */
    REPUTATIONAL_RISK
}
