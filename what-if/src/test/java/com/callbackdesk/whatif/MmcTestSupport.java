package com.callbackdesk.whatif;

import com.callbackdesk.whatif.scenario.Scenario;
import com.callbackdesk.whatif.scenario.ScenarioParser;

import java.util.Locale;

/** Builds M/M/c scenarios in the scenario YAML format, as a supervisor would write them. */
final class MmcTestSupport {

    private MmcTestSupport() {
    }

    /** lambda per hour, mean handle time in minutes, c consultants. */
    static Scenario mmc(double lambdaPerHour, double meanHandleMinutes, int c, int days, int replications, long seed) {
        String yaml = String.format(Locale.ROOT, """
                name: M/M/%d
                seed: %d
                days: %d
                replications: %d
                warmup: 1d
                calendar: always-open
                arrivals:
                  poisson:
                    perHour: %s
                personas:
                  - {name: answers, share: 1, answers: 1}
                consultants:
                  - group: desk
                    handleTime: {kind: exponential, mean: %sm}
                    shifts:
                      - {always: true, count: %d}
                calls: {ringNoAnswer: 0s, answerAfter: 0s, shortCall: 0s}
                """, c, seed, days, replications, lambdaPerHour, meanHandleMinutes, c);
        return ScenarioParser.parse(yaml, null);
    }
}
