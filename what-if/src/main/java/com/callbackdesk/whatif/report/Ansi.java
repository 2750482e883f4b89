package com.callbackdesk.whatif.report;

import java.util.Map;

/**
 * Terminal colour for the verdict: green when the proposed policy is better, red when worse,
 * grey when there is no detectable difference (or no telling), no colour for a change that is
 * neither better nor worse. Every line also carries a symbol and words, so nothing depends on
 * colour alone.
 */
public final class Ansi {
    static final String GREEN = "\u001b[32m";
    static final String RED = "\u001b[31m";
    static final String GREY = "\u001b[90m";
    static final String BOLD = "\u001b[1m";
    static final String RESET = "\u001b[0m";

    private Ansi() {
    }

    /** The colour of a finding; empty for none. */
    static String of(Verdict.Finding f) {
        return switch (f) {
            case BETTER -> GREEN;
            case WORSE -> RED;
            case NOT_DETECTABLE, CANNOT_TELL -> GREY;
            case CHANGED -> "";
        };
    }

    /** {@code text} in {@code colour} when {@code on}, else as it is. */
    static String paint(boolean on, String colour, String text) {
        return on && !colour.isEmpty() ? colour + text + RESET : text;
    }

    /**
     * Whether to colour: {@code --color} forces it, {@code --no-color} forbids it; otherwise only
     * on a terminal, and not when {@code NO_COLOR} is set to anything non-empty or {@code TERM}
     * is {@code dumb}.
     *
     * @param forced  TRUE for {@code --color}, FALSE for {@code --no-color}, null for neither
     */
    public static boolean wanted(Boolean forced, boolean terminal, Map<String, String> env) {
        if (forced != null) {
            return forced;
        }
        String noColor = env.get("NO_COLOR");
        return terminal && (noColor == null || noColor.isEmpty()) && !"dumb".equals(env.get("TERM"));
    }
}
