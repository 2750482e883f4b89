package com.callbackdesk.pbxconfig;

import com.callbackdesk.dialplan.AsteriskModules;
import com.callbackdesk.dialplan.Dialplan;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes a complete Asterisk 22 configuration for Callback Desk — {@code extensions.conf},
 * {@code manager.conf}, {@code pjsip.conf} and {@code modules.conf} — from a {@link PbxConfigInput}.
 * The dialplan is the shipped one ({@link Dialplan#DEFAULT_RESOURCE}, the one pbx-sim runs) with
 * its {@code [globals]} filled in; {@code modules.conf} loads exactly what that dialplan, the
 * FastAGI scripts and the PJSIP objects written need ({@code autoload = no}).
 */
public final class PbxConfiguration {

    public static final String EXTENSIONS = "extensions.conf";
    public static final String MANAGER = "manager.conf";
    public static final String PJSIP = "pjsip.conf";
    public static final String MODULES = "modules.conf";

    /** Applications the FastAGI scripts run with EXEC (the operator transfer's Goto). */
    public static final List<String> SCRIPT_APPLICATIONS = List.of("Goto");

    /** The trunk's endpoint name, as the dialplan's {@code Dial(PJSIP/${EXTEN}@trunk)} names it. */
    public static final String TRUNK = "trunk";

    /** A PJSIP object id Asterisk accepts in a section header and a dial string. */
    public static final Pattern ENDPOINT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,79}");

    private static final Map<String, String> CODEC_MODULES = Map.of(
            "ulaw", "codec_ulaw", "alaw", "codec_alaw", "g722", "codec_g722", "gsm", "codec_gsm");

    private static final String GENERATED = "; Written by `callback-desk pbx config` from the desk's configuration and roster:\n"
            + "; change those and run it again rather than editing this file.\n";

    /** {@code "Name" <number>}, {@code Name <number>} or a number. */
    private static final Pattern CALLER_ID = Pattern.compile("(?:(\"[^\";\\\\]*\"|[^\"<;\\\\]*[^\"<;\\\\\\s])\\s*)?"
            + "(<\\+?[0-9*#]+>|\\+?[0-9*#]+)");

    private PbxConfiguration() {
    }

    /** The codecs a trunk may allow. */
    public static Set<String> codecs() {
        return CODEC_MODULES.keySet();
    }

    /** The four files, by name. */
    public static Map<String, String> render(PbxConfigInput in) {
        return render(in, shippedDialplan());
    }

    /** The four files with {@code dialplanTemplate} as the dialplan whose globals are filled in. */
    public static Map<String, String> render(PbxConfigInput in, String dialplanTemplate) {
        check(in);
        String extensions = extensions(in, dialplanTemplate);
        Map<String, String> files = new LinkedHashMap<>();
        files.put(EXTENSIONS, extensions);
        files.put(MANAGER, manager(in.ami()));
        files.put(PJSIP, pjsip(in));
        files.put(MODULES, modules(Dialplan.parse(extensions), in));
        return files;
    }

    /** The shipped extensions.conf, as text. */
    public static String shippedDialplan() {
        try (InputStream in = PbxConfiguration.class.getClassLoader().getResourceAsStream(Dialplan.DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("classpath resource " + Dialplan.DEFAULT_RESOURCE + " not found");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ checks

    private static void check(PbxConfigInput in) {
        List<String> problems = new ArrayList<>();
        require(problems, Addresses.isIp(in.deskAddress()) && !Addresses.isWildcard(in.deskAddress()),
                "desk address " + in.deskAddress() + ": must be the IP address Asterisk reaches the desk at");
        require(problems, in.fastAgiPort() > 0 && in.fastAgiPort() <= 65535, "FastAGI port " + in.fastAgiPort()
                + ": must be 1..65535");
        require(problems, Addresses.isIp(in.ami().bindAddress()), "AMI address " + in.ami().bindAddress()
                + ": must be an IP address");
        require(problems, Addresses.isIp(in.ami().permit()), "AMI permit " + in.ami().permit() + ": must be an IP address");
        require(problems, in.ami().port() > 0 && in.ami().port() <= 65535, "AMI port: must be 1..65535");
        require(problems, ENDPOINT_NAME.matcher(in.ami().username()).matches(), "AMI user " + in.ami().username()
                + ": letters, digits, '_', '.', '-'");
        requireValue(problems, "AMI secret", in.ami().secret());
        PbxConfigInput.Trunk t = in.trunk();
        require(problems, Addresses.isIp(t.address()), "trunk address " + t.address()
                + ": must be the carrier's IP address, not a host name");
        require(problems, t.port() > 0 && t.port() <= 65535, "trunk port: must be 1..65535");
        require(problems, !t.match().isEmpty(), "trunk match: at least one address");
        for (String m : t.match()) {
            require(problems, Addresses.isIpOrCidr(m), "trunk match " + m
                    + ": must be an IP address or CIDR block (e.g. 203.0.113.0/24), not a host name");
        }
        require(problems, !t.codecs().isEmpty(), "trunk codecs: at least one of " + codecs());
        for (String c : t.codecs()) {
            require(problems, CODEC_MODULES.containsKey(c), "trunk codec " + c + ": one of " + codecs());
        }
        if (t.username() != null) {
            require(problems, ENDPOINT_NAME.matcher(t.username()).matches(), "trunk username " + t.username()
                    + ": letters, digits, '_', '.', '-'");
            requireValue(problems, "trunk password", t.password());
        }
        require(problems, !t.register() || t.username() != null, "trunk registration: needs a username");
        Set<String> names = new LinkedHashSet<>(List.of(TRUNK));
        List<PbxConfigInput.Phone> phones = new ArrayList<>(in.consultants());
        phones.add(in.operator());
        for (PbxConfigInput.Phone p : phones) {
            require(problems, ENDPOINT_NAME.matcher(p.endpoint()).matches(), p.owner() + ": endpoint "
                    + p.endpoint() + " is not a PJSIP endpoint name (letters, digits, '_', '.', '-')");
            require(problems, !p.endpoint().endsWith("-auth"), p.owner() + ": endpoint " + p.endpoint()
                    + " must not end in -auth");
            requireValue(problems, p.owner() + "'s SIP password", p.password());
            if (p != in.operator()) {
                require(problems, names.add(p.endpoint()), p.owner() + ": endpoint " + p.endpoint()
                        + " is already used by another phone or the trunk");
            }
        }
        require(problems, in.operatorContact() == null || in.operatorContact().matches("sips?:[^\\s;,]+"),
                "operator contact " + in.operatorContact() + ": a SIP URI (sip:operator@192.0.2.20:5060)");
        require(problems, !in.operator().endpoint().equals(TRUNK), "operator endpoint: must not be the trunk");
        require(problems, Addresses.isIpOrCidr(hostOf(in.sipBind())) && in.sipBind().matches(".*:\\d{1,5}"),
                "SIP listener " + in.sipBind() + ": address:port (0.0.0.0:5060)");
        checkCallerId(problems, "caller ID", in.callerId());
        in.callerIdByCategory().forEach((category, id) -> {
            require(problems, category.matches("[A-Za-z0-9_]+"), "caller ID category " + category
                    + ": letters, digits and '_'");
            checkCallerId(problems, "caller ID of " + category, id);
        });
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    private static String hostOf(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return colon < 0 ? hostPort : hostPort.substring(0, colon);
    }

    private static void checkCallerId(List<String> problems, String what, String id) {
        require(problems, id != null && CALLER_ID.matcher(id).matches(),
                what + " " + id + ": a number, or \"Name\" <number>");
    }

    private static void requireValue(List<String> problems, String what, String value) {
        require(problems, value != null && !value.isBlank(), what + ": required");
        require(problems, value == null || !value.matches(".*[;\\s\"\\[\\]].*"),
                what + ": must not contain ';', '\"', brackets or white space (Asterisk would cut it)");
    }

    private static void require(List<String> problems, boolean ok, String problem) {
        if (!ok) {
            problems.add(problem);
        }
    }

    // ------------------------------------------------------------------ extensions.conf

    /** The dialplan with [globals] set for this desk; every other line as shipped. */
    static String extensions(PbxConfigInput in, String template) {
        Map<String, String> globals = new LinkedHashMap<>();
        globals.put("FASTAGI", "agi://" + hostForUrl(in.deskAddress()) + ":" + in.fastAgiPort());
        globals.put("OPERATOR_ENDPOINT", "PJSIP/" + in.operator().endpoint());
        globals.put("CALLBACK_CALLERID", quotedName(in.callerId()));
        in.callerIdByCategory().forEach((category, id) ->
                globals.put("CALLBACK_CALLERID_" + category.toUpperCase(Locale.ROOT), quotedName(id)));
        StringBuilder out = new StringBuilder(GENERATED);
        boolean inGlobals = false;
        for (String line : template.split("\\R", -1)) {
            String trimmed = line.trim();
            if (trimmed.startsWith("[")) {
                if (inGlobals) {
                    appendRemaining(out, globals);
                }
                inGlobals = trimmed.startsWith("[globals]");
                out.append(line).append('\n');
                continue;
            }
            if (inGlobals && !trimmed.startsWith(";") && trimmed.contains("=")) {
                String name = trimmed.substring(0, trimmed.indexOf('=')).trim();
                if (globals.containsKey(name)) {
                    out.append(name).append('=').append(globals.remove(name)).append('\n');
                    continue;
                }
            }
            if (inGlobals && trimmed.isEmpty()) {
                appendRemaining(out, globals);
            }
            out.append(line).append('\n');
        }
        if (inGlobals) {
            appendRemaining(out, globals);
        }
        if (!globals.isEmpty()) {
            throw new IllegalArgumentException("the dialplan template has no [globals] section");
        }
        String text = out.toString();
        return text.endsWith("\n\n") ? text.substring(0, text.length() - 1) : text;
    }

    /** {@code Name <100>} as {@code "Name" <100>}, as Asterisk writes a caller ID. */
    static String quotedName(String callerId) {
        java.util.regex.Matcher m = CALLER_ID.matcher(callerId);
        if (!callerId.contains("<") || !m.matches() || m.group(1) == null || m.group(1).startsWith("\"")) {
            return callerId;
        }
        return "\"" + m.group(1) + "\" " + m.group(2);
    }

    private static void appendRemaining(StringBuilder out, Map<String, String> globals) {
        globals.forEach((name, value) -> out.append(name).append('=').append(value).append('\n'));
        globals.clear();
    }

    private static String hostForUrl(String address) {
        return address.contains(":") ? "[" + address + "]" : address;
    }

    // ------------------------------------------------------------------ manager.conf

    static String manager(PbxConfigInput.Ami ami) {
        String mask = ami.permit().contains(":") ? "/128" : "/255.255.255.255";
        return GENERATED
                + "; Asterisk Manager Interface for Callback Desk's dialer. Least privilege: the dialer reads call\n"
                + "; and DTMF events and may only originate; \"reporting\" lets it read CoreSettings at login and list\n"
                + "; the live channels (CoreShowChannels) to settle a call whose Hangup was lost. Only the desk's\n"
                + "; address may log in.\n\n"
                + "[general]\n"
                + "enabled = yes\n"
                + "port = " + ami.port() + "\n"
                + "bindaddr = " + ami.bindAddress() + "\n"
                + "displayconnects = no\n\n"
                + "[" + ami.username() + "]\n"
                + "secret = " + ami.secret() + "\n"
                + "deny = 0.0.0.0/0.0.0.0\n"
                + (ami.permit().contains(":") ? "deny = ::/0\n" : "")
                + "permit = " + ami.permit() + mask + "\n"
                + "read = call,dtmf\n"
                + "write = originate,reporting\n"
                + "writetimeout = 5000\n";
    }

    // ------------------------------------------------------------------ pjsip.conf

    static String pjsip(PbxConfigInput in) {
        PbxConfigInput.Trunk t = in.trunk();
        String codecs = String.join(",", t.codecs());
        String server = "sip:" + hostForUrl(t.address()) + ":" + t.port();
        StringBuilder out = new StringBuilder(GENERATED);
        out.append("; PJSIP: the carrier trunk that brings the support line in and carries callbacks out, the\n")
                .append("; operator's phone and one phone per active consultant.\n\n");
        out.append("[transport-udp]\ntype = transport\nprotocol = udp\nbind = ").append(in.sipBind()).append("\n\n");

        out.append("; --- carrier trunk: calls from its addresses land in [inbound]; [callback] dials out through it\n");
        out.append("[").append(TRUNK).append("]\ntype = endpoint\ntransport = transport-udp\ncontext = inbound\n")
                .append("disallow = all\nallow = ").append(codecs).append("\n")
                .append("dtmf_mode = rfc4733\ndirect_media = no\nrtp_symmetric = yes\n")
                .append("aors = ").append(TRUNK).append("\n");
        if (t.username() != null) {
            out.append("outbound_auth = ").append(TRUNK).append("-auth\n");
        }
        out.append("\n[").append(TRUNK).append("]\ntype = aor\ncontact = ").append(server).append("\n\n");
        if (t.username() != null) {
            out.append("[").append(TRUNK).append("-auth]\ntype = auth\nauth_type = userpass\nusername = ")
                    .append(t.username()).append("\npassword = ").append(t.password()).append("\n\n");
        }
        out.append("[").append(TRUNK).append("-identify]\ntype = identify\nendpoint = ").append(TRUNK)
                .append("\nmatch = ").append(String.join(",", t.match())).append("\n\n");
        if (t.register()) {
            out.append("[").append(TRUNK).append("-registration]\ntype = registration\ntransport = transport-udp\n")
                    .append("outbound_auth = ").append(TRUNK).append("-auth\n")
                    .append("server_uri = ").append(server).append("\n")
                    .append("client_uri = sip:").append(t.username()).append('@').append(hostForUrl(t.address()))
                    .append(':').append(t.port()).append("\n")
                    .append("contact_user = ").append(t.username()).append("\n")
                    .append("retry_interval = 60\nforbidden_retry_interval = 600\nexpiration = 3600\n")
                    .append("line = yes\nendpoint = ").append(TRUNK).append("\n\n");
        }

        out.append("; --- desk phones: each registers with its own password; the dialer rings them over AMI\n");
        out.append("[phone](!)\ntype = endpoint\ntransport = transport-udp\ncontext = callback\n")
                .append("disallow = all\nallow = ").append(codecs).append("\n")
                .append("dtmf_mode = rfc4733\ndirect_media = no\nrtp_symmetric = yes\nforce_rport = yes\n")
                .append("rewrite_contact = yes\n\n");
        out.append("[phone-aor](!)\ntype = aor\nmax_contacts = 1\nremove_existing = yes\nqualify_frequency = 30\n\n");
        out.append("[phone-auth](!)\ntype = auth\nauth_type = userpass\n\n");

        out.append("; operator: callers the IVR cannot serve, and callers while the desk is unreachable\n");
        phone(out, in.operator(), in.operatorContact());
        for (PbxConfigInput.Phone p : in.consultants()) {
            if (p.endpoint().equals(in.operator().endpoint())) {
                continue;   // the operator's phone is also a consultant's: written once, above
            }
            out.append("; consultant ").append(p.owner()).append('\n');
            phone(out, p, null);
        }
        return out.toString();
    }

    private static void phone(StringBuilder out, PbxConfigInput.Phone p, String contact) {
        String name = p.endpoint();
        out.append('[').append(name).append("](phone)\nauth = ").append(name).append("-auth\naors = ")
                .append(name).append('\n');
        out.append('[').append(name).append("](phone-aor)\n");
        if (contact != null) {
            out.append("contact = ").append(contact).append('\n');
        }
        out.append('[').append(name).append("-auth](phone-auth)\nusername = ").append(name)
                .append("\npassword = ").append(p.password()).append("\n\n");
    }

    // ------------------------------------------------------------------ modules.conf

    static String modules(Dialplan plan, PbxConfigInput in) {
        AsteriskModules.neededBy(plan, SCRIPT_APPLICATIONS);   // refuses an application no module provides
        Set<String> required = Set.of("pbx_config", "res_agi", "app_dial", "chan_pjsip", "res_pjsip");
        Map<String, String> modules = new LinkedHashMap<>();
        modules.put("pbx_config", "the dialplan: extensions.conf");
        Set<String> applications = new LinkedHashSet<>(plan.applicationsUsed());
        applications.addAll(SCRIPT_APPLICATIONS);
        for (String app : applications) {
            AsteriskModules.forApplication(app).filter(m -> !m.equals(AsteriskModules.CORE))
                    .ifPresent(m -> modules.merge(m, app + "()", (a, b) -> a + ", " + b));
        }
        for (String function : plan.functionsUsed()) {
            AsteriskModules.forFunction(function).ifPresent(m -> modules.merge(m, function + "()",
                    (a, b) -> a + ", " + b));
        }
        if (modules.containsKey("res_agi")) {
            modules.put("res_speech", "required by res_agi");
        }
        modules.put("bridge_simple", "bridges the consultant and the customer (Dial)");
        modules.put("res_timing_timerfd", "timing source for playing sound files");
        modules.put("format_wav", "the desk's prompts (8 kHz wav)");
        modules.put("format_pcm", "the desk's prompts (ulaw / alaw files)");
        modules.put("format_sln", "the desk's prompts (sln files)");
        modules.put("format_gsm", "Asterisk's stock sounds (digits, apology), installed as gsm");
        modules.put("codec_gsm", "gsm stock sounds to the call's codec");
        for (String codec : in.trunk().codecs()) {
            modules.put(CODEC_MODULES.get(codec), codec + " calls, and prompts transcoded to it");
        }
        modules.put("res_pjproject", "PJSIP's stack");
        modules.put("res_sorcery_config", "PJSIP objects from pjsip.conf");
        modules.put("res_sorcery_memory", "PJSIP objects in memory");
        modules.put("res_sorcery_astdb", "registered phones' contacts");
        modules.put("res_pjsip", "PJSIP");
        modules.put("res_pjsip_session", "PJSIP calls");
        modules.put("res_pjsip_pubsub", "PJSIP subscriptions (needed by chan_pjsip and the registrar)");
        modules.put("chan_pjsip", "PJSIP channels: the trunk and the phones");
        modules.put("res_rtp_asterisk", "RTP media, RFC 4733 DTMF");
        modules.put("res_pjsip_sdp_rtp", "SDP offer/answer for RTP");
        modules.put("res_pjsip_endpoint_identifier_ip", "the trunk's calls identified by address (identify)");
        modules.put("res_pjsip_endpoint_identifier_user", "phones identified by their user name");
        modules.put("res_pjsip_authenticator_digest", "phones authenticate with their passwords");
        modules.put("res_pjsip_registrar", "phones register");
        modules.put("res_pjsip_caller_id", "the caller ID customers see (From / P-Asserted-Identity)");
        modules.put("res_pjsip_nat", "phones behind NAT");
        if (in.trunk().username() != null) {
            modules.put("res_pjsip_outbound_authenticator_digest", "authenticating to the carrier");
        }
        if (in.trunk().register()) {
            modules.put("res_pjsip_outbound_registration", "registering to the carrier");
        }
        StringBuilder out = new StringBuilder(GENERATED);
        out.append("; Exactly the modules this configuration uses (Asterisk 22). A require => that fails stops\n")
                .append("; Asterisk at start-up, which is what the desk's core needs.\n\n[modules]\nautoload = no\n\n");
        modules.forEach((module, why) -> {
            String line = (required.contains(module) ? "require => " : "load => ") + module + ".so";
            out.append(line).append(" ".repeat(Math.max(1, 54 - line.length()))).append("; ").append(why).append('\n');
        });
        return out.toString();
    }
}
