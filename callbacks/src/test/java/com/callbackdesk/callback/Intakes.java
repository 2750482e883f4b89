package com.callbackdesk.callback;

import com.callbackdesk.planning.Urgency;
import java.time.Instant;
import java.time.LocalTime;

/** Captured intakes for tests. */
final class Intakes {
    private Intakes() {
    }

    static NewCallback from(String number, String uniqueId) {
        return new NewCallback(uniqueId, "PJSIP/trunk-0000" + uniqueId.hashCode(), number, number,
                NumberSource.CALLER_ID, "en", "router-x", "no-internet", Urgency.NORMAL, LocalTime.of(17, 30),
                ScreenshotChoice.NOT_NEEDED, Instant.parse("2025-03-03T01:59:00Z"));
    }

    static NewCallback urgent(String number, String uniqueId, LocalTime until) {
        NewCallback n = from(number, uniqueId);
        return new NewCallback(n.callUniqueId(), n.channel(), n.callerId(), n.callbackNumber(), n.numberSource(),
                n.language(), n.product(), n.category(), Urgency.URGENT, until, n.screenshotChoice(), n.capturedAt());
    }
}
