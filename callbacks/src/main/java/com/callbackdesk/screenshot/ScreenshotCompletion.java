package com.callbackdesk.screenshot;

import java.time.Instant;

/**
 * The screenshot step completed by a consultant or supervisor instead of on the caller's upload
 * page: what the caller said or did on the phone, with the reason given and who recorded it when.
 *
 * @param recordedBy the actor ("kind:name") who recorded it
 */
public record ScreenshotCompletion(long id, long callbackId, Kind kind, String reason, String recordedBy,
                                   Instant recordedAt) {

    /** Longest reason kept (the audit row keeps as much). */
    public static final int MAX_REASON = 1000;

    /** How the step was completed. Either completes it, so the callback may be closed as resolved. */
    public enum Kind {
        /** The caller sent the screenshot another way (e.g. by e-mail to the consultant). */
        RECEIVED_OTHER_MEANS,
        /** The caller said on the phone they will not or cannot send one. */
        DECLINED_ON_PHONE;

        /** Plain words for audit texts and logs. */
        public String words() {
            return this == RECEIVED_OTHER_MEANS ? "received by other means" : "declined on the phone";
        }
    }
}
