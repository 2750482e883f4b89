package com.callbackdesk.ivr.prompts;

/**
 * One choice in a DTMF menu of the catalogue (a product or a problem category).
 *
 * @param key         the DTMF key the caller presses ("1".."9")
 * @param code        what the IVR hands to the desk; stable, unlike the label
 * @param label       for people reading logs and the catalogue, never spoken
 * @param needsScreen for categories: the consultant needs a screenshot, so the IVR asks
 *                    how to send the upload link
 */
public record MenuOption(String key, String code, String label, boolean needsScreen) {
}
