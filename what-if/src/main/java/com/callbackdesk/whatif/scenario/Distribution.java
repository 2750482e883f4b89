package com.callbackdesk.whatif.scenario;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/** A distribution of non-negative durations in seconds (handle times, self-resolution times, "call me later" delays). */
public sealed interface Distribution {

    double sample(RandomGenerator random);

    /** The theoretical mean in seconds. */
    double mean();

    /** Exponential with the given mean (memoryless: the M in M/M/c). */
    record Exponential(double mean) implements Distribution {
        public Exponential {
            if (!(mean > 0)) {
                throw new IllegalArgumentException("mean must be > 0");
            }
        }

        @Override
        public double sample(RandomGenerator random) {
            return -mean * Math.log(1 - random.nextDouble());
        }
    }

    /**
     * Lognormal given by its own mean and standard deviation (what a supervisor measures), not by
     * the underlying normal's: sigma^2 = ln(1 + sd^2/mean^2), mu = ln(mean) - sigma^2/2.
     */
    record LogNormal(double mean, double sd) implements Distribution {
        public LogNormal {
            if (!(mean > 0) || !(sd > 0)) {
                throw new IllegalArgumentException("mean and sd must be > 0");
            }
        }

        double sigma() {
            return Math.sqrt(Math.log1p(sd * sd / (mean * mean)));
        }

        double mu() {
            double s = sigma();
            return Math.log(mean) - s * s / 2;
        }

        @Override
        public double sample(RandomGenerator random) {
            return Math.exp(mu() + sigma() * random.nextGaussian());
        }
    }

    /** Resampling from observed values, each equally likely. */
    record Empirical(double[] values) implements Distribution {
        public Empirical {
            if (values.length == 0) {
                throw new IllegalArgumentException("needs at least one value");
            }
            values = values.clone();
        }

        @Override
        public double sample(RandomGenerator random) {
            return values[random.nextInt(values.length)];
        }

        @Override
        public double mean() {
            return Arrays.stream(values).average().orElseThrow();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Empirical e && Arrays.equals(values, e.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return "Empirical[" + values.length + " values, mean " + mean() + "]";
        }
    }

    /** Always the same value. */
    record Constant(double value) implements Distribution {
        @Override
        public double sample(RandomGenerator random) {
            return value;
        }

        @Override
        public double mean() {
            return value;
        }
    }

    /** Uniform on [min, max). */
    record Uniform(double min, double max) implements Distribution {
        public Uniform {
            if (!(max >= min)) {
                throw new IllegalArgumentException("max must be >= min");
            }
        }

        @Override
        public double sample(RandomGenerator random) {
            return min + (max - min) * random.nextDouble();
        }

        @Override
        public double mean() {
            return (min + max) / 2;
        }
    }
}
