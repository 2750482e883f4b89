package com.callbackdesk.dialplan;

/**
 * An extension name as Asterisk matches it: a literal ("s", "100") or a pattern starting with
 * {@code _}: X = 0-9, Z = 1-9, N = 2-9, [1-5a] = a set, "." = one or more of anything,
 * "!" = zero or more of anything. Everything else is literal (so "_+X." matches "+886...").
 */
public final class ExtensionPattern {

    private final String text;
    private final boolean pattern;

    public ExtensionPattern(String text) {
        this.text = text;
        this.pattern = text.startsWith("_");
    }

    public String text() {
        return text;
    }

    public boolean isPattern() {
        return pattern;
    }

    public boolean matches(String exten) {
        if (!pattern) {
            return text.equals(exten);
        }
        return match(text, 1, exten, 0);
    }

    private static boolean match(String p, int pi, String s, int si) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            if (c == '.') {
                return si < s.length();
            }
            if (c == '!') {
                return true;
            }
            if (si >= s.length()) {
                return false;
            }
            char d = s.charAt(si);
            switch (Character.toUpperCase(c)) {
                case 'X' -> {
                    if (d < '0' || d > '9') {
                        return false;
                    }
                }
                case 'Z' -> {
                    if (d < '1' || d > '9') {
                        return false;
                    }
                }
                case 'N' -> {
                    if (d < '2' || d > '9') {
                        return false;
                    }
                }
                case '[' -> {
                    int end = p.indexOf(']', pi);
                    if (end < 0 || !inSet(p.substring(pi + 1, end), d)) {
                        return false;
                    }
                    pi = end;
                }
                default -> {
                    if (c != d) {
                        return false;
                    }
                }
            }
            pi++;
            si++;
        }
        return si == s.length();
    }

    private static boolean inSet(String set, char d) {
        for (int i = 0; i < set.length(); i++) {
            if (i + 2 < set.length() && set.charAt(i + 1) == '-') {
                if (d >= set.charAt(i) && d <= set.charAt(i + 2)) {
                    return true;
                }
                i += 2;
            } else if (set.charAt(i) == d) {
                return true;
            }
        }
        return false;
    }

    /**
     * Asterisk prefers the more specific match: a literal beats any pattern; among patterns, the
     * one whose first differing character matches fewer digits wins. Approximated by summing
     * per-character breadth, which orders the patterns a dialplan like ours uses correctly.
     */
    int specificity() {
        if (!pattern) {
            return Integer.MIN_VALUE;
        }
        int breadth = 0;
        for (int i = 1; i < text.length(); i++) {
            char c = Character.toUpperCase(text.charAt(i));
            breadth += switch (c) {
                case 'X' -> 10;
                case 'Z' -> 9;
                case 'N' -> 8;
                case '.', '!' -> 1000;
                case '[' -> {
                    int end = text.indexOf(']', i);
                    int size = end < 0 ? 1 : end - i - 1;
                    i = end < 0 ? i : end;
                    yield size;
                }
                default -> 1;
            };
        }
        return breadth;
    }

    @Override
    public String toString() {
        return text;
    }
}
