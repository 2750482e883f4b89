package com.callbackdesk.app;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintStream;
import java.io.PrintWriter;

/** How every command of the jar is run: its output and complaints, and what a refusal exits with. */
final class CommandLines {

    private CommandLines() {
    }

    /** The command writing to {@code out} and {@code err}; refused input exits 2 like bad usage. */
    static CommandLine prepare(CommandLine cli, PrintStream out, PrintStream err) {
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setExecutionExceptionHandler(CommandLines::refused);
        cli.setParameterExceptionHandler(CommandLines::badUsage);
        return cli;
    }

    /** Bad usage: what was wrong, picocli's "did you mean", and always the usage of the command concerned; exit 2. */
    private static int badUsage(ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        PrintWriter err = cli.getErr();
        err.println(e.getMessage());
        UnmatchedArgumentException.printSuggestions(e, err);
        cli.usage(err);
        return cli.getCommandSpec().exitCodeOnInvalidInput();
    }

    /**
     * Input a command refuses (an IllegalArgumentException naming the field: a bad configuration,
     * number or role) is said without a stack trace and exits 2; anything else is a failure.
     */
    private static int refused(Exception e, CommandLine cli, ParseResult parsed) throws Exception {
        if (e instanceof IllegalArgumentException) {
            cli.getErr().println(e.getMessage());
            return cli.getCommandSpec().exitCodeOnInvalidInput();
        }
        throw e;
    }
}
