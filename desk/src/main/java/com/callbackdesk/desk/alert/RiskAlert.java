package com.callbackdesk.desk.alert;

import java.time.Duration;
import java.time.Instant;

/**
 * A reputational-risk callback that has waited in the queue longer than the policy allows, with no
 * supervisor taking it.
 *
 * @param waitingSince when it last joined the queue
 * @param waited       how long it has waited by now
 * @param alertAfter   the policy's limit it passed
 */
public record RiskAlert(long callbackId, String product, String category, Instant waitingSince, Duration waited,
                        Duration alertAfter) {
}
