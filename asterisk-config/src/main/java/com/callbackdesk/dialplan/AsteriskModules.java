package com.callbackdesk.dialplan;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which Asterisk 22 module provides a dialplan application or function, so a {@code modules.conf}
 * with {@code autoload=no} can load exactly what a dialplan needs. Applications built into the
 * core (main/pbx_builtins.c, main/pbx_variables.c: Answer, Goto, GotoIf, Hangup, NoOp, Set,
 * Wait, ...) need no module and map to {@link #CORE}. Asterisk 22 has no chan_sip, chan_skinny,
 * chan_mgcp or app_macro: {@link #REMOVED} names them so a configuration can be refused for them.
 */
public final class AsteriskModules {

    /** Built into the asterisk binary: nothing to load. */
    public static final String CORE = "core";

    private static final Map<String, String> APPLICATIONS = Map.ofEntries(
            // main/pbx_builtins.c and main/pbx_variables.c
            Map.entry("ANSWER", CORE), Map.entry("BACKGROUND", CORE), Map.entry("BUSY", CORE),
            Map.entry("CONGESTION", CORE), Map.entry("EXECIFTIME", CORE), Map.entry("GOTO", CORE),
            Map.entry("GOTOIF", CORE), Map.entry("GOTOIFTIME", CORE), Map.entry("HANGUP", CORE),
            Map.entry("IMPORTVAR", CORE), Map.entry("INCOMPLETE", CORE), Map.entry("MSET", CORE),
            Map.entry("NOOP", CORE), Map.entry("PROCEEDING", CORE), Map.entry("PROGRESS", CORE),
            Map.entry("RAISEEXCEPTION", CORE), Map.entry("RINGING", CORE), Map.entry("SAYALPHA", CORE),
            Map.entry("SAYDIGITS", CORE), Map.entry("SAYNUMBER", CORE), Map.entry("SAYPHONETIC", CORE),
            Map.entry("SET", CORE), Map.entry("SETAMAFLAGS", CORE), Map.entry("WAIT", CORE),
            Map.entry("WAITDIGIT", CORE), Map.entry("WAITEXTEN", CORE),
            // loadable modules
            Map.entry("AGI", "res_agi"), Map.entry("EAGI", "res_agi"), Map.entry("DEADAGI", "res_agi"),
            Map.entry("DIAL", "app_dial"), Map.entry("RETRYDIAL", "app_dial"),
            Map.entry("PLAYBACK", "app_playback"), Map.entry("READ", "app_read"),
            Map.entry("VERBOSE", "app_verbose"), Map.entry("LOG", "app_verbose"),
            Map.entry("EXEC", "app_exec"), Map.entry("TRYEXEC", "app_exec"), Map.entry("EXECIF", "app_exec"),
            Map.entry("GOSUB", "app_stack"), Map.entry("GOSUBIF", "app_stack"), Map.entry("RETURN", "app_stack"),
            Map.entry("STACKPOP", "app_stack"), Map.entry("MUSICONHOLD", "res_musiconhold"),
            Map.entry("STARTMUSICONHOLD", "res_musiconhold"), Map.entry("STOPMUSICONHOLD", "res_musiconhold"),
            Map.entry("ECHO", "app_echo"), Map.entry("SYSTEM", "app_system"), Map.entry("QUEUE", "app_queue"),
            Map.entry("MIXMONITOR", "app_mixmonitor"), Map.entry("RECORD", "app_record"),
            Map.entry("SENDDTMF", "app_senddtmf"), Map.entry("USEREVENT", "app_userevent"),
            Map.entry("CONTROLPLAYBACK", "app_controlplayback"), Map.entry("CHANNELREDIRECT", "app_channelredirect"));

    private static final Map<String, String> FUNCTIONS = Map.ofEntries(
            Map.entry("CALLERID", "func_callerid"), Map.entry("CONNECTEDLINE", "func_callerid"),
            Map.entry("REDIRECTING", "func_callerid"), Map.entry("CALLERPRES", "func_callerid"),
            Map.entry("CHANNEL", "func_channel"), Map.entry("CHANNELS", "func_channel"),
            Map.entry("MASTER_CHANNEL", "func_channel"),
            Map.entry("IF", "func_logic"), Map.entry("IFTIME", "func_logic"), Map.entry("ISNULL", "func_logic"),
            Map.entry("EXISTS", "func_logic"), Map.entry("SET", "func_logic"), Map.entry("IMPORT", "func_logic"),
            Map.entry("LEN", "func_strings"), Map.entry("STRFTIME", "func_strings"),
            Map.entry("FILTER", "func_strings"), Map.entry("REGEX", "func_strings"), Map.entry("QUOTE", "func_strings"),
            Map.entry("CUT", "func_cut"), Map.entry("FIELDQTY", "func_strings"),
            Map.entry("DB", "func_db"), Map.entry("DB_EXISTS", "func_db"), Map.entry("DB_DELETE", "func_db"),
            Map.entry("GLOBAL", "func_global"), Map.entry("SHARED", "func_global"),
            Map.entry("TIMEOUT", "func_timeout"), Map.entry("VOLUME", "func_volume"),
            Map.entry("HANGUPCAUSE", "func_hangupcause"), Map.entry("HANGUPCAUSE_KEYS", "func_hangupcause"),
            Map.entry("PJSIP_HEADER", "res_pjsip_header_funcs"), Map.entry("PJSIP_DIAL_CONTACTS", "chan_pjsip"),
            Map.entry("PJSIP_MEDIA_OFFER", "chan_pjsip"), Map.entry("PJSIP_ENDPOINT", "res_pjsip"),
            Map.entry("PJSIP_AOR", "res_pjsip"), Map.entry("PJSIP_CONTACT", "res_pjsip"));

    /** What a module needs loaded before it loads (its MODULEINFO requirements), for the modules Callback Desk uses. */
    private static final Map<String, List<String>> REQUIRES = Map.ofEntries(
            Map.entry("res_agi", List.of("res_speech")),
            Map.entry("res_pjsip", List.of("res_pjproject", "res_sorcery_config", "res_sorcery_memory",
                    "res_sorcery_astdb")),
            Map.entry("res_pjsip_session", List.of("res_pjsip")),
            Map.entry("res_pjsip_pubsub", List.of("res_pjsip")),
            Map.entry("chan_pjsip", List.of("res_pjsip", "res_pjsip_session", "res_pjsip_pubsub")),
            Map.entry("res_pjsip_sdp_rtp", List.of("res_pjsip", "res_pjsip_session")),
            Map.entry("res_pjsip_registrar", List.of("res_pjsip", "res_pjsip_pubsub")),
            Map.entry("res_pjsip_outbound_registration", List.of("res_pjsip")),
            Map.entry("res_pjsip_authenticator_digest", List.of("res_pjsip")),
            Map.entry("res_pjsip_outbound_authenticator_digest", List.of("res_pjsip")),
            Map.entry("res_pjsip_endpoint_identifier_ip", List.of("res_pjsip")),
            Map.entry("res_pjsip_endpoint_identifier_user", List.of("res_pjsip")),
            Map.entry("res_pjsip_caller_id", List.of("res_pjsip", "res_pjsip_session")),
            Map.entry("res_pjsip_nat", List.of("res_pjsip", "res_pjsip_session")),
            Map.entry("res_pjsip_header_funcs", List.of("res_pjsip", "res_pjsip_session")));

    /** Modules earlier Asterisk versions had and Asterisk 22 does not: a {@code require} of one stops Asterisk. */
    public static final Set<String> REMOVED = Set.of("chan_sip", "chan_skinny", "chan_mgcp", "app_macro",
            "chan_vpb", "chan_oss", "chan_alsa", "app_osplookup", "res_monitor", "app_meetme", "chan_nbs");

    private AsteriskModules() {
    }

    /** The modules {@code module} requires (empty when none, or not one Callback Desk uses). */
    public static List<String> requires(String module) {
        return REQUIRES.getOrDefault(module, List.of());
    }

    /** The module providing {@code application} ({@link #CORE} for built-ins), or empty when unknown. */
    public static Optional<String> forApplication(String application) {
        return Optional.ofNullable(APPLICATIONS.get(application.toUpperCase(Locale.ROOT)));
    }

    /** The module providing dialplan function {@code function} (e.g. CALLERID), or empty when unknown. */
    public static Optional<String> forFunction(String function) {
        return Optional.ofNullable(FUNCTIONS.get(function.toUpperCase(Locale.ROOT)));
    }

    /**
     * The loadable modules {@code plan} needs for its applications and functions plus {@code alsoExecuted}
     * (applications a FastAGI script runs with EXEC), without core built-ins.
     *
     * @throws DialplanException naming an application or function no known module provides
     */
    public static Set<String> neededBy(Dialplan plan, List<String> alsoExecuted) {
        Set<String> modules = new LinkedHashSet<>();
        Set<String> applications = new LinkedHashSet<>(plan.applicationsUsed());
        applications.addAll(alsoExecuted);
        for (String app : applications) {
            String module = forApplication(app).orElseThrow(() -> new DialplanException(
                    "application " + app + ": no known Asterisk 22 module provides it"));
            if (!module.equals(CORE)) {
                modules.add(module);
            }
        }
        for (String function : plan.functionsUsed()) {
            modules.add(forFunction(function).orElseThrow(() -> new DialplanException(
                    "function " + function + "(): no known Asterisk 22 module provides it")));
        }
        return modules;
    }
}
