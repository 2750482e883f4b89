package com.callbackdesk.whatif.stats;

/**
 * A histogram of non-negative durations in log-spaced bins (64 per factor of ten, relative bin
 * width under 4 %), from 1 second to 10^8 seconds; below 1 s one bin. Fixed memory whatever the
 * number of observations, so percentiles never need the observations kept.
 */
public final class LogHistogram {
    static final int PER_DECADE = 64;
    static final int DECADES = 8;
    private final long[] counts = new long[1 + PER_DECADE * DECADES + 1];
    private long total;

    public void add(double seconds) {
        counts[bin(seconds)]++;
        total++;
    }

    public void addAll(LogHistogram other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
    }

    public long count() {
        return total;
    }

    static int bin(double x) {
        if (!(x >= 1)) {
            return 0;
        }
        int b = 1 + (int) Math.floor(Math.log10(x) * PER_DECADE);
        return Math.min(b, PER_DECADE * DECADES + 1);
    }

    /** Lower edge of bin {@code b} in seconds. */
    static double lower(int b) {
        return b == 0 ? 0 : Math.pow(10, (b - 1) / (double) PER_DECADE);
    }

    static double upper(int b) {
        return b == 0 ? 1 : Math.pow(10, b / (double) PER_DECADE);
    }

    /** The {@code p}-quantile (0..1), interpolated within its bin; NaN when empty. */
    public double quantile(double p) {
        if (total == 0) {
            return Double.NaN;
        }
        double target = p * total;
        long seen = 0;
        for (int b = 0; b < counts.length; b++) {
            if (counts[b] == 0) {
                continue;
            }
            if (seen + counts[b] >= target) {
                double frac = (target - seen) / counts[b];
                double lo = lower(b);
                double hi = upper(b);
                return b == 0 ? lo + frac * (hi - lo) : lo * Math.pow(hi / lo, frac);
            }
            seen += counts[b];
        }
        return upper(counts.length - 1);
    }

    /** Fraction of observations at or below {@code seconds} (bin resolution). */
    public double fractionBelow(double seconds) {
        if (total == 0) {
            return Double.NaN;
        }
        int limit = bin(seconds);
        long n = 0;
        for (int b = 0; b < limit; b++) {
            n += counts[b];
        }
        return (double) n / total;
    }

    /** Counts re-binned onto the given ascending edges (seconds): bucket i is [edges[i], edges[i+1]); the last is open. */
    public long[] rebin(double[] edges) {
        long[] out = new long[edges.length];
        for (int b = 0; b < counts.length; b++) {
            if (counts[b] == 0) {
                continue;
            }
            double mid = b == 0 ? 0.5 : Math.sqrt(lower(b) * upper(b));
            int i = edges.length - 1;
            while (i > 0 && mid < edges[i]) {
                i--;
            }
            out[i] += counts[b];
        }
        return out;
    }
}
