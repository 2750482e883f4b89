package com.callbackdesk.app;

import com.callbackdesk.account.Role;
import com.callbackdesk.account.UserAccount;
import com.callbackdesk.account.UserAccounts;
import com.callbackdesk.callback.Actor;
import com.callbackdesk.consultant.ConsultantProfile;
import com.callbackdesk.desk.Desk;
import com.callbackdesk.server.AppConfig;
import com.callbackdesk.server.CallbackDesk;
import com.callbackdesk.storage.Database;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;

/**
 * {@code account}: API / console accounts on the configured database, each change audited with
 * who (the operating-system user running the command) and why.
 *
 * <pre>
 * account create &lt;login&gt; --role consultant|supervisor [--name "Display Name"] [--consultant &lt;login&gt;] [--why text]
 *   (a --consultant login not on the roster yet is added with defaults, see {@link ConsultantCommand})
 * account set-password &lt;login&gt; [--why text]
 * account role &lt;login&gt; consultant|supervisor [--why text]
 * account link &lt;login&gt; --consultant &lt;login&gt; | --none [--why text]
 * account list
 * </pre>
 * Passwords are read from the terminal without echo (twice), or as the first line of standard
 * input when there is no terminal (scripts) — never from the command line, where {@code ps} and
 * the shell history would show them.
 */
@Command(name = "account", synopsisHeading = "usage: ", description = "API / console accounts (docs/API.md).",
        subcommands = {AccountCommand.Create.class, AccountCommand.SetPassword.class, AccountCommand.ChangeRole.class,
                AccountCommand.Link.class, AccountCommand.ListAccounts.class})
final class AccountCommand implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    boolean help;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "an account command is required");
    }

    /**
     * Runs {@code account ...} on a configuration the caller already holds (tests); returns the exit
     * status, complaints going to {@code err}.
     */
    static int run(String[] args, AppConfig config, PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new AccountCommand());
        cli.getSubcommands().values().forEach(sub -> ((Change) sub.getCommand()).options.config.given = config);
        return CommandLines.prepare(cli, out, err).execute(args);
    }

    /** What every account command takes. */
    static final class Common {
        @Mixin
        ConfigOption config = new ConfigOption();

        @Option(names = "--why", paramLabel = "TEXT", defaultValue = "account command",
                description = "the reason, kept in the account's history (default: ${DEFAULT-VALUE})")
        String why;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
        boolean help;
    }

    /** One change on the configured database, as the operating-system user running the command. */
    abstract static class Change implements Callable<Integer> {
        @Mixin
        Common options = new Common();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            Actor who = Actor.system("cli:" + System.getProperty("user.name", "unknown"));
            PrintWriter out = spec.commandLine().getOut();
            try (Database db = Database.open(options.config.config().database.settings())) {
                apply(CallbackDesk.deskOn(db, options.config.config(), Clock.systemUTC()), who, out);
            } catch (NoSuchElementException e) {
                spec.commandLine().getErr().println(e.getMessage());
                return 1;
            }
            out.flush();
            return 0;
        }

        void apply(Desk desk, Actor who, PrintWriter out) throws IOException {
            apply(desk.accounts(), who, out);
        }

        abstract void apply(UserAccounts accounts, Actor who, PrintWriter out) throws IOException;
    }

    @Command(name = "create", synopsisHeading = "usage: ", description = "Create an account; the password is read from the terminal or stdin.")
    static final class Create extends Change {
        @Parameters(index = "0", paramLabel = "LOGIN")
        String login;

        // Not required by picocli: the message names the field the way the desk names fields.
        @Option(names = "--role", paramLabel = "ROLE", description = "consultant or supervisor; required")
        String role;

        @Option(names = "--name", paramLabel = "NAME", description = "display name (default: the login)")
        String name;

        @Option(names = "--consultant", paramLabel = "LOGIN", description = {"the consultant this account works the"
                + " queue as; a new login adds the consultant (display name, group IN_HOUSE, every product,",
                "endpoint PJSIP/<login>, supervisor with --role supervisor; change it with `consultant edit`)"})
        String consultant;

        @Override
        void apply(Desk desk, Actor who, PrintWriter out) throws IOException {
            if (role == null) {
                throw new IllegalArgumentException("--role: required (consultant or supervisor)");
            }
            Role r = Role.parse(role);
            String displayName = name == null ? login : name;
            String linked = consultant == null ? null : consultant.strip();
            ConsultantProfile added = linked == null || desk.roster().find(linked).isPresent() ? null
                    : ConsultantCommand.defaultProfile(linked, displayName, r == Role.SUPERVISOR);
            char[] password = password();
            UserAccount a = desk.roster().createAccount(login, displayName, r, linked, added, password, who,
                    options.why);
            Arrays.fill(password, ' ');
            out.printf("created %s (%s%s)%n", a.login(), a.role().lower(),
                    a.consultant() == null ? "" : ", consultant " + a.consultant()
                            + (added == null ? "" : " (added: " + ConsultantCommand.describe(added) + ")"));
        }

        @Override
        void apply(UserAccounts accounts, Actor who, PrintWriter out) {
            throw new UnsupportedOperationException("account create goes through the roster");
        }
    }

    @Command(name = "set-password", synopsisHeading = "usage: ", description = "Change a password (read from the terminal or stdin).")
    static final class SetPassword extends Change {
        @Parameters(index = "0", paramLabel = "LOGIN")
        String login;

        @Override
        void apply(UserAccounts accounts, Actor who, PrintWriter out) throws IOException {
            char[] password = password();
            accounts.setPassword(login, password, who, options.why);
            Arrays.fill(password, ' ');
            out.printf("password of %s changed%n", login);
        }
    }

    @Command(name = "role", synopsisHeading = "usage: ", description = "Give an account another role.")
    static final class ChangeRole extends Change {
        @Parameters(index = "0", paramLabel = "LOGIN")
        String login;

        @Parameters(index = "1", paramLabel = "ROLE", description = "consultant or supervisor")
        String role;

        @Override
        void apply(UserAccounts accounts, Actor who, PrintWriter out) {
            UserAccount a = accounts.setRole(login, Role.parse(role), who, options.why);
            out.printf("%s is now %s%n", a.login(), a.role().lower());
        }
    }

    @Command(name = "link", synopsisHeading = "usage: ",
            description = "Link an account to the consultant it works the queue as (a new login adds the consultant"
                    + " as create does), or unlink it.")
    static final class Link extends Change {
        @Parameters(index = "0", paramLabel = "LOGIN")
        String login;

        @Option(names = "--consultant", paramLabel = "LOGIN", description = "the consultant to link")
        String consultant;

        @Option(names = "--none", description = "unlink: the account no longer works the queue")
        boolean none;

        @Override
        void apply(Desk desk, Actor who, PrintWriter out) {
            if ((consultant == null) == !none) {
                throw new IllegalArgumentException("--consultant: give a consultant login, or --none to unlink");
            }
            UserAccount account = desk.accounts().find(login)
                    .orElseThrow(() -> new NoSuchElementException("no account " + login));
            String linked = consultant == null ? null : consultant.strip();
            ConsultantProfile added = linked == null || desk.roster().find(linked).isPresent() ? null
                    : ConsultantCommand.defaultProfile(linked, account.displayName(), account.supervisor());
            UserAccount a = desk.roster().linkAccount(login, linked, added, who, options.why);
            out.printf("%s %s%n", a.login(), a.consultant() == null ? "works no queue" : "works the queue as "
                    + a.consultant() + (added == null ? "" : " (added: " + ConsultantCommand.describe(added) + ")"));
        }

        @Override
        void apply(UserAccounts accounts, Actor who, PrintWriter out) {
            throw new UnsupportedOperationException("account link goes through the roster");
        }
    }

    @Command(name = "list", synopsisHeading = "usage: ", description = "List the accounts.")
    static final class ListAccounts extends Change {
        @Override
        void apply(UserAccounts accounts, Actor who, PrintWriter out) {
            accounts.list().forEach(a -> out.printf("%-20s %-10s %-20s %s%n", a.login(),
                    a.role().lower(), a.consultant() == null ? "-" : a.consultant(), a.displayName()));
        }
    }

    private static char[] password() throws IOException {
        Console console = System.console();
        if (console != null) {
            char[] first = console.readPassword("password: ");
            char[] again = console.readPassword("again: ");
            if (first == null || !Arrays.equals(first, again)) {
                throw new IllegalArgumentException("password: the two entries differ");
            }
            Arrays.fill(again, ' ');
            return first;
        }
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (line == null) {
            throw new IllegalArgumentException("password: expected on the first line of standard input");
        }
        return line.toCharArray();
    }
}
