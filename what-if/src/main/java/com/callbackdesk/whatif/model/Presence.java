package com.callbackdesk.whatif.model;

/**
 * Who is present (open requests, or requests waiting in the queue) for Little's law, kept two
 * ways: the time integral of the number present ({@code area}), and per individual the time
 * each spent present within [warmup, horizon] (summed at departure; for those still present
 * at the end, from {@code n} and the sum of their entry times).
 */
final class Presence {
    int n;
    double area;
    long counted;          // present at the warm-up, plus entries after it
    double departedTime;   // sum over departures after the warm-up of (leave - max(enter, warmup))
    double entrySum;       // sum over those present of max(enter, warmup)

    void enter(double t, double warmup) {
        n++;
        entrySum += Math.max(t, warmup);
        if (t >= warmup) {
            counted++;
        }
    }

    void leave(double entered, double t, double warmup) {
        n--;
        entrySum -= Math.max(entered, warmup);
        if (t > warmup) {
            departedTime += t - Math.max(entered, warmup);
        }
    }

    void resetAt(double warmup) {
        counted = n;
        entrySum = n * warmup;
        departedTime = 0;
        area = 0;
    }

    /** {L from the integral, lambda x W from the individual times}. */
    double[] little(double horizon, double span) {
        double total = departedTime + (n * horizon - entrySum);
        double l = area / span;
        double lambda = counted / span;
        double w = counted == 0 ? 0 : total / counted;
        return new double[] {l, lambda * w};
    }
}
