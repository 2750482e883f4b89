package com.callbackdesk.ivr.intake;

import java.util.Objects;

/**
 * A place in the dialplan, e.g. the operator: {@code operator,s,1}. The script leaves for it
 * with {@code EXEC Goto}, so the call continues there once the AGI returns.
 */
public record DialplanTarget(String context, String extension, int priority) {

    public DialplanTarget {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(extension, "extension");
        if (context.isBlank() || extension.isBlank() || priority < 1) {
            throw new IllegalArgumentException("not a dialplan location: " + context + "," + extension + "," + priority);
        }
    }

    /** Parses Asterisk's own notation {@code context,extension,priority}. */
    public static DialplanTarget parse(String text) {
        String[] parts = Objects.requireNonNull(text, "text").split(",");
        if (parts.length != 3) {
            throw new IllegalArgumentException("expected context,extension,priority but got '" + text + "'");
        }
        try {
            return new DialplanTarget(parts[0].trim(), parts[1].trim(), Integer.parseInt(parts[2].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("priority is not a number in '" + text + "'", e);
        }
    }

    /** The argument of {@code Goto()}. */
    public String gotoArgument() {
        return context + "," + extension + "," + priority;
    }
}
