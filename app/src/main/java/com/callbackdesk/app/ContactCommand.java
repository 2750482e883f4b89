package com.callbackdesk.app;

import com.callbackdesk.callback.Actor;
import com.callbackdesk.server.AppConfig;
import com.callbackdesk.server.CallbackDesk;
import com.callbackdesk.storage.Database;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.time.Clock;
import java.util.concurrent.Callable;

/**
 * {@code contact --number +886912345678 --email mei@example.tw --why "asked on the phone" [--by login]}:
 * sets the e-mail address screenshot links go to in the configured database.
 * Bad input is refused naming the field; nothing is written then.
 */
@Command(name = "contact", synopsisHeading = "usage: ",
        description = "Set a caller's e-mail address for screenshot links (docs/DEPLOYMENT.md).")
final class ContactCommand implements Callable<Integer> {

    @Option(names = "--number", required = true, paramLabel = "E164", description = "the caller's number, e.g. +886912345678")
    String number;

    @Option(names = "--email", required = true, paramLabel = "ADDRESS", description = "where screenshot links go")
    String email;

    @Option(names = "--why", required = true, paramLabel = "TEXT", description = "the reason, kept in the audit trail")
    String why;

    @Option(names = "--by", paramLabel = "LOGIN", description = "the supervisor who asked (default: the command line)")
    String by;

    @Mixin
    ConfigOption config = new ConfigOption();

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    boolean help;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs {@code contact ...} on a configuration the caller already holds (tests); returns the exit status. */
    static int run(String[] args, AppConfig config, PrintStream out, PrintStream err) {
        ContactCommand command = new ContactCommand();
        command.config.given = config;
        CommandLine cli = new CommandLine(command);
        return CommandLines.prepare(cli, out, err).execute(args);
    }

    @Override
    public Integer call() {
        AppConfig desk = config.config();
        desk.validate();
        try (Database database = Database.open(desk.database.settings())) {
            Actor who = by == null ? Actor.system("cli") : Actor.supervisor(by);
            CallbackDesk.deskOn(database, desk, Clock.systemUTC()).contacts().setEmail(number, email, who, why);
        }
        spec.commandLine().getOut().printf("E-mail address of %s set; screenshot links chosen by e-mail go to it.%n", number);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
