package com.callbackdesk.ivr.dialog;

/**
 * What the caller keyed in answer to one GET DATA.
 *
 * @param digits   the keys pressed ("#" ends input and is not included); may be empty
 * @param timedOut Asterisk reported "(timeout)": the caller stopped before pressing # or
 *                 filling the maximum number of digits
 */
public record Entry(String digits, boolean timedOut) {

    public Entry {
        digits = digits == null ? "" : digits;
    }

    /** Nothing pressed at all: the caller did not answer (as opposed to answering wrong). */
    public boolean isSilence() {
        return digits.isEmpty();
    }

    /**
     * Only # was pressed: GET DATA ends at # and does not return it, so the reply is
     * {@code 200 result=} without {@code (timeout)}. Menus may read this as "skip".
     */
    public boolean isHashAlone() {
        return digits.isEmpty() && !timedOut;
    }
}
