package com.callbackdesk.routes.intake;

import java.time.ZonedDateTime;

/**
 * When the caller will be called back, as the IVR speaks it.
 *
 * @param at                  the estimated callback time in the office's zone
 * @param nextBusinessMorning the attempt could not fit before the caller's end of day and was
 *                            moved to the next business morning (the IVR says so)
 */
public record CallbackEstimate(ZonedDateTime at, boolean nextBusinessMorning) {
}
