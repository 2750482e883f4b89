package com.callbackdesk.whatif.model;

/**
 * What one run measures. Definitions (docs/WHAT-IF.md repeats them): counts are over requests
 * that arrived after the warm-up; durations in minutes unless named otherwise.
 */
public enum Metric {
    REQUESTS("requests", "requests (incl. repeat requests)", Kind.COUNT, Better.NEITHER),
    END_OF_DAY_MISSES("endOfDayMisses", "end-of-day misses", Kind.COUNT, Better.LOWER),
    END_OF_DAY_MISS_RATE("endOfDayMissRate", "end-of-day misses, % of requests", Kind.PERCENT, Better.LOWER),
    WASTED_CALLBACKS("wastedCallbacks", "wasted callbacks (caller had already solved it)", Kind.COUNT, Better.LOWER),
    DIALS_AFTER_LEFT("dialsAfterLeft", "dials after the caller left for the day", Kind.COUNT, Better.LOWER),
    TIME_TO_CONTACT_MEAN("timeToFirstContactMeanMin", "time to first contact, mean (min)", Kind.DECIMAL, Better.LOWER),
    TIME_TO_CONTACT_P90("timeToFirstContactP90Min", "time to first contact, p90 (min)", Kind.DECIMAL, Better.LOWER),
    DIALS("dials", "dials (every attempt, wasted ones too)", Kind.COUNT, Better.LOWER),
    ATTEMPTS_PER_CONTACT("attemptsPerContact", "attempts per contact", Kind.DECIMAL, Better.LOWER),
    CONTACT_RATE("contactRate", "requests reaching contact, %", Kind.PERCENT, Better.HIGHER),
    CANCELLED("cancelled", "cancelled by the caller (solved it)", Kind.COUNT, Better.NEITHER),
    EXPIRED("expired", "given up: too late to call (expired)", Kind.COUNT, Better.LOWER),
    UNREACHABLE("unreachable", "given up: attempts used up (unreachable)", Kind.COUNT, Better.LOWER),
    WRONG_NUMBER("wrongNumber", "wrong numbers", Kind.COUNT, Better.NEITHER),
    OPEN_AT_END("openAtEnd", "still open when the run ended", Kind.COUNT, Better.LOWER),
    WINDOWS_MISSED("windowsMissed", "attempt windows passed in the queue", Kind.COUNT, Better.LOWER),
    OCCUPANCY("occupancy", "consultant occupancy, %", Kind.PERCENT, Better.NEITHER),
    OVERTIME_HOURS_PER_DAY("overtimeHoursPerDay", "consultant overtime, hours/day", Kind.DECIMAL, Better.LOWER),
    SURVEY_TRANSFERS("surveyTransfers", "survey transfers", Kind.COUNT, Better.NEITHER),
    SCREENSHOTS_DECLINED("screenshotsDeclined", "screenshots declined", Kind.COUNT, Better.NEITHER),
    MERGED("merged", "repeat calls merged into a pending request", Kind.COUNT, Better.NEITHER),
    REPEATS_FLAGGED("repeatsFlagged", "repeat requests after resolution (flagged)", Kind.COUNT, Better.NEITHER),
    WAIT_PROBABILITY("waitProbability", "share of due requests that waited for a consultant", Kind.DECIMAL, Better.LOWER),
    MEAN_QUEUE_WAIT("meanQueueWaitMin", "mean wait for a consultant (min)", Kind.DECIMAL, Better.LOWER),
    MEAN_QUEUE_LENGTH("meanQueueLength", "mean requests waiting for a consultant", Kind.DECIMAL, Better.LOWER),
    LITTLE_L("littleL", "check: mean open requests (L)", Kind.DECIMAL, Better.NEITHER),
    LITTLE_LAMBDA_W("littleLambdaW", "check: arrival rate x time open (lambda W)", Kind.DECIMAL, Better.NEITHER),
    LITTLE_RELATIVE_ERROR("littleRelativeError", "check: relative difference of L and lambda W", Kind.SCIENTIFIC, Better.NEITHER);

    public enum Kind { COUNT, DECIMAL, PERCENT, SCIENTIFIC }

    /**
     * Which way a change is good for the desk and its callers, defined here once for every
     * report. {@code NEITHER}: a change is reported but not judged — consultant occupancy (busier
     * consultants are neither better nor worse in themselves), volumes the callers decide
     * (requests, cancellations, wrong numbers, repeats) and the simulator's own checks.
     */
    public enum Better { LOWER, HIGHER, NEITHER }

    private final String key;
    private final String label;
    private final Kind kind;
    private final Better better;

    Metric(String key, String label, Kind kind, Better better) {
        this.key = key;
        this.label = label;
        this.kind = kind;
        this.better = better;
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

    /** Which way is better (see {@link Better}). */
    public Better better() {
        return better;
    }
}
