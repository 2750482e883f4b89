package com.callbackdesk.whatif;

import com.callbackdesk.planning.retry.PolicyValidationException;
import com.callbackdesk.planning.retry.RetryPolicy;
import com.callbackdesk.whatif.model.Experiment;
import com.callbackdesk.whatif.model.PolicyRun;
import com.callbackdesk.whatif.report.Comparison;
import com.callbackdesk.whatif.report.HtmlReport;
import com.callbackdesk.whatif.report.JsonReport;
import com.callbackdesk.whatif.report.TextReport;
import com.callbackdesk.whatif.scenario.Scenario;
import com.callbackdesk.whatif.scenario.ScenarioException;
import com.callbackdesk.whatif.scenario.ScenarioParser;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The what-if command:
 * <pre>
 * what-if --scenario s.yaml --policy current.yaml --policy proposed.yaml [--json] [--html report.html]
 *         [--replications N] [--seed N] [--days N]
 * </pre>
 * Runs the scenario's replications under each policy (the production RetryPolicy YAML format)
 * and prints the side-by-side table, or JSON with {@code --json}; {@code --html} also writes a
 * self-contained report. Without {@code --policy} the default policy runs (an always-open
 * scenario needs none). Exit status: 0 done, 2 bad arguments, scenario or policy.
 */
public final class WhatIf {
    private static final Logger LOG = LogManager.getLogger(WhatIf.class);

    static final String USAGE = """
            usage: what-if --scenario <scenario.yaml> [--policy <policy.yaml>]... [--json] [--html <report.html>]
                           [--replications N] [--seed N] [--days N]
              --scenario      the scenario (docs/WHAT-IF.md)
              --policy        a retry policy in the production YAML format (repeat to compare; default: the default policy)
              --json          print JSON instead of the table
              --html FILE     also write a self-contained HTML report with charts
              --replications, --seed, --days   override the scenario's values
            """;

    private WhatIf() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs the command; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path scenarioFile = null;
        List<Path> policyFiles = new ArrayList<>();
        boolean json = false;
        Path html = null;
        Integer replications = null;
        Long seed = null;
        Integer days = null;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--scenario" -> scenarioFile = Path.of(value(args, ++i, a));
                    case "--policy" -> policyFiles.add(Path.of(value(args, ++i, a)));
                    case "--json" -> json = true;
                    case "--html" -> html = Path.of(value(args, ++i, a));
                    case "--replications" -> replications = Integer.parseInt(value(args, ++i, a));
                    case "--seed" -> seed = Long.parseLong(value(args, ++i, a));
                    case "--days" -> days = Integer.parseInt(value(args, ++i, a));
                    case "-h", "--help" -> {
                        out.print(USAGE);
                        return 0;
                    }
                    default -> throw new IllegalArgumentException("unknown argument '" + a + "'");
                }
            }
            if (scenarioFile == null) {
                throw new IllegalArgumentException("--scenario is required");
            }
            if ((replications != null && replications < 1) || (days != null && days < 1)) {
                throw new IllegalArgumentException("--replications and --days must be at least 1");
            }
        } catch (IllegalArgumentException e) {
            err.println("what-if: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }

        Scenario scenario;
        try {
            scenario = override(ScenarioParser.read(scenarioFile), replications, seed, days);
        } catch (ScenarioException e) {
            err.println("what-if: " + scenarioFile + " is not a valid scenario:");
            e.problems().forEach(p -> err.println("  " + p));
            return 2;
        }
        Map<String, RetryPolicy> policies = new LinkedHashMap<>();
        boolean bad = false;
        for (Path p : policyFiles) {
            String name = p.getFileName().toString().replaceFirst("\\.ya?ml$", "");
            if (policies.containsKey(name)) {
                name = p.toString();
            }
            try {
                policies.put(name, RetryPolicy.load(p));
            } catch (PolicyValidationException e) {
                err.println("what-if: " + p + " is not a valid retry policy:");
                e.problems().forEach(x -> err.println("  " + x));
                bad = true;
            }
        }
        if (bad) {
            return 2;
        }
        if (policies.isEmpty()) {
            policies.put(scenario.calendar() instanceof Scenario.CalendarSpec.AlwaysOpen ? "no-calendar" : "defaults",
                    RetryPolicy.defaults());
        }

        List<PolicyRun> runs = new ArrayList<>();
        for (Map.Entry<String, RetryPolicy> e : policies.entrySet()) {
            LOG.info("running '{}': {} day(s) x {} replication(s)", e.getKey(), scenario.days(), scenario.replications());
            runs.add(Experiment.run(scenario, e.getKey(), e.getValue()));
        }
        Comparison comparison = new Comparison(scenario, runs);
        out.print(json ? JsonReport.render(comparison) + "\n" : TextReport.render(comparison));
        if (html != null) {
            try {
                Files.writeString(html, HtmlReport.render(comparison), StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("what-if: cannot write " + html + ": " + e.getMessage());
                return 1;
            }
            if (!json) {
                out.println("HTML report: " + html.toAbsolutePath());
            }
        }
        return 0;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    /** The scenario with the given values replaced (null keeps the scenario's); also used by the console's "try it first". */
    public static Scenario override(Scenario s, Integer replications, Long seed, Integer days) {
        return new Scenario(s.name(), seed == null ? s.seed() : seed, days == null ? s.days() : days,
                replications == null ? s.replications() : replications, s.start(), s.warmupHours(), s.calendar(),
                s.arrivals(), s.categories(), s.personas(), s.consultants(), s.calls());
    }
}
