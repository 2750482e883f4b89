package com.callbackdesk.ivr.intake;

import com.callbackdesk.ivr.intake.CapturedIntake.NumberSource;

/** The number the caller wants to be called back on, E.164, and where it came from. */
record CallbackNumber(String e164, NumberSource source) {
}
