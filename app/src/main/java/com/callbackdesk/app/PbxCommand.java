package com.callbackdesk.app;

import com.callbackdesk.consultant.Consultant;
import com.callbackdesk.consultant.ConsultantDirectory;
import com.callbackdesk.pbxconfig.Addresses;
import com.callbackdesk.pbxconfig.AsteriskConf;
import com.callbackdesk.pbxconfig.PbxConfigCheck;
import com.callbackdesk.pbxconfig.PbxConfigInput;
import com.callbackdesk.pbxconfig.PbxConfiguration;
import com.callbackdesk.server.AppConfig;
import com.callbackdesk.server.PbxSection;
import com.callbackdesk.storage.Database;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code pbx config --out DIR}: Asterisk 22's extensions.conf, manager.conf, pjsip.conf and
 * modules.conf for this desk, from its configuration (FastAGI, AMI, the {@code pbx:} section), its
 * roster (one phone per active consultant whose endpoint is {@code PJSIP/...}) and the AMI secret in
 * {@code CALLBACKDESK_AMI_SECRET}. Phones keep the passwords an earlier run wrote into
 * {@code DIR/pjsip.conf}; new phones get a random one. What is written is checked to hold together
 * before anything is written; a problem is one line naming the key, exit 2.
 */
@Command(name = "pbx", synopsisHeading = "usage: ", description = "Asterisk configuration for this desk (docs/DEPLOYMENT.md).",
        subcommands = {PbxCommand.Config.class})
final class PbxCommand implements Callable<Integer> {

    static final String AMI_SECRET = "CALLBACKDESK_AMI_SECRET";
    static final String TRUNK_PASSWORD = "CALLBACKDESK_TRUNK_PASSWORD";

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    boolean help;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "a pbx command is required");
    }

    /** Runs {@code pbx ...} on a configuration and environment the caller holds (tests). */
    static int run(String[] args, AppConfig config, Map<String, String> environment, PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new PbxCommand());
        Config command = (Config) cli.getSubcommands().get("config").getCommand();
        command.config.given = config;
        command.environment = environment;
        return CommandLines.prepare(cli, out, err).execute(args);
    }

    @Command(name = "config", synopsisHeading = "usage: ",
            description = {"Write extensions.conf, manager.conf, pjsip.conf and modules.conf for Asterisk 22 into DIR,",
                    "from the desk's configuration, its active consultants and " + AMI_SECRET + "."})
    static final class Config implements Callable<Integer> {

        @Option(names = "--out", paramLabel = "DIR", required = true,
                description = "where the four files go (created if needed; an earlier pjsip.conf there keeps its passwords)")
        Path out;

        @Mixin
        ConfigOption config = new ConfigOption();

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
        boolean help;

        @Spec
        CommandSpec spec;

        Map<String, String> environment = System.getenv();

        @Override
        public Integer call() throws IOException {
            AppConfig desk = config.config();
            String file = config.file == null ? "built-in configuration" : config.file.toString();
            List<String> problems = new ArrayList<>();
            Map<String, String> kept = existingPasswords(problems);
            Inputs inputs = inputs(desk, problems);
            List<PbxConfigInput.Phone> consultants = new ArrayList<>();
            List<String> skipped = new ArrayList<>();
            List<String> newPasswords = new ArrayList<>();
            if (problems.isEmpty()) {
                roster(desk, kept, consultants, skipped, newPasswords);
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(file + ": " + String.join("; ", problems));
            }
            PbxSection pbx = desk.pbx;
            PbxConfigInput.Phone operator = phone(pbx.operator.endpoint, "operator", kept, newPasswords);
            PbxConfigInput input = new PbxConfigInput(inputs.deskAddress, desk.fastagi.port, inputs.ami, pbx.sipBind,
                    inputs.trunk, operator, blankToNull(pbx.operator.contact), consultants, callerId(desk),
                    callerIdByCategory(desk));
            Map<String, String> files;
            try {
                files = PbxConfiguration.render(input);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
            }
            List<String> loose = PbxConfigCheck.problems(files);
            if (!loose.isEmpty()) {
                throw new IllegalStateException("the configuration written would not hold together: " + loose);
            }
            write(files);
            PrintWriter w = spec.commandLine().getOut();
            w.printf("wrote %s, %s, %s and %s to %s (Asterisk 22)%n", PbxConfiguration.EXTENSIONS,
                    PbxConfiguration.MANAGER, PbxConfiguration.PJSIP, PbxConfiguration.MODULES, out);
            w.printf("  FastAGI agi://%s:%d; AMI user %s on %s:%d%n", inputs.deskAddress, desk.fastagi.port,
                    desk.ami.username, inputs.ami.bindAddress(), inputs.ami.port());
            w.printf("  trunk %s:%d, calls accepted from %s%s%n", inputs.trunk.address(), inputs.trunk.port(),
                    String.join(", ", inputs.trunk.match()), inputs.trunk.register() ? ", registering" : "");
            List<String> phones = new ArrayList<>();
            phones.add(operator.endpoint() + " (operator)");
            consultants.stream().filter(p -> !p.endpoint().equals(operator.endpoint()))
                    .forEach(p -> phones.add(p.endpoint() + (p.endpoint().equals(p.owner()) ? "" : " (" + p.owner() + ")")));
            w.printf("  phones: %s%n", String.join(", ", phones));
            skipped.forEach(s -> w.printf("  not a PJSIP phone, nothing written: %s%n", s));
            if (!newPasswords.isEmpty()) {
                w.printf("  new SIP passwords (in %s, [<endpoint>-auth]) for: %s%n", PbxConfiguration.PJSIP,
                        String.join(", ", newPasswords));
            }
            w.flush();
            return 0;
        }

        private record Inputs(String deskAddress, PbxConfigInput.Ami ami, PbxConfigInput.Trunk trunk) {
        }

        /** Everything from the file and the environment, each problem named by its key. */
        private Inputs inputs(AppConfig desk, List<String> problems) {
            PbxSection pbx = desk.pbx;
            String deskAddress = loopbackName(pbx.deskAddress == null ? desk.fastagi.bindAddress : pbx.deskAddress);
            if (pbx.deskAddress == null && Addresses.isWildcard(deskAddress)) {
                problems.add("pbx.deskAddress: required when fastagi.bindAddress is " + deskAddress
                        + " (the IP address Asterisk reaches the desk at)");
            } else if (!Addresses.isIp(deskAddress) || Addresses.isWildcard(deskAddress)) {
                problems.add((pbx.deskAddress == null ? "fastagi.bindAddress" : "pbx.deskAddress")
                        + ": must be the IP address Asterisk reaches the desk at, not " + deskAddress);
            }
            if (desk.fastagi.port == 0) {
                problems.add("fastagi.port: 0 picks a free port at each start; Asterisk needs a fixed one (4573)");
            }
            String amiHost = loopbackName(desk.ami.host);
            if (!Addresses.isIp(amiHost)) {
                problems.add("ami.host: manager.conf's bindaddr needs an IP address, not " + desk.ami.host);
            }
            String secret = environment.get(AMI_SECRET);
            if (secret == null || secret.isBlank()) {
                problems.add(AMI_SECRET + ": not set; manager.conf's secret comes from it, as the desk's does");
            }
            String permit = Addresses.isLoopback(amiHost) ? "127.0.0.1" : deskAddress;
            PbxConfigInput.Ami ami = new PbxConfigInput.Ami(amiHost, desk.ami.port, desk.ami.username, secret, permit);

            PbxSection.Trunk t = pbx.trunk;
            if (t.address == null || t.address.isBlank()) {
                problems.add("pbx.trunk.address: required (the carrier's SIP server, as an IP address)");
            } else if (!Addresses.isIp(t.address)) {
                problems.add("pbx.trunk.address: must be an IP address, not a host name: " + t.address);
            }
            List<String> match = t.match == null || t.match.isEmpty()
                    ? (t.address == null ? List.of() : List.of(t.address)) : t.match;
            for (String m : t.match == null ? List.<String>of() : t.match) {
                if (!Addresses.isIpOrCidr(m)) {
                    problems.add("pbx.trunk.match: " + m + " is not an IP address or CIDR block (e.g. 203.0.113.0/24)");
                }
            }
            if (t.port < 1 || t.port > 65535) {
                problems.add("pbx.trunk.port: must be 1..65535");
            }
            List<String> codecs = t.codecs == null ? List.of() : t.codecs;
            if (codecs.isEmpty() || !PbxConfiguration.codecs().containsAll(codecs)) {
                problems.add("pbx.trunk.codecs: one or more of " + String.join(", ", PbxConfiguration.codecs().stream()
                        .sorted().toList()) + ", not " + codecs);
            }
            String username = blankToNull(t.username);
            String password = environment.get(TRUNK_PASSWORD);
            if (username != null && (password == null || password.isBlank())) {
                problems.add(TRUNK_PASSWORD + ": not set; pbx.trunk.username " + username + " needs its password");
            }
            if (t.register && username == null) {
                problems.add("pbx.trunk.register: needs pbx.trunk.username");
            }
            if (pbx.operator.endpoint == null || !PbxConfiguration.ENDPOINT_NAME.matcher(pbx.operator.endpoint).matches()) {
                problems.add("pbx.operator.endpoint: a PJSIP endpoint name (letters, digits, '_', '.', '-'), not "
                        + pbx.operator.endpoint);
            }
            return new Inputs(deskAddress, ami, new PbxConfigInput.Trunk(t.address, t.port, match, username,
                    username == null ? null : password, t.register, codecs));
        }

        /** One phone per active consultant whose channel (ami.endpointPattern) is PJSIP/name. */
        private void roster(AppConfig desk, Map<String, String> kept, List<PbxConfigInput.Phone> consultants,
                            List<String> skipped, List<String> newPasswords) {
            List<Consultant> all;
            try (Database db = Database.open(desk.database.settings())) {
                all = new ConsultantDirectory(db, Clock.systemUTC()).list();
            }
            for (Consultant c : all) {
                if (!c.active()) {
                    continue;
                }
                String channel = desk.ami.endpointPattern.replace("{endpoint}", c.endpoint() == null ? "" : c.endpoint())
                        .replace("{login}", c.login());
                if (!channel.regionMatches(true, 0, "PJSIP/", 0, 6)) {
                    skipped.add(c.login() + " (" + channel + ")");
                    continue;
                }
                consultants.add(phone(channel.substring(6), c.login(), kept, newPasswords));
            }
        }

        private static PbxConfigInput.Phone phone(String endpoint, String owner, Map<String, String> kept,
                                                  List<String> newPasswords) {
            String password = kept.get(endpoint + "-auth");
            if (password == null) {
                password = randomPassword();
                newPasswords.add(endpoint);
            }
            return new PbxConfigInput.Phone(endpoint, owner, password);
        }

        /** The phones' passwords an earlier run wrote into DIR/pjsip.conf, by auth object. */
        private Map<String, String> existingPasswords(List<String> problems) throws IOException {
            Path earlier = out.resolve(PbxConfiguration.PJSIP);
            Map<String, String> kept = new LinkedHashMap<>();
            if (Files.isRegularFile(earlier)) {
                try {
                    AsteriskConf.parse(earlier.toString(), Files.readString(earlier, StandardCharsets.UTF_8))
                            .objects("auth").forEach((name, auth) -> auth.get("password").ifPresent(p -> kept.put(name, p)));
                } catch (IllegalArgumentException e) {
                    problems.add("--out: " + e.getMessage());
                }
            }
            return kept;
        }

        private void write(Map<String, String> files) throws IOException {
            Files.createDirectories(out);
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path target = out.resolve(f.getKey());
                Path temp = out.resolve("." + f.getKey() + ".tmp");
                Files.writeString(temp, f.getValue(), StandardCharsets.UTF_8);
                if (f.getKey().equals(PbxConfiguration.MANAGER) || f.getKey().equals(PbxConfiguration.PJSIP)) {
                    try {
                        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r-----"));
                    } catch (UnsupportedOperationException notPosix) {
                        // secrets inside: on a non-POSIX file system the directory's permissions apply
                    }
                }
                Files.move(temp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
        }
    }

    /**
     * What customers' phones show on a callback: the dialer's caller ID (the one its Originate
     * carries), so the dialplan and the dialer say the same.
     */
    static String callerId(AppConfig desk) {
        return desk.ami.settings().callerId();
    }

    /** A different caller ID per callback category ({@code ami.callerIdByCategory}), as the dialer sends it. */
    static Map<String, String> callerIdByCategory(AppConfig desk) {
        return desk.ami.settings().callerIdByCategory();
    }

    private static String loopbackName(String host) {
        return "localhost".equalsIgnoreCase(host) ? "127.0.0.1" : host;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
