package com.callbackdesk.app;

import com.callbackdesk.server.AppConfig;
import com.callbackdesk.server.CallbackDesk;
import com.callbackdesk.account.Role;
import com.callbackdesk.account.UserAccount;
import com.callbackdesk.account.UserAccounts;
import com.callbackdesk.callback.Actor;
import com.callbackdesk.storage.Database;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code account}: API / console accounts on the configured database, each change audited with
 * who (the operating-system user running the command) and why.
 *
 * <pre>
 * account create &lt;login&gt; --role consultant|supervisor [--name "Display Name"] [--consultant &lt;login&gt;] [--why text]
 * account set-password &lt;login&gt; [--why text]
 * account role &lt;login&gt; consultant|supervisor [--why text]
 * account list
 * </pre>
 * Passwords are read from the terminal without echo (twice), or as the first line of standard
 * input when there is no terminal (scripts) — never from the command line, where {@code ps} and
 * the shell history would show them.
 */
final class AccountCommand {

    private AccountCommand() {
    }

    static int run(String[] args, AppConfig config, PrintStream out, PrintStream err) throws IOException {
        List<String> pos = new ArrayList<>();
        String role = null;
        String name = null;
        String consultant = null;
        String why = "account command";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--role" -> role = value(args, ++i, "--role");
                case "--name" -> name = value(args, ++i, "--name");
                case "--consultant" -> consultant = value(args, ++i, "--consultant");
                case "--why" -> why = value(args, ++i, "--why");
                case "--config" -> i++; // read by Main
                default -> pos.add(args[i]);
            }
        }
        if (pos.isEmpty()) {
            throw new IllegalArgumentException(usage());
        }
        Actor who = Actor.system("cli:" + System.getProperty("user.name", "unknown"));
        try (Database db = Database.open(config.database.settings())) {
            UserAccounts accounts = CallbackDesk.deskOn(db, config, Clock.systemUTC()).accounts();
            switch (pos.get(0)) {
                case "create" -> {
                    String login = arg(pos, 1, "login");
                    if (role == null) {
                        throw new IllegalArgumentException("--role: required (consultant or supervisor)");
                    }
                    char[] password = password(out);
                    UserAccount a = accounts.create(login, name == null ? login : name, Role.parse(role), consultant,
                            password, who, why);
                    Arrays.fill(password, ' ');
                    out.printf("created %s (%s%s)%n", a.login(), a.role().lower(),
                            a.consultant() == null ? "" : ", consultant " + a.consultant());
                }
                case "set-password" -> {
                    String login = arg(pos, 1, "login");
                    char[] password = password(out);
                    accounts.setPassword(login, password, who, why);
                    Arrays.fill(password, ' ');
                    out.printf("password of %s changed%n", login);
                }
                case "role" -> {
                    UserAccount a = accounts.setRole(arg(pos, 1, "login"), Role.parse(arg(pos, 2, "role")), who, why);
                    out.printf("%s is now %s%n", a.login(), a.role().lower());
                }
                case "list" -> accounts.list().forEach(a -> out.printf("%-20s %-10s %-20s %s%n", a.login(),
                        a.role().lower(), a.consultant() == null ? "-" : a.consultant(), a.displayName()));
                default -> throw new IllegalArgumentException("unknown account command: " + pos.get(0) + "\n" + usage());
            }
        } catch (java.util.NoSuchElementException e) {
            err.println(e.getMessage());
            return 1;
        }
        return 0;
    }

    static String usage() {
        return """
                usage: callback-desk account create <login> --role consultant|supervisor [--name "Name"] [--consultant <login>]
                       callback-desk account set-password <login>
                       callback-desk account role <login> consultant|supervisor
                       callback-desk account list
                       (each takes [--config f] [--why text]; passwords are read from the terminal or stdin)""";
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + ": needs a value");
        }
        return args[i];
    }

    private static String arg(List<String> pos, int i, String what) {
        if (pos.size() <= i) {
            throw new IllegalArgumentException(what + ": required\n" + usage());
        }
        return pos.get(i);
    }

    private static char[] password(PrintStream out) throws IOException {
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
