package com.callbackdesk.app;

import com.callbackdesk.server.AppConfig;
import com.callbackdesk.server.CallbackDesk;
import com.callbackdesk.callback.Actor;
import com.callbackdesk.storage.Database;

import java.io.PrintStream;
import java.time.Clock;

/**
 * {@code contact --number +886912345678 --email mei@example.tw --why "asked on the phone" [--by login]}:
 * sets the e-mail address screenshot links go to (MISSION story 7) in the configured database.
 * Bad input is refused naming the field; nothing is written then.
 */
final class ContactCommand {

    private ContactCommand() {
    }

    static int run(String[] args, AppConfig config, PrintStream out) {
        String number = option(args, "--number");
        String email = option(args, "--email");
        String why = option(args, "--why");
        String by = option(args, "--by");
        if (number == null || email == null || why == null) {
            throw new IllegalArgumentException("contact needs --number <E.164>, --email <address> and --why <reason>");
        }
        config.validate();
        try (Database database = Database.open(config.database.settings())) {
            Actor who = by == null ? Actor.system("cli") : Actor.supervisor(by);
            CallbackDesk.deskOn(database, config, Clock.systemUTC()).contacts().setEmail(number, email, who, why);
        }
        out.printf("E-mail address of %s set; screenshot links chosen by e-mail go to it.%n", number);
        return 0;
    }

    private static String option(String[] args, String name) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return null;
    }
}
