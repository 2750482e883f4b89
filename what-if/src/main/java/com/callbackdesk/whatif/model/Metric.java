package com.callbackdesk.whatif.model;

/**
 * What one run measures. Definitions (docs/WHAT-IF.md repeats them): counts are over requests
 * that arrived after the warm-up; durations in minutes unless named otherwise.
 */
public enum Metric {
    REQUESTS("requests", "requests (incl. repeat requests)", Kind.COUNT),
    END_OF_DAY_MISSES("endOfDayMisses", "end-of-day misses", Kind.COUNT),
    END_OF_DAY_MISS_RATE("endOfDayMissRate", "end-of-day misses, % of requests", Kind.PERCENT),
    WASTED_CALLBACKS("wastedCallbacks", "wasted callbacks (dialed after self-resolved)", Kind.COUNT),
    DIALS_AFTER_LEFT("dialsAfterLeft", "dials after the caller left for the day", Kind.COUNT),
    TIME_TO_CONTACT_MEAN("timeToFirstContactMeanMin", "time to first contact, mean (min)", Kind.DECIMAL),
    TIME_TO_CONTACT_P90("timeToFirstContactP90Min", "time to first contact, p90 (min)", Kind.DECIMAL),
    DIALS("dials", "dials (every attempt, wasted ones too)", Kind.COUNT),
    ATTEMPTS_PER_CONTACT("attemptsPerContact", "attempts per contact", Kind.DECIMAL),
    CONTACT_RATE("contactRate", "requests reaching contact, %", Kind.PERCENT),
    CANCELLED("cancelled", "cancelled by the caller (solved it)", Kind.COUNT),
    EXPIRED("expired", "expired (planner gave up: time)", Kind.COUNT),
    UNREACHABLE("unreachable", "unreachable (planner gave up: max attempts)", Kind.COUNT),
    WRONG_NUMBER("wrongNumber", "wrong numbers", Kind.COUNT),
    OPEN_AT_END("openAtEnd", "still open when the run ended", Kind.COUNT),
    WINDOWS_MISSED("windowsMissed", "attempt windows passed in the queue", Kind.COUNT),
    OCCUPANCY("occupancy", "consultant occupancy, %", Kind.PERCENT),
    OVERTIME_HOURS_PER_DAY("overtimeHoursPerDay", "consultant overtime, hours/day", Kind.DECIMAL),
    SURVEY_TRANSFERS("surveyTransfers", "survey transfers", Kind.COUNT),
    SCREENSHOTS_DECLINED("screenshotsDeclined", "screenshots declined", Kind.COUNT),
    MERGED("merged", "repeat calls merged into a pending request", Kind.COUNT),
    REPEATS_FLAGGED("repeatsFlagged", "repeat requests after resolution (flagged)", Kind.COUNT),
    WAIT_PROBABILITY("waitProbability", "P(wait for a consultant > 0)", Kind.DECIMAL),
    MEAN_QUEUE_WAIT("meanQueueWaitMin", "mean wait for a consultant (min)", Kind.DECIMAL),
    MEAN_QUEUE_LENGTH("meanQueueLength", "mean requests waiting for a consultant", Kind.DECIMAL),
    LITTLE_L("littleL", "Little: L, mean open requests", Kind.DECIMAL),
    LITTLE_LAMBDA_W("littleLambdaW", "Little: lambda x W", Kind.DECIMAL),
    LITTLE_RELATIVE_ERROR("littleRelativeError", "Little: |L - lambda W| / L", Kind.SCIENTIFIC);

    public enum Kind { COUNT, DECIMAL, PERCENT, SCIENTIFIC }

    private final String key;
    private final String label;
    private final Kind kind;

    Metric(String key, String label, Kind kind) {
        this.key = key;
        this.label = label;
        this.kind = kind;
    }

    /** The JSON key. */
    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    public Kind kind() {
        return kind;
    }
}
