package com.callbackdesk.whatif.stats;

/** Quantiles of Student's t distribution, enough for confidence intervals over replications. */
public final class StudentT {

    private StudentT() {
    }

    /**
     * The {@code p}-quantile of Student's t with {@code df} degrees of freedom, for p in (0.5, 1).
     * Hill's (1970) asymptotic expansion around the normal quantile (Abramowitz &amp; Stegun
     * 26.7.5) is accurate to about 1e-3 from df = 3 up; df 1 and 2 have closed forms.
     */
    public static double quantile(double p, long df) {
        if (!(p > 0 && p < 1) || df < 1) {
            throw new IllegalArgumentException("p in (0,1) and df >= 1 required: p=" + p + " df=" + df);
        }
        if (p < 0.5) {
            return -quantile(1 - p, df);
        }
        if (df == 1) {
            return Math.tan(Math.PI * (p - 0.5));
        }
        if (df == 2) {
            double a = 4 * p * (1 - p);
            return 2 * (p - 0.5) * Math.sqrt(2 / a);
        }
        double z = Normal.quantile(p);
        double n = df;
        double z2 = z * z;
        double g1 = (z2 + 1) * z / 4;
        double g2 = ((5 * z2 + 16) * z2 + 3) * z / 96;
        double g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z / 384;
        double g4 = ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) * z / 92160;
        return z + g1 / n + g2 / (n * n) + g3 / (n * n * n) + g4 / (n * n * n * n);
    }
}
