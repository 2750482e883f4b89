package com.callbackdesk.screenshot;

import java.time.Instant;

/**
 * One screenshot request as stored.
 *
 * @param token     the secret in the upload link (and the cancel link's partner)
 * @param file      the stored upload, when RECEIVED
 * @param failure   why sending failed, when FAILED
 * @param updatedBy the last actor ("kind:name") who changed it
 * @param sentTo    where the link went (phone number or e-mail address), once sent
 * @param note      why the link went another way than the caller chose (e.g. e-mail chosen, no
 *                  address on file, sent by SMS), or null
 */
public record ScreenshotRequest(long id, long callbackId, ScreenshotChannel channel, String token,
                                ScreenshotState state, Instant requestedAt, Instant sentAt, Instant receivedAt,
                                Instant declinedAt, Instant failedAt, String failure, StoredFile file,
                                String updatedBy, String sentTo, String note) {
}
