package com.callbackdesk.app;

import com.callbackdesk.callback.Actor;
import com.callbackdesk.callback.InvalidFieldException;
import com.callbackdesk.consultant.Consultant;
import com.callbackdesk.consultant.ConsultantProfile;
import com.callbackdesk.desk.Desk;
import com.callbackdesk.desk.roster.ConsultantChanges;
import com.callbackdesk.desk.roster.Roster;
import com.callbackdesk.ivr.prompts.MenuOption;
import com.callbackdesk.ivr.prompts.PromptCatalogue;
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

import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * {@code consultant}: the roster on the configured database — the desk's {@code Roster} use case,
 * the same the REST API and the console call; each change audited with who (the operating-system
 * user running the command) and why.
 *
 * <pre>
 * consultant add &lt;login&gt; --name "Display Name" [--group IN_HOUSE] [--skills ROUTER,NAS] [--categories ...]
 *                [--languages en,zh-TW] [--endpoint PJSIP/&lt;login&gt;] [--supervisor] [--why text]
 * consultant edit &lt;login&gt; [any of the above; --supervisor true|false] [--active true|false] [--why text]
 * consultant deactivate &lt;login&gt; [--why text]
 * consultant list
 * </pre>
 * Without {@code --skills} a new consultant takes every product of the IVR's menu; without
 * {@code --endpoint} their phone is {@code PJSIP/<login>}.
 */
@Command(name = "consultant", synopsisHeading = "usage: ", description = "The roster: consultants who take callbacks.",
        subcommands = {ConsultantCommand.Add.class, ConsultantCommand.Edit.class, ConsultantCommand.Deactivate.class,
                ConsultantCommand.ListConsultants.class})
final class ConsultantCommand implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    boolean help;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "a consultant command is required");
    }

    /** Runs {@code consultant ...} on a configuration the caller already holds (tests); returns the exit status. */
    static int run(String[] args, AppConfig config, PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new ConsultantCommand());
        cli.getSubcommands().values().forEach(sub -> ((Change) sub.getCommand()).options.config.given = config);
        return CommandLines.prepare(cli, out, err).execute(args);
    }

    /** The profile {@code account create --consultant} adds for a login not on the roster yet. */
    static ConsultantProfile defaultProfile(String login, String displayName, boolean supervisor) {
        try {
            return Roster.profile(login, displayName, null, allProducts(), null, null, null, supervisor);
        } catch (InvalidFieldException e) {
            // the consultant's login is what --consultant gave
            throw "login".equals(e.field()) ? new InvalidFieldException("--consultant",
                    e.getMessage().substring("login: ".length())) : e;
        }
    }

    /** Every product code of the IVR's menu. */
    static Set<String> allProducts() {
        Set<String> products = new TreeSet<>();
        PromptCatalogue.loadDefault().products().stream().map(MenuOption::code).forEach(products::add);
        return products;
    }

    static String describe(ConsultantProfile p) {
        return p.displayName() + ", " + p.group() + ", skills " + String.join(",", p.skills())
                + (p.categories().isEmpty() ? "" : ", categories " + String.join(",", p.categories()))
                + (p.languages().isEmpty() ? "" : ", languages " + String.join(",", p.languages()))
                + ", " + p.endpoint() + (p.supervisor() ? ", supervisor" : "");
    }

    /** What every consultant command takes. */
    static final class Common {
        @Mixin
        ConfigOption config = new ConfigOption();

        @Option(names = "--why", paramLabel = "TEXT", defaultValue = "consultant command",
                description = "the reason, kept in the consultant's history (default: ${DEFAULT-VALUE})")
        String why;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
        boolean help;
    }

    /** The profile options of add and edit. */
    static final class ProfileOptions {
        @Option(names = "--name", paramLabel = "NAME", description = "display name")
        String name;

        @Option(names = "--group", paramLabel = "GROUP",
                description = "team code: IN_HOUSE, OUTSOURCED, OUTSOURCED-<VENDOR>, ... (add: IN_HOUSE)")
        String group;

        @Option(names = "--skills", paramLabel = "PRODUCTS", split = ",",
                description = "product codes they take callbacks for (add: every product of the IVR menu)")
        List<String> skills;

        @Option(names = "--categories", paramLabel = "CATEGORIES", split = ",",
                description = "problem category codes they know (shown to supervisors)")
        List<String> categories;

        @Option(names = "--languages", paramLabel = "LANGS", split = ",", description = "languages they speak, e.g. en,zh-TW")
        List<String> languages;

        @Option(names = "--endpoint", paramLabel = "DIAL", description = "their phone: PJSIP/<endpoint> or"
                + " Local/<extension>@<context> (add: PJSIP/<login>)")
        String endpoint;
    }

    /** One change on the configured database, as the operating-system user running the command. */
    abstract static class Change implements Callable<Integer> {
        @Mixin
        Common options = new Common();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Actor who = Actor.system("cli:" + System.getProperty("user.name", "unknown"));
            PrintWriter out = spec.commandLine().getOut();
            try (Database db = Database.open(options.config.config().database.settings())) {
                apply(CallbackDesk.deskOn(db, options.config.config(), Clock.systemUTC()), who, out);
            } catch (NoSuchElementException | IllegalStateException e) {
                // no such consultant, or the change is refused as things stand (they hold a callback)
                spec.commandLine().getErr().println(e.getMessage());
                return 1;
            }
            out.flush();
            return 0;
        }

        abstract void apply(Desk desk, Actor who, PrintWriter out);
    }

    @Command(name = "add", synopsisHeading = "usage: ", description = "Add a consultant (away until they say they are available).")
    static final class Add extends Change {
        @Parameters(index = "0", paramLabel = "LOGIN")
        String login;

        @Mixin
        ProfileOptions profile = new ProfileOptions();

        @Option(names = "--supervisor", description = "a supervisor too: takes reputational-risk callbacks")
        boolean supervisor;

        @Override
        void apply(Desk desk, Actor who, PrintWriter out) {
            if (profile.name == null) {
                throw new IllegalArgumentException("--name: required (the consultant's display name)");
            }
            ConsultantProfile p = Roster.profile(login, profile.name, profile.group,
                    profile.skills == null ? allProducts() : profile.skills, profile.categories, profile.languages,
                    profile.endpoint, supervisor);
            Consultant c = desk.roster().add(p, who, options.why);
            out.printf("added %s (%s)%n", c.login(), describe(c.profile()));
        }
    }

    @Command(name = "edit", synopsisHeading = "usage: ", description = "Change what is given of a consultant.")
    static final class Edit extends Change {
        @Parameters(index = "0", paramLabel = "LOGIN")
        String login;

        @Mixin
        ProfileOptions profile = new ProfileOptions();

        @Option(names = "--supervisor", paramLabel = "true|false", arity = "1",
                description = "whether they take reputational-risk callbacks")
        Boolean supervisor;

        @Option(names = "--active", paramLabel = "true|false", arity = "1",
                description = "false: they left the desk (as deactivate); true: back")
        Boolean active;

        @Override
        void apply(Desk desk, Actor who, PrintWriter out) {
            Consultant c = desk.roster().edit(login, new ConsultantChanges(profile.name, profile.group,
                    profile.skills, profile.categories, profile.languages, profile.endpoint, supervisor, active),
                    who, options.why);
            out.printf("%s: %s%s%n", c.login(), describe(c.profile()), c.active() ? "" : " (inactive)");
        }
    }

    @Command(name = "deactivate", synopsisHeading = "usage: ",
            description = "A consultant left the desk: inactive, kept for KPIs and the history.")
    static final class Deactivate extends Change {
        @Parameters(index = "0", paramLabel = "LOGIN")
        String login;

        @Override
        void apply(Desk desk, Actor who, PrintWriter out) {
            Consultant c = desk.roster().deactivate(login, who, options.why);
            out.printf("%s deactivated%n", c.login());
        }
    }

    @Command(name = "list", synopsisHeading = "usage: ", description = "List the consultants, active or not.")
    static final class ListConsultants extends Change {
        @Override
        void apply(Desk desk, Actor who, PrintWriter out) {
            out.printf("%-16s %-24s %-18s %-8s %-10s %-26s %s%n", "LOGIN", "NAME", "GROUP", "ACTIVE", "STATE",
                    "ENDPOINT", "SKILLS / LANGUAGES");
            for (Consultant c : desk.roster().list()) {
                ConsultantProfile p = c.profile();
                out.printf("%-16s %-24s %-18s %-8s %-10s %-26s %s%s%s%n", c.login(), p.displayName(), p.group(),
                        c.active() ? "yes" : "no", c.state(), p.endpoint(), String.join(",", p.skills()),
                        p.languages().isEmpty() ? "" : " / " + String.join(",", p.languages()),
                        p.supervisor() ? "  (supervisor)" : "");
            }
        }
    }
}
