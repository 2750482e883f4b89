package com.callbackdesk.ivr.intake;

import com.callbackdesk.ivr.dialog.StepId;

/** Where in the intake a caller is; abandonments and fallbacks are counted per step. */
public enum IntakeStep implements StepId {
    /** Answered, welcome played, before any question. */
    GREETING,
    LANGUAGE,
    CALLBACK_NUMBER,
    PRODUCT,
    CATEGORY,
    URGENCY,
    REACHABLE_UNTIL,
    SCREENSHOT_LINK,
    /** Handing the intake to the desk and speaking its answer. */
    SUBMIT,
    /** After the acknowledgement: the next-morning slot, or a time the caller keys instead. */
    NEXT_MORNING_OFFER,
    /** The caller's number already has a waiting callback: cancel, keep or change its time (asked right after the language). */
    PENDING_CALLBACK
}
