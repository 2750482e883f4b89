package com.callbackdesk.pbxsim;

import java.util.ArrayList;
import java.util.List;

/**
 * An AGI command line split the way res_agi's parse_args does: words separated by spaces,
 * double quotes group (and are removed), a backslash escapes the next character. Asterisk-Java
 * quotes every argument and escapes backslash and quote, so both styles arrive.
 *
 * @param words all words, the command's own words included ("GET", "DATA", "beep", ...)
 */
record AgiCommand(String line, List<String> words) {

    static AgiCommand parse(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                current.append(line.charAt(++i));
                inWord = true;
            } else if (c == '"') {
                quoted = !quoted;
                inWord = true;
            } else if (c == ' ' && !quoted) {
                if (inWord) {
                    words.add(current.toString());
                    current.setLength(0);
                    inWord = false;
                }
            } else {
                current.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(current.toString());
        }
        return new AgiCommand(line, words);
    }

    /** The words after the command name, given how many words the name has. */
    List<String> argsAfter(int nameWords) {
        return words.size() <= nameWords ? List.of() : words.subList(nameWords, words.size());
    }

    /** Arguments after a two-word command name (most AGI commands). */
    List<String> args() {
        return argsAfter(Math.min(2, words.size()));
    }

    String word(int i) {
        return i < words.size() ? words.get(i).toUpperCase() : "";
    }
}
