package com.callbackdesk.app;

import com.callbackdesk.demo.Demo;
import com.callbackdesk.server.AppConfig;
import com.callbackdesk.server.Serve;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * {@code callback-desk demo | serve [--config file] | what-if ...}
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        // Before anything touches java.util.logging: what dependencies log through JUL goes to Log4j2.
        System.setProperty("java.util.logging.manager", "org.apache.logging.log4j.jul.LogManager");
        if (args.length == 0) {
            usage();
            System.exit(2);
        }
        String command = args[0];
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        int exit;
        try {
            exit = switch (command) {
                case "demo" -> new Demo(config(rest), Arrays.asList(rest).contains("--stay")
                        || Arrays.asList(rest).contains("--keep-open")).run(System.out);
                case "contact" -> ContactCommand.run(rest, config(rest), System.out);
                case "serve" -> Serve.run(config(rest));
                // API / console accounts (docs/API.md)
                case "account" -> AccountCommand.run(rest, config(rest), System.out, System.err);
                // The simulator runs the production planner, calendar and queue order (docs/WHAT-IF.md).
                case "what-if" -> com.callbackdesk.whatif.WhatIf.run(rest, System.out, System.err);
                case "-h", "--help", "help" -> {
                    usage();
                    yield 0;
                }
                default -> {
                    System.err.println("unknown command: " + command);
                    usage();
                    yield 2;
                }
            };
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            exit = 2;
        }
        System.exit(exit);
    }

    private static AppConfig config(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config")) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("--config needs a file");
                }
                return AppConfig.load(Path.of(args[i + 1]));
            }
        }
        return AppConfig.defaults();
    }

    private static void usage() {
        System.err.println("""
                usage: callback-desk <command> [options]
                  demo [--stay]        start everything on embedded defaults (H2, FastAGI, routes) plus the
                                       simulated PBX, place 22 calls from mixed caller personas, print the result
                  contact --number +886... --email a@b.tw --why "..." [--by login] [--config f]
                                       set a caller's e-mail address for screenshot links (story 7)
                  serve [--config f]   start FastAGI + routes + storage for a real Asterisk (docs/DEPLOYMENT.md)
                  what-if --scenario s.yaml --policy current.yaml [--policy proposed.yaml] [--json] [--html f]
                                       try retry policies on a simulated month first (docs/WHAT-IF.md)
                  account create|set-password|role|list ...
                                       API / console accounts (docs/API.md; `account` alone for usage)""");
    }
}
