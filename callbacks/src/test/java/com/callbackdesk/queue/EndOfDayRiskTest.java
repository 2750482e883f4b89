package com.callbackdesk.queue;

import com.callbackdesk.planning.calendar.BusinessCalendar;
import com.callbackdesk.callback.Callback;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.planning.EscalationLevel;
import com.callbackdesk.callback.NumberSource;
import com.callbackdesk.callback.ScreenshotChoice;
import com.callbackdesk.planning.Urgency;
import com.callbackdesk.planning.retry.RetryPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/** The deadline and at-risk flag the queue and the dashboard share. */
class EndOfDayRiskTest {

    private static final BusinessCalendar TAIPEI = BusinessCalendar.builder(ZoneId.of("Asia/Taipei"))
            .weekdays(LocalTime.of(9, 0), LocalTime.of(18, 0)).build();
    /** Wednesday 10:00 in Taipei. */
    private static final Instant WED_10 = Instant.parse("2026-03-04T02:00:00Z");

    private final EndOfDayRisk risk = new EndOfDayRisk(TAIPEI, RetryPolicy::defaults); // endOfDayLead 30m

    private static Callback callback(String number, LocalTime until, Instant created) {
        return new Callback(1, CallbackState.QUEUED, number, number, NumberSource.CALLER_ID, "en", "ROUTER", "slow",
                Urgency.NORMAL, until, ScreenshotChoice.NOT_NEEDED, EscalationLevel.NORMAL, "1.1", created, created, 0,
                null, null, 1);
    }

    @Test
    void theDeadlineIsTheCallersStatedTimeOrTheOfficesClose() {
        assertThat(risk.deadline(callback("+886912000001", LocalTime.of(16, 30), WED_10), WED_10))
                .isEqualTo(Instant.parse("2026-03-04T08:30:00Z"));
        assertThat(risk.deadline(callback("+886912000001", null, WED_10), WED_10))
                .isEqualTo(Instant.parse("2026-03-04T10:00:00Z"));
        // A caller in Kuala Lumpur (same offset) and one in Sydney (+11 in March): their own clock.
        assertThat(risk.deadline(callback("+61212345678", LocalTime.of(17, 0), WED_10), WED_10))
                .isEqualTo(Instant.parse("2026-03-04T06:00:00Z"));
    }

    @Test
    void yesterdaysStatedTimeDoesNotApplyToday() {
        Instant tuesday = WED_10.minus(Duration.ofDays(1));
        assertThat(risk.deadline(callback("+886912000001", LocalTime.of(11, 0), tuesday), WED_10))
                .as("today: office close").isEqualTo(Instant.parse("2026-03-04T10:00:00Z"));
        // Asked on Tuesday after its end (19:00): its end of day is Wednesday's close.
        Instant tuesdayEvening = Instant.parse("2026-03-03T11:00:00Z");
        assertThat(risk.requestDeadline(callback("+886912000001", null, tuesdayEvening)))
                .isEqualTo(Instant.parse("2026-03-04T10:00:00Z"));
    }

    @Test
    void atRiskWhenLessThanTwiceTheLeadIsLeft() {
        Instant deadline = Instant.parse("2026-03-04T03:00:00Z");
        assertThat(risk.margin()).isEqualTo(Duration.ofHours(1));
        assertThat(risk.atRisk(deadline, deadline.minus(Duration.ofMinutes(61)))).isFalse();
        assertThat(risk.atRisk(deadline, deadline.minus(Duration.ofMinutes(60)))).isTrue();
        assertThat(risk.atRisk(deadline, deadline.plusSeconds(1))).isTrue();
        EndOfDayRisk noLead = new EndOfDayRisk(TAIPEI, () -> RetryPolicy.defaults().withEndOfDayLead(Duration.ZERO));
        assertThat(noLead.margin()).isEqualTo(EndOfDayRisk.MIN_MARGIN);
    }
}
