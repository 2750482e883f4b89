package com.callbackdesk.pbxconfig;

import com.callbackdesk.dialplan.AsteriskModules;
import com.callbackdesk.dialplan.Dialplan;
import com.callbackdesk.dialplan.DialplanContext;
import com.callbackdesk.dialplan.Extension;
import com.callbackdesk.dialplan.Priority;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that an Asterisk configuration holds together the way Asterisk 22 would need it to:
 * every dialplan jump (Goto, GotoIf, Dial's {@code F()}) lands on an existing priority, every
 * {@code PJSIP/...} the dialplan dials is an endpoint of pjsip.conf, every application and function
 * is provided by a module modules.conf loads, every PJSIP object refers to objects that exist and is
 * served by a loaded module, identify {@code match} lines are addresses, and manager.conf's user has
 * what the dialer needs. Returns the problems, one line each; none means consistent.
 */
public final class PbxConfigCheck {

    private static final Pattern PJSIP_DIAL = Pattern.compile("PJSIP/([^,&)@/]*)(?:@([^,&)/]+))?");
    private static final Pattern TRANSFER = Pattern.compile("F\\(([^^)]+)\\^([^^)]+)\\^([^)]+)\\)");

    private final Dialplan plan;
    private final AsteriskConf pjsip;
    private final AsteriskConf modules;
    private final AsteriskConf manager;
    private final List<String> problems = new ArrayList<>();

    private PbxConfigCheck(Map<String, String> files) {
        this.plan = Dialplan.parse(files.get(PbxConfiguration.EXTENSIONS));
        this.pjsip = AsteriskConf.parse(PbxConfiguration.PJSIP, files.get(PbxConfiguration.PJSIP));
        this.modules = AsteriskConf.parse(PbxConfiguration.MODULES, files.get(PbxConfiguration.MODULES));
        this.manager = AsteriskConf.parse(PbxConfiguration.MANAGER, files.get(PbxConfiguration.MANAGER));
    }

    /** The problems of the four files (by {@link PbxConfiguration}'s names). */
    public static List<String> problems(Map<String, String> files) {
        for (String name : List.of(PbxConfiguration.EXTENSIONS, PbxConfiguration.PJSIP, PbxConfiguration.MODULES,
                PbxConfiguration.MANAGER)) {
            if (files.get(name) == null) {
                return List.of(name + ": missing");
            }
        }
        PbxConfigCheck check = new PbxConfigCheck(files);
        check.jumps();
        check.dialledEndpoints();
        check.applicationModules();
        check.pjsipObjects();
        check.moduleList();
        check.managerUser();
        return List.copyOf(check.problems);
    }

    // ------------------------------------------------------------------ dialplan

    private void jumps() {
        for (DialplanContext ctx : plan.contexts().values()) {
            for (Extension exten : ctx.extensions()) {
                for (Priority p : exten.priorities()) {
                    String where = "extensions.conf line " + p.line() + " (" + ctx.name() + "," + exten.name() + ","
                            + p.number() + ")";
                    String app = p.application().toUpperCase(Locale.ROOT);
                    if (app.equals("GOTO")) {
                        target(where, ctx.name(), exten.name(), p.args());
                    } else if (app.equals("GOTOIF")) {
                        String data = p.rawArgs();
                        int q = data.lastIndexOf('?');
                        if (q < 0) {
                            problems.add(where + ": GotoIf without '?'");
                            continue;
                        }
                        for (String branch : data.substring(q + 1).split(":")) {
                            if (!branch.isBlank()) {
                                target(where, ctx.name(), exten.name(), List.of(branch.split(",")));
                            }
                        }
                    } else if (app.equals("DIAL")) {
                        Matcher f = TRANSFER.matcher(p.args().size() >= 3 ? p.args().get(2) : "");
                        if (f.find()) {
                            target(where + " F()", ctx.name(), exten.name(), List.of(f.group(1), f.group(2), f.group(3)));
                        }
                    }
                }
            }
            for (String include : ctx.includes()) {
                if (plan.context(include).isEmpty()) {
                    problems.add("extensions.conf [" + ctx.name() + "]: includes [" + include + "], which does not exist");
                }
            }
        }
    }

    /** Goto's forms: (priority), (exten,priority), (context,exten,priority); variables are not followed. */
    private void target(String where, String context, String exten, List<String> parts) {
        List<String> t = parts.stream().map(String::trim).toList();
        if (t.stream().anyMatch(s -> s.contains("${"))) {
            return;
        }
        String ctx = t.size() >= 3 ? t.get(0) : context;
        String ext = t.size() >= 2 ? t.get(t.size() - 2) : exten;
        String prio = t.get(t.size() - 1);
        Optional<DialplanContext> c = plan.context(ctx);
        if (c.isEmpty()) {
            problems.add(where + ": goes to context [" + ctx + "], which does not exist");
            return;
        }
        Optional<Extension> e = c.get().match(ext);
        if (e.isEmpty()) {
            problems.add(where + ": goes to " + ctx + "," + ext + ", no such extension");
            return;
        }
        boolean found = prio.matches("\\d+") ? e.get().priority(Integer.parseInt(prio)).isPresent()
                : e.get().label(prio).isPresent();
        if (!found) {
            problems.add(where + ": goes to " + ctx + "," + ext + "," + prio + ", no such priority");
        }
    }

    private void dialledEndpoints() {
        Map<String, AsteriskConf.Section> endpoints = pjsip.objects("endpoint");
        List<String> dialled = new ArrayList<>();
        plan.globals().forEach((name, value) -> dialled.add("[globals] " + name + "\u0000" + value));
        for (DialplanContext ctx : plan.contexts().values()) {
            for (Extension exten : ctx.extensions()) {
                for (Priority p : exten.priorities()) {
                    if (p.application().equalsIgnoreCase("Dial") && !p.args().isEmpty()) {
                        dialled.add("extensions.conf line " + p.line() + "\u0000" + substituteGlobals(p.args().get(0)));
                    }
                }
            }
        }
        for (String entry : dialled) {
            String where = entry.substring(0, entry.indexOf('\u0000'));
            Matcher m = PJSIP_DIAL.matcher(entry.substring(entry.indexOf('\u0000') + 1));
            while (m.find()) {
                String endpoint = m.group(2) != null ? m.group(2) : m.group(1);
                if (endpoint.contains("${")) {
                    continue;
                }
                if (!endpoints.containsKey(endpoint)) {
                    problems.add(where + ": dials PJSIP endpoint " + endpoint + ", which pjsip.conf does not define");
                }
            }
        }
    }

    private String substituteGlobals(String text) {
        String out = text;
        for (Map.Entry<String, String> g : plan.globals().entrySet()) {
            out = out.replace("${" + g.getKey() + "}", g.getValue());
        }
        return out;
    }

    private void applicationModules() {
        Set<String> loaded = loadedModules();
        Set<String> applications = new LinkedHashSet<>(plan.applicationsUsed());
        applications.addAll(PbxConfiguration.SCRIPT_APPLICATIONS);
        for (String app : applications) {
            Optional<String> module = AsteriskModules.forApplication(app);
            if (module.isEmpty()) {
                problems.add("application " + app + ": no known Asterisk 22 module provides it");
            } else if (!module.get().equals(AsteriskModules.CORE) && !loaded.contains(module.get())) {
                problems.add("application " + app + " needs " + module.get() + ".so, which modules.conf does not load");
            }
        }
        for (String function : plan.functionsUsed()) {
            Optional<String> module = AsteriskModules.forFunction(function);
            if (module.isEmpty()) {
                problems.add("function " + function + "(): no known Asterisk 22 module provides it");
            } else if (!loaded.contains(module.get())) {
                problems.add("function " + function + "() needs " + module.get() + ".so, which modules.conf does not load");
            }
        }
    }

    // ------------------------------------------------------------------ pjsip.conf

    private void pjsipObjects() {
        Set<String> loaded = loadedModules();
        Map<String, AsteriskConf.Section> endpoints = pjsip.objects("endpoint");
        Map<String, AsteriskConf.Section> aors = pjsip.objects("aor");
        Map<String, AsteriskConf.Section> auths = pjsip.objects("auth");
        Map<String, AsteriskConf.Section> transports = pjsip.objects("transport");
        if (transports.isEmpty()) {
            problems.add("pjsip.conf: no transport");
        }
        for (AsteriskConf.Section s : pjsip.sections()) {
            if (!s.template() && s.get("type").isEmpty()) {
                problems.add("pjsip.conf " + s + ": no type");
            }
        }
        for (AsteriskConf.Section e : endpoints.values()) {
            String where = "pjsip.conf endpoint " + e.name();
            e.get("context").ifPresentOrElse(ctx -> {
                if (plan.context(ctx).isEmpty()) {
                    problems.add(where + ": context " + ctx + " does not exist in extensions.conf");
                }
            }, () -> problems.add(where + ": no context"));
            if (e.list("aors").isEmpty()) {
                problems.add(where + ": no aors, so it cannot be dialled");
            }
            e.list("aors").stream().filter(a -> !aors.containsKey(a))
                    .forEach(a -> problems.add(where + ": aor " + a + " is not defined"));
            for (String key : List.of("auth", "outbound_auth")) {
                e.list(key).stream().filter(a -> !auths.containsKey(a))
                        .forEach(a -> problems.add(where + ": " + key + " " + a + " is not defined"));
            }
            e.get("transport").filter(t -> !transports.containsKey(t))
                    .ifPresent(t -> problems.add(where + ": transport " + t + " is not defined"));
            if (!e.list("auth").isEmpty()) {
                needs(loaded, where + " (auth)", "res_pjsip_authenticator_digest");
            }
            if (!e.list("outbound_auth").isEmpty()) {
                needs(loaded, where + " (outbound_auth)", "res_pjsip_outbound_authenticator_digest");
            }
            if (e.get("dtmf_mode").orElse("rfc4733").equalsIgnoreCase("rfc4733")) {
                needs(loaded, where + " (RFC 4733 DTMF)", "res_rtp_asterisk");
            }
            for (String codec : e.list("allow")) {
                String module = Map.of("ulaw", "codec_ulaw", "alaw", "codec_alaw", "g722", "codec_g722",
                        "gsm", "codec_gsm").get(codec);
                if (module != null) {
                    needs(loaded, where + " (allow " + codec + ")", module);
                }
            }
        }
        for (AsteriskConf.Section a : aors.values()) {
            if (!a.get("max_contacts").orElse("0").equals("0")) {
                needs(loaded, "pjsip.conf aor " + a.name() + " (phones register)", "res_pjsip_registrar");
            }
            if (a.get("contact").isEmpty() && a.get("max_contacts").orElse("0").equals("0")) {
                problems.add("pjsip.conf aor " + a.name() + ": no contact and max_contacts = 0, so nothing can be reached");
            }
        }
        for (AsteriskConf.Section i : pjsip.objects("identify").values()) {
            String where = "pjsip.conf identify " + i.name();
            needs(loaded, where, "res_pjsip_endpoint_identifier_ip");
            i.get("endpoint").filter(e -> !endpoints.containsKey(e))
                    .ifPresent(e -> problems.add(where + ": endpoint " + e + " is not defined"));
            if (i.list("match").isEmpty()) {
                problems.add(where + ": no match");
            }
            for (String m : i.list("match")) {
                if (!Addresses.isIpOrCidr(m)) {
                    problems.add(where + ": match " + m + " is not an IP address or CIDR block");
                }
            }
        }
        for (AsteriskConf.Section r : pjsip.objects("registration").values()) {
            String where = "pjsip.conf registration " + r.name();
            needs(loaded, where, "res_pjsip_outbound_registration");
            r.list("outbound_auth").stream().filter(a -> !auths.containsKey(a))
                    .forEach(a -> problems.add(where + ": outbound_auth " + a + " is not defined"));
        }
        for (AsteriskConf.Section a : auths.values()) {
            if (a.get("username").isEmpty() || a.get("password").isEmpty()) {
                problems.add("pjsip.conf auth " + a.name() + ": needs username and password");
            }
        }
        if (!endpoints.isEmpty()) {
            for (String m : List.of("res_pjsip", "chan_pjsip", "res_pjsip_sdp_rtp")) {   // and what they require
                needs(loaded, "pjsip.conf", m);
            }
        }
    }

    private void needs(Set<String> loaded, String who, String module) {
        if (!loaded.contains(module)) {
            String problem = who + " needs " + module + ".so, which modules.conf does not load";
            if (!problems.contains(problem)) {
                problems.add(problem);
            }
        }
    }

    // ------------------------------------------------------------------ modules.conf

    private Set<String> loadedModules() {
        Set<String> out = new LinkedHashSet<>();
        for (AsteriskConf.Section s : modules.sections("modules")) {
            for (String key : List.of("load", "require", "preload", "preload-require")) {
                s.all(key).forEach(v -> out.add(v.replaceFirst("\\.so$", "")));
            }
        }
        return out;
    }

    private void moduleList() {
        Optional<AsteriskConf.Section> section = modules.section("modules");
        if (section.isEmpty()) {
            problems.add("modules.conf: no [modules] section");
            return;
        }
        if (!section.get().get("autoload").map(v -> v.equalsIgnoreCase("no")).orElse(false)) {
            problems.add("modules.conf: autoload must be no, so only the modules listed load");
        }
        for (AsteriskConf.Entry e : section.get().entries()) {
            String module = e.value().replaceFirst("\\.so$", "");
            if (AsteriskModules.REMOVED.contains(module)) {
                problems.add("modules.conf line " + e.line() + ": " + module + " does not exist in Asterisk 22");
            }
        }
        for (String m : List.of("bridge_simple", "pbx_config")) {
            needs(loadedModules(), "the dialplan", m);
        }
        Set<String> loaded = loadedModules();
        for (String module : loaded) {
            for (String required : AsteriskModules.requires(module)) {
                needs(loaded, module + ".so", required);
            }
        }
    }

    // ------------------------------------------------------------------ manager.conf

    private void managerUser() {
        Optional<AsteriskConf.Section> general = manager.section("general");
        if (general.isEmpty() || !general.get().get("enabled").map("yes"::equalsIgnoreCase).orElse(false)) {
            problems.add("manager.conf: [general] enabled = yes is missing, so the dialer cannot connect");
        }
        List<AsteriskConf.Section> users = manager.sections().stream()
                .filter(s -> !s.template() && !s.name().equals("general")).toList();
        if (users.isEmpty()) {
            problems.add("manager.conf: no user for the dialer");
        }
        for (AsteriskConf.Section u : users) {
            String where = "manager.conf [" + u.name() + "]";
            if (u.get("secret").filter(s -> !s.isBlank()).isEmpty()) {
                problems.add(where + ": no secret");
            }
            List<String> read = u.list("read");
            List<String> write = u.list("write");
            for (String cls : List.of("call", "dtmf")) {
                if (!read.contains(cls) && !read.contains("all")) {
                    problems.add(where + ": read lacks " + cls + " (the dialer follows call and DTMF events)");
                }
            }
            for (String cls : List.of("originate", "reporting")) {
                if (!write.contains(cls) && !write.contains("all")) {
                    problems.add(where + ": write lacks " + cls);
                }
            }
            if (u.list("permit").isEmpty()) {
                problems.add(where + ": no permit, so any address may log in");
            }
        }
    }
}
