package com.callbackdesk.whatif;

import com.callbackdesk.planning.retry.PolicyValidationException;
import com.callbackdesk.planning.retry.RetryPolicy;
import com.callbackdesk.whatif.model.Experiment;
import com.callbackdesk.whatif.model.PolicyRun;
import com.callbackdesk.whatif.report.Ansi;
import com.callbackdesk.whatif.report.Comparison;
import com.callbackdesk.whatif.report.HtmlReport;
import com.callbackdesk.whatif.report.JsonReport;
import com.callbackdesk.whatif.report.TextReport;
import com.callbackdesk.whatif.scenario.Scenario;
import com.callbackdesk.whatif.scenario.ScenarioException;
import com.callbackdesk.whatif.scenario.ScenarioParser;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The what-if command:
 * <pre>
 * what-if --scenario s.yaml --policy current.yaml --policy proposed.yaml [--verbose] [--json] [--html report.html]
 *         [--replications N] [--seed N] [--days N] [--[no-]color]
 * </pre>
 * Runs the scenario's replications under each policy (the production RetryPolicy YAML format)
 * and prints the verdict: for each headline figure, whether a policy differs detectably from
 * the first and in whose favour ({@code --verbose} adds every figure, the replications and the
 * simulator's checks), or JSON with {@code --json}; {@code --html} also writes a self-contained
 * report. Without {@code --policy} the default policy runs (an always-open scenario needs none).
 * Exit status: 0 done, 2 bad arguments, scenario or policy. The options are picocli's;
 * {@code callback-desk what-if} is this same command.
 */
@Command(name = "what-if", sortOptions = false, synopsisHeading = "usage: ", usageHelpWidth = 110,
        customSynopsis = {"what-if --scenario <scenario.yaml> [--policy <policy.yaml>]... [--verbose] [--json]",
                "               [--html <report.html>] [--replications N] [--seed N] [--days N] [--[no-]color]"},
        description = "Try retry policies on a simulated month first (docs/WHAT-IF.md).")
public final class WhatIf implements Callable<Integer> {
    private static final Logger LOG = LogManager.getLogger(WhatIf.class);

    // Checked in call(), not by picocli, so that a misspelt option is named before a missing one.
    @Option(names = "--scenario", paramLabel = "FILE", description = "the scenario (docs/WHAT-IF.md); required")
    private Path scenarioFile;

    @Option(names = "--policy", paramLabel = "FILE",
            description = "a retry policy in the production YAML format; repeat to compare, the first (policy A) with each of the others (default: the default policy)")
    private List<Path> policyFiles = new ArrayList<>();

    @Option(names = {"-v", "--verbose"},
            description = "after the verdict, every figure, the replications with their seeds and the simulator's checks")
    private boolean verbose;

    @Option(names = "--json", description = "print every figure as JSON instead (the verdict included)")
    private boolean json;

    @Option(names = "--html", paramLabel = "FILE",
            description = "also write a self-contained HTML report: the verdict and charts (with --verbose, every figure too)")
    private Path html;

    @Option(names = "--replications", paramLabel = "N", description = "override the scenario's replications")
    private Integer replications;

    @Option(names = "--seed", paramLabel = "N", description = "override the scenario's seed")
    private Long seed;

    @Option(names = "--days", paramLabel = "N", description = "override the scenario's days")
    private Integer days;

    @Option(names = "--color", negatable = true,
            description = "colour the verdict (default: on a terminal, unless NO_COLOR is set)")
    private Boolean color;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    private boolean help;

    @Spec
    private CommandSpec spec;

    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;
    private final Map<String, String> environment;

    /** The command writing its report to {@code out} and its complaints to {@code err}. */
    public WhatIf(PrintStream out, PrintStream err) {
        this(out, err, out == System.out && stdoutIsTerminal(), System.getenv());
    }

    /**
     * @param terminal     whether {@code out} is a terminal (colour by default)
     * @param environment  the environment ({@code NO_COLOR}, {@code TERM})
     */
    public WhatIf(PrintStream out, PrintStream err, boolean terminal, Map<String, String> environment) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
        this.environment = Map.copyOf(environment);
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs the command; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return commandLine(out, err).execute(args);
    }

    /** The command ready to execute; {@code callback-desk} adds it as its {@code what-if} subcommand. */
    public static CommandLine commandLine(PrintStream out, PrintStream err) {
        return commandLine(new WhatIf(out, err), out, err);
    }

    /** The command as if {@code out} were a terminal or not, in the given environment (tests). */
    public static CommandLine commandLine(PrintStream out, PrintStream err, boolean terminal, Map<String, String> environment) {
        return commandLine(new WhatIf(out, err, terminal, environment), out, err);
    }

    private static CommandLine commandLine(WhatIf command, PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setParameterExceptionHandler(WhatIf::badUsage);
        return cli;
    }

    /** Names the bad argument as the command always has, then the usage; exit status 2. */
    private static int badUsage(ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        String message = e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()
                ? "unknown argument '" + u.getUnmatched().get(0) + "'" : e.getMessage();
        cli.getErr().println("what-if: " + message);
        cli.usage(cli.getErr());
        return cli.getCommandSpec().exitCodeOnInvalidInput();
    }

    @Override
    public Integer call() {
        if (scenarioFile == null) {
            throw new ParameterException(spec.commandLine(), "--scenario is required");
        }
        if ((replications != null && replications < 1) || (days != null && days < 1)) {
            throw new ParameterException(spec.commandLine(), "--replications and --days must be at least 1");
        }
        Scenario scenario;
        try {
            scenario = override(ScenarioParser.read(scenarioFile), replications, seed, days);
        } catch (ScenarioException e) {
            err.println("what-if: " + scenarioFile + " is not a valid scenario:");
            e.problems().forEach(p -> err.println("  " + p));
            return 2;
        }
        Map<String, RetryPolicy> policies = policies();
        if (policies == null) {
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
        out.print(json ? JsonReport.render(comparison) + "\n"
                : TextReport.render(comparison, verbose, Ansi.wanted(color, terminal, environment)));
        if (html != null) {
            try {
                Files.writeString(html, HtmlReport.render(comparison, verbose), StandardCharsets.UTF_8);
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

    /** Whether standard output is a terminal: a console exists (standard input and output are terminals). */
    private static boolean stdoutIsTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // From Java 22 a console exists even when redirected; isTerminal() then tells.
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /** Each policy file by its name; null when any is invalid (each problem printed). */
    private Map<String, RetryPolicy> policies() {
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
        return bad ? null : policies;
    }

    /** The scenario with the given values replaced (null keeps the scenario's); also used by the console's "try it first". */
    public static Scenario override(Scenario s, Integer replications, Long seed, Integer days) {
        return new Scenario(s.name(), seed == null ? s.seed() : seed, days == null ? s.days() : days,
                replications == null ? s.replications() : replications, s.start(), s.warmupHours(), s.calendar(),
                s.arrivals(), s.categories(), s.personas(), s.consultants(), s.calls());
    }
}
