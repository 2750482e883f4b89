package com.callbackdesk.whatif.stats;

/** Running count, mean and variance of observations (Welford's method): constant memory. */
public final class Tally {
    private long n;
    private double mean;
    private double m2;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    public void add(double x) {
        n++;
        double d = x - mean;
        mean += d / n;
        m2 += d * (x - mean);
        if (x < min) {
            min = x;
        }
        if (x > max) {
            max = x;
        }
    }

    public long count() {
        return n;
    }

    /** Mean, or NaN without observations. */
    public double mean() {
        return n == 0 ? Double.NaN : mean;
    }

    /** Sample variance (n - 1), NaN below two observations. */
    public double variance() {
        return n < 2 ? Double.NaN : m2 / (n - 1);
    }

    public double stdDev() {
        return Math.sqrt(variance());
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    /** Half-width of the two-sided confidence interval on the mean (Student t). NaN below two observations. */
    public double halfWidth(double level) {
        if (n < 2) {
            return Double.NaN;
        }
        return StudentT.quantile(0.5 + level / 2, n - 1) * Math.sqrt(variance() / n);
    }

    /** The mean and its confidence interval. */
    public Estimate estimate(double level) {
        return new Estimate(mean(), halfWidth(level), n, level);
    }
}
