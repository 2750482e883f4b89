package com.callbackdesk.pbxsim;

import java.util.List;

/**
 * GotoIf(condition?iftrue:iffalse) with the condition already substituted: "" and "0" are false.
 * A {@code $[a = b]} / {@code $[a != b]} expression is compared as ast_expr2 does for strings
 * (quotes around either side are not part of the value); any other {@code $[...]} is taken as its text.
 */
final class GotoIfApplication implements DialplanApplication {

    private final GotoApplication jumps;

    GotoIfApplication(GotoApplication jumps) {
        this.jumps = jumps;
    }

    @Override
    public String name() {
        return "GotoIf";
    }

    @Override
    public String execute(SimulatedChannel channel, List<String> args, DialplanRunner.Frame frame) {
        String data = String.join(",", args);
        int q = data.indexOf('?');
        if (q < 0) {
            return null;
        }
        String[] branches = data.substring(q + 1).split(":", 2);
        String condition = evaluate(data.substring(0, q).trim());
        boolean truth = !(condition.isEmpty() || condition.equals("0"));
        String branch = truth ? branches[0] : (branches.length > 1 ? branches[1] : "");
        if (!branch.isBlank()) {
            jumps.jump(channel, branch.split(","));
        }
        return null;
    }

    private static final java.util.regex.Pattern COMPARISON =
            java.util.regex.Pattern.compile("(.*?)\\s*(!=|=)\\s*(.*)");

    /** The value of a condition: {@code $[x = y]} is "1" or "0", anything else its own text. */
    static String evaluate(String condition) {
        if (!(condition.startsWith("$[") && condition.endsWith("]"))) {
            return condition;
        }
        String inner = condition.substring(2, condition.length() - 1).trim();
        java.util.regex.Matcher m = COMPARISON.matcher(inner);
        if (!m.matches()) {
            return unquote(inner);
        }
        boolean equal = unquote(m.group(1).trim()).equals(unquote(m.group(3).trim()));
        return equal == m.group(2).equals("=") ? "1" : "0";
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
