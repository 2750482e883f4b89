package com.callbackdesk.whatif.stats;

/**
 * Steady-state M/M/c results (queueing theory), the yardstick the simulator is checked against.
 * Arrival rate {@code lambda}, service rate per server {@code mu}, {@code c} servers, FIFO,
 * infinite queue, {@code lambda < c mu}.
 */
public record ErlangC(double lambda, double mu, int c) {

    public ErlangC {
        if (!(lambda > 0) || !(mu > 0) || c < 1) {
            throw new IllegalArgumentException("lambda > 0, mu > 0, c >= 1 required");
        }
        if (lambda >= c * mu) {
            throw new IllegalArgumentException("unstable: lambda >= c mu (" + lambda + " >= " + c * mu + ")");
        }
    }

    /** Offered load in Erlangs, a = lambda / mu. */
    public double offeredLoad() {
        return lambda / mu;
    }

    /** Server utilisation rho = lambda / (c mu). */
    public double utilisation() {
        return lambda / (c * mu);
    }

    /** Erlang B blocking probability, by the stable recursion B(k) = a B(k-1) / (k + a B(k-1)). */
    public double erlangB() {
        double a = offeredLoad();
        double b = 1;
        for (int k = 1; k <= c; k++) {
            b = a * b / (k + a * b);
        }
        return b;
    }

    /** Probability an arrival has to wait (Erlang C): C = B / (1 - rho (1 - B)). */
    public double probabilityOfWaiting() {
        double b = erlangB();
        double rho = utilisation();
        return b / (1 - rho * (1 - b));
    }

    /** Mean wait in queue, Wq = C / (c mu - lambda). */
    public double meanWait() {
        return probabilityOfWaiting() / (c * mu - lambda);
    }

    /** Mean time in system, W = Wq + 1/mu. */
    public double meanSojourn() {
        return meanWait() + 1 / mu;
    }

    /** Mean number waiting, Lq = lambda Wq (Little). */
    public double meanQueueLength() {
        return lambda * meanWait();
    }

    /** Mean number in system, L = lambda W (Little). */
    public double meanInSystem() {
        return lambda * meanSojourn();
    }
}
