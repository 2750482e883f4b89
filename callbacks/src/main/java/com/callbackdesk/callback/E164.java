package com.callbackdesk.callback;

import java.util.regex.Pattern;

/** The shape check for E.164 numbers this module stores ({@code +} and 2–15 digits). */
final class E164 {
    private static final Pattern SHAPE = Pattern.compile("\\+[1-9][0-9]{1,14}");

    private E164() {
    }

    static String require(String number, String what) {
        if (number == null || !SHAPE.matcher(number).matches()) {
            throw new IllegalArgumentException(what + " is not an E.164 number: " + number);
        }
        return number;
    }

    static String requireOrNull(String number, String what) {
        return number == null ? null : require(number, what);
    }
}
