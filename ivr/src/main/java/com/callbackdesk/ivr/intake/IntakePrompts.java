package com.callbackdesk.ivr.intake;

import java.util.List;

/** The prompt keys the intake flow plays; the catalogue must have each in every language. */
public final class IntakePrompts {

    public static final String WELCOME = "welcome";
    public static final String LANGUAGE_MENU = "language.menu";
    public static final String YOUR_NUMBER_IS = "number.your-number-is";
    public static final String CONFIRM_NUMBER = "number.confirm";
    public static final String ENTER_NUMBER = "number.enter";
    public static final String NUMBER_INVALID = "number.invalid";
    public static final String NUMBER_TOO_LONG = "number.too-long";
    public static final String PRODUCT_MENU = "product.menu";
    public static final String CATEGORY_MENU = "category.menu";
    public static final String URGENCY_MENU = "urgency.menu";
    public static final String REACHABLE_ENTER = "reachable.enter";
    public static final String REACHABLE_INVALID = "reachable.invalid";
    public static final String REACHABLE_PAST = "reachable.past";
    public static final String SCREENSHOT_MENU = "screenshot.menu";
    public static final String INPUT_INVALID = "input.invalid";
    public static final String INPUT_NONE = "input.none";
    public static final String PLEASE_WAIT = "submit.please-wait";
    public static final String CALLBACK_AT = "ack.callback-at";
    public static final String TOMORROW_MORNING = "ack.tomorrow-morning";
    public static final String MERGED = "ack.merged";
    /** "You already have a callback booked, at" (+ the time as digits). */
    public static final String PENDING_RECOGNISED = "pending.recognised";
    /** "If it is solved press 1 to cancel it; 2 to keep it; 3 to change the time." */
    public static final String PENDING_MENU = "pending.menu";
    /** "Key the time you want us to call, as four digits." */
    public static final String PENDING_ENTER_TIME = "pending.enter-time";
    /** "Your callback is cancelled. Thank you." */
    public static final String PENDING_CANCELLED = "pending.cancelled";
    /** "Press 1 to keep that time, or key the time you want us to call, as four digits." */
    public static final String NEXT_MORNING_OFFER = "ack.next-morning-offer";
    /** Prefix of the prompt spoken for a Rejected decision: {@code rejected.<reason>}. */
    public static final String REJECTED_PREFIX = "rejected.";
    /** Spoken for a rejection reason the catalogue has no recording for. */
    public static final String REJECTED_OTHER = "rejected.other";
    public static final String APOLOGY = "apology.technical";
    public static final String TRANSFER_OPERATOR = "transfer.operator";
    public static final String GOODBYE = "goodbye";

    public static final List<String> ALL = List.of(WELCOME, LANGUAGE_MENU, YOUR_NUMBER_IS, CONFIRM_NUMBER,
            ENTER_NUMBER, NUMBER_INVALID, NUMBER_TOO_LONG, PRODUCT_MENU, CATEGORY_MENU, URGENCY_MENU,
            REACHABLE_ENTER, REACHABLE_INVALID, REACHABLE_PAST, SCREENSHOT_MENU, INPUT_INVALID, INPUT_NONE,
            PLEASE_WAIT, CALLBACK_AT, TOMORROW_MORNING, MERGED, NEXT_MORNING_OFFER, PENDING_RECOGNISED, PENDING_MENU, PENDING_ENTER_TIME, PENDING_CANCELLED, REJECTED_OTHER, APOLOGY, TRANSFER_OPERATOR,
            GOODBYE);

    private IntakePrompts() {
    }
}
