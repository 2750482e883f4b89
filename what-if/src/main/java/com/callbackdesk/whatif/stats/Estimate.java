package com.callbackdesk.whatif.stats;

/**
 * A mean over replications with its confidence interval: {@code mean ± halfWidth} at
 * {@code level}. With one replication the half-width is NaN (no interval can be given).
 */
public record Estimate(double mean, double halfWidth, long n, double level) {

    public double low() {
        return mean - halfWidth;
    }

    public double high() {
        return mean + halfWidth;
    }

    /** Whether {@code value} lies within {@code k} half-widths of the mean. */
    public boolean covers(double value, double k) {
        return Math.abs(value - mean) <= k * halfWidth;
    }
}
