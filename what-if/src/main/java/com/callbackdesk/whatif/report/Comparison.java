package com.callbackdesk.whatif.report;

import com.callbackdesk.whatif.model.Metric;
import com.callbackdesk.whatif.model.PolicyRun;
import com.callbackdesk.whatif.model.RunResult;
import com.callbackdesk.whatif.scenario.Scenario;
import com.callbackdesk.whatif.stats.Estimate;
import com.callbackdesk.whatif.stats.Tally;

import java.util.List;

/**
 * The runs of one scenario under several policies, side by side. Policies after the first are
 * also compared with the first replication by replication: replication r of every policy saw
 * the same callers, so the paired difference has a much tighter interval than the two
 * intervals suggest.
 */
public record Comparison(Scenario scenario, List<PolicyRun> policies) {

    /** The paired difference {@code policy i - policy 0} for {@code m}, mean and 95 % CI over replications. */
    public Estimate difference(int i, Metric m) {
        List<RunResult> base = policies.get(0).runs();
        List<RunResult> other = policies.get(i).runs();
        Tally t = new Tally();
        for (int r = 0; r < Math.min(base.size(), other.size()); r++) {
            double d = other.get(r).get(m) - base.get(r).get(m);
            if (!Double.isNaN(d)) {
                t.add(d);
            }
        }
        return t.estimate(PolicyRun.LEVEL);
    }

    /** The largest Little's-law discrepancy over every run of every policy. */
    public double maxLittleError() {
        return policies.stream().mapToDouble(PolicyRun::maxLittleError).max().orElse(0);
    }
}
