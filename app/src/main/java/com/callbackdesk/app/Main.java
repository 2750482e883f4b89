package com.callbackdesk.app;

import com.callbackdesk.demo.Demo;
import com.callbackdesk.server.Serve;
import com.callbackdesk.whatif.WhatIf;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/**
 * {@code callback-desk demo | serve | contact | account | consultant | pbx | prompts | what-if | help}: the one jar's command
 * line (picocli). Every command takes {@code --help}; an unknown option or a misspelt command is
 * refused with the usage and exit status 2, as is input a command refuses (an
 * {@link IllegalArgumentException} naming the field).
 */
@Command(name = "callback-desk", synopsisHeading = "usage: ", usageHelpWidth = 110,
        description = "Callback Desk: callback queue and IVR for Asterisk (README.md).",
        subcommands = {Main.DemoCommand.class, Main.ServeCommand.class, ContactCommand.class, AccountCommand.class,
                ConsultantCommand.class, PbxCommand.class, PromptsCommand.class, HelpCommand.class})
public final class Main implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    private boolean help;

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        // Before anything touches java.util.logging: what dependencies log through JUL goes to Log4j2.
        System.setProperty("java.util.logging.manager", "org.apache.logging.log4j.jul.LogManager");
        System.exit(execute(args, System.out, System.err));
    }

    /** Runs the command line; returns the exit status (0 done, 2 bad usage or input, 1 failed). */
    static int execute(String[] args, PrintStream out, PrintStream err) {
        return commandLine(out, err).execute(args);
    }

    static CommandLine commandLine(PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new Main());
        // The simulator runs the production planner, calendar and queue order (docs/WHAT-IF.md).
        cli.addSubcommand("what-if", WhatIf.commandLine(out, err));
        return CommandLines.prepare(cli, out, err);
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "a command is required");
    }

    @Command(name = "demo", synopsisHeading = "usage: ", usageHelpWidth = 110,
            description = {"Start everything on embedded defaults (H2, FastAGI, routes, Quartz) plus the simulated PBX,",
                    "place 22 calls from mixed caller personas, call some back when due and print the result.",
                    "The whole desk runs on the demo's clock: 10:00 office time on a weekday, then real speed."})
    static final class DemoCommand implements Callable<Integer> {
        @Option(names = {"--stay", "--keep-open"}, description = "keep the desk up afterwards (console, API)")
        boolean stay;

        @Mixin
        ConfigOption config = new ConfigOption();

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
        boolean help;

        @Override
        public Integer call() throws Exception {
            return new Demo(config.config(), stay).run(System.out);
        }
    }

    @Command(name = "serve", synopsisHeading = "usage: ",
            description = "Start FastAGI, routes, storage and HTTP for a real Asterisk (docs/DEPLOYMENT.md).")
    static final class ServeCommand implements Callable<Integer> {
        @Mixin
        ConfigOption config = new ConfigOption();

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
        boolean help;

        @Override
        public Integer call() throws Exception {
            return Serve.run(config.config());
        }
    }
}
