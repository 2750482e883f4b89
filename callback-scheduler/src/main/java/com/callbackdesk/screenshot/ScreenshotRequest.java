package com.callbackdesk.screenshot;

import java.time.Instant;

/**
 * One screenshot request as stored.
 *
 * @param token     the secret in the upload link (and the cancel link's partner)
 * @param file      the stored upload, when RECEIVED
 * @param failure   why sending failed, when FAILED
 * @param updatedBy the last actor ("kind:name") who changed it
 */
public record ScreenshotRequest(long id, long callbackId, ScreenshotChannel channel, String token,
                                ScreenshotState state, Instant requestedAt, Instant sentAt, Instant receivedAt,
                                Instant declinedAt, Instant failedAt, String failure, StoredFile file,
                                String updatedBy) {
}
