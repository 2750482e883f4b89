package com.callbackdesk.dialplan;

import java.util.ArrayList;
import java.util.List;

/**
 * One step of an extension: {@code exten => s,2(label),Answer()}.
 *
 * @param number      the priority number ("n" and "same =>" resolved)
 * @param label       the optional label, or null
 * @param application the application name as written ("Dial", "AGI", ...)
 * @param rawArgs     the text between the application's parentheses, unexpanded
 * @param line        line number in the file, for error messages
 */
public record Priority(int number, String label, String application, String rawArgs, int line) {

    /**
     * The arguments split on top-level commas, as Asterisk splits application data: commas
     * inside parentheses or ${...} do not split, and a backslash escapes the next character.
     */
    public List<String> args() {
        return splitArgs(rawArgs);
    }

    static List<String> splitArgs(String raw) {
        List<String> out = new ArrayList<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        StringBuilder current = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length()) {
                current.append(raw.charAt(++i));
            } else if (c == '(' || c == '{' || c == '[') {
                depth++;
                current.append(c);
            } else if (c == ')' || c == '}' || c == ']') {
                depth--;
                current.append(c);
            } else if (c == ',' && depth == 0) {
                out.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        out.add(current.toString());
        return out;
    }

    @Override
    public String toString() {
        return number + (label == null ? "" : "(" + label + ")") + "," + application + "(" + rawArgs + ")";
    }
}
