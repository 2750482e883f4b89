package com.callbackdesk.dialplan;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dialplan of an {@code extensions.conf}, parsed the way Asterisk's pbx_config reads it:
 * {@code [context]} sections, {@code exten => name,priority[(label)],App(args)} with
 * {@code n} and {@code same =>}, {@code include =>}, {@code [globals]} variables, {@code ;}
 * comments. Other modules use it to run the real dialplan (pbx-sim) and to check what they
 * reference (the intake script, the operator fallback, the survey transfer).
 */
public final class Dialplan {

    public static final String DEFAULT_RESOURCE = "asterisk/extensions.conf";

    private static final Logger LOG = LogManager.getLogger(Dialplan.class);
    private static final Pattern SECTION = Pattern.compile("\\[([^\\]]+)\\](\\(.*\\))?");
    private static final Pattern STEP = Pattern.compile("([^,]+?)\\s*\\(([^)]*)\\)");
    private static final Pattern APP = Pattern.compile("(\\w+)\\s*(?:\\((.*)\\))?\\s*");
    private static final Pattern READ_FUNCTION = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)\\(");
    private static final Pattern WRITTEN_FUNCTION = Pattern.compile("\\s*_*([A-Za-z_][A-Za-z0-9_]*)\\([^)]*\\)\\s*=");

    private final Map<String, DialplanContext> contexts = new LinkedHashMap<>();
    private final Map<String, String> globals = new LinkedHashMap<>();

    private Dialplan() {
    }

    public static Dialplan loadDefault() {
        InputStream in = Dialplan.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE);
        if (in == null) {
            throw new DialplanException("classpath resource " + DEFAULT_RESOURCE + " not found");
        }
        return parse(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    public static Dialplan parse(String text) {
        return parse(new StringReader(text));
    }

    public static Dialplan parse(Reader reader) {
        Dialplan plan = new Dialplan();
        try (BufferedReader in = new BufferedReader(reader)) {
            plan.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return plan;
    }

    public Map<String, DialplanContext> contexts() {
        return Collections.unmodifiableMap(contexts);
    }

    public Optional<DialplanContext> context(String name) {
        return Optional.ofNullable(contexts.get(name));
    }

    public DialplanContext requireContext(String name) {
        return context(name).orElseThrow(() -> new DialplanException("no context [" + name + "] in the dialplan"));
    }

    public Map<String, String> globals() {
        return Collections.unmodifiableMap(globals);
    }

    /**
     * Every application the dialplan runs, by name as first written (Asterisk matches names
     * case-insensitively), in order of first use.
     */
    public java.util.Set<String> applicationsUsed() {
        Map<String, String> byUpper = new LinkedHashMap<>();
        for (DialplanContext c : contexts.values()) {
            for (Extension e : c.extensions()) {
                for (Priority p : e.priorities()) {
                    byUpper.putIfAbsent(p.application().toUpperCase(java.util.Locale.ROOT), p.application());
                }
            }
        }
        return new java.util.LinkedHashSet<>(byUpper.values());
    }

    /**
     * Every dialplan function the dialplan reads ({@code ${CALLERID(num)}}) or writes
     * ({@code Set(CHANNEL(language)=en)}), upper case, in order of first use; the globals count too.
     */
    public java.util.Set<String> functionsUsed() {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        globals.values().forEach(v -> collectFunctions(v, out));
        for (DialplanContext c : contexts.values()) {
            for (Extension e : c.extensions()) {
                for (Priority p : e.priorities()) {
                    collectFunctions(p.rawArgs(), out);
                    if (p.application().equalsIgnoreCase("Set") || p.application().equalsIgnoreCase("MSet")) {
                        for (String assignment : p.args()) {
                            Matcher written = WRITTEN_FUNCTION.matcher(assignment);
                            if (written.lookingAt()) {
                                out.add(written.group(1).toUpperCase(java.util.Locale.ROOT));
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    private static void collectFunctions(String text, java.util.Set<String> out) {
        Matcher read = READ_FUNCTION.matcher(text == null ? "" : text);
        while (read.find()) {
            out.add(read.group(1).toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** Every priority running {@code application} in any context. */
    public List<Priority> applications(String application) {
        return contexts.values().stream().flatMap(c -> c.applications(application).stream()).toList();
    }

    private void read(BufferedReader in) throws IOException {
        String section = null;
        DialplanContext context = null;
        Extension lastExtension = null;
        String raw;
        int lineNo = 0;
        while ((raw = in.readLine()) != null) {
            lineNo++;
            String line = stripComment(raw).trim();
            if (line.isEmpty()) {
                continue;
            }
            Matcher sec = SECTION.matcher(line);
            if (sec.matches()) {
                section = sec.group(1).trim();
                lastExtension = null;
                context = isContext(section) ? contexts.computeIfAbsent(section, DialplanContext::new) : null;
                continue;
            }
            if (line.startsWith("#include") || line.startsWith("#exec")) {
                LOG.warn("extensions.conf line {}: '{}' is not followed (only this file is read)", lineNo, line);
                continue;
            }
            int arrow = line.indexOf("=>");
            int eq = line.indexOf('=');
            if (section == null) {
                throw new DialplanException("extensions.conf line " + lineNo + ": outside any [section]: " + line);
            }
            if ("globals".equals(section)) {
                if (eq < 0) {
                    throw new DialplanException("extensions.conf line " + lineNo + ": expected NAME=value in [globals]");
                }
                globals.put(line.substring(0, eq).trim(), line.substring(arrow == eq ? eq + 2 : eq + 1).trim());
                continue;
            }
            if (context == null) {
                continue;   // [general]: settings, not dialplan
            }
            if (arrow < 0) {
                throw new DialplanException("extensions.conf line " + lineNo + ": expected 'key => value': " + line);
            }
            String key = line.substring(0, arrow).trim().toLowerCase();
            String value = line.substring(arrow + 2).trim();
            switch (key) {
                case "exten" -> lastExtension = addExten(context, value, lineNo);
                case "same" -> {
                    if (lastExtension == null) {
                        throw new DialplanException("extensions.conf line " + lineNo + ": 'same =>' before any 'exten =>'");
                    }
                    addStep(lastExtension, value, lineNo);
                }
                case "include" -> context.include(value);
                default -> LOG.debug("extensions.conf line {}: ignoring '{}'", lineNo, key);
            }
        }
    }

    private static boolean isContext(String section) {
        return !section.equals("general") && !section.equals("globals");
    }

    private Extension addExten(DialplanContext context, String value, int lineNo) {
        int comma = value.indexOf(',');
        if (comma < 0) {
            throw new DialplanException("extensions.conf line " + lineNo + ": expected exten => name,priority,App(args)");
        }
        Extension extension = context.extensionFor(value.substring(0, comma).trim());
        addStep(extension, value.substring(comma + 1), lineNo);
        return extension;
    }

    private void addStep(Extension extension, String value, int lineNo) {
        int comma = value.indexOf(',');
        if (comma < 0) {
            throw new DialplanException("extensions.conf line " + lineNo + ": expected priority,App(args)");
        }
        String prio = value.substring(0, comma).trim();
        String app = value.substring(comma + 1).trim();
        String label = null;
        Matcher withLabel = STEP.matcher(prio);
        if (withLabel.matches()) {
            prio = withLabel.group(1).trim();
            label = withLabel.group(2).trim();
        }
        int number;
        if (prio.equals("n")) {
            number = extension.lastNumber() + 1;
        } else if (prio.equals("hint")) {
            return;
        } else {
            try {
                number = Integer.parseInt(prio);
            } catch (NumberFormatException e) {
                throw new DialplanException("extensions.conf line " + lineNo + ": bad priority '" + prio + "'");
            }
        }
        int open = app.indexOf('(');
        String name;
        String args;
        if (open < 0) {
            name = app;
            args = "";
        } else {
            if (!app.endsWith(")")) {
                throw new DialplanException("extensions.conf line " + lineNo + ": unbalanced parentheses in " + app);
            }
            name = app.substring(0, open).trim();
            args = app.substring(open + 1, app.length() - 1);
        }
        if (!APP.matcher(name).matches()) {
            throw new DialplanException("extensions.conf line " + lineNo + ": bad application name '" + name + "'");
        }
        extension.add(new Priority(number, label, name, args, lineNo));
    }

    /**
     * A ';' starts a comment unless escaped as '\;' — the rule of every Asterisk .conf file, so
     * the other configuration files' reader uses it too.
     */
    public static String stripComment(String line) {
        StringBuilder out = new StringBuilder(line.length());
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length() && line.charAt(i + 1) == ';') {
                out.append(';');
                i++;
            } else if (c == ';') {
                break;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
