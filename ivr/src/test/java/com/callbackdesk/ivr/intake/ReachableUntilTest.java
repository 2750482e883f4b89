package com.callbackdesk.ivr.intake;

import com.callbackdesk.ivr.dialog.Interpretation;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ReachableUntilTest {

    private static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    // 14:00 in Taipei is 06:00 UTC: the rule must judge "past" in office time, not UTC.
    private final Clock clock = Clock.fixed(ZonedDateTime.of(2025, 3, 12, 14, 0, 0, 0, TAIPEI).toInstant(), ZoneId.of("UTC"));
    private final ReachableUntil rule = new ReachableUntil(clock, TAIPEI);

    @Test
    void acceptsALaterTimeToday() {
        assertThat(rule.interpret("1730")).isEqualTo(Interpretation.valid(Optional.of(LocalTime.of(17, 30))));
        assertThat(rule.interpret("2359")).isEqualTo(Interpretation.valid(Optional.of(LocalTime.of(23, 59))));
    }

    @Test
    void starMeansUntilTheOfficeCloses() {
        assertThat(rule.interpret("*")).isEqualTo(Interpretation.valid(Optional.empty()));
    }

    @Test
    void rejectsTimesThatDoNotExist() {
        for (String bad : new String[]{"2500", "1760", "173", "17300", "17*0", "", "9999"}) {
            assertThat(rule.interpret(bad)).as(bad).isEqualTo(Interpretation.invalid(IntakePrompts.REACHABLE_INVALID));
        }
    }

    @Test
    void rejectsTimesAlreadyPastInTheOffice() {
        assertThat(rule.interpret("0900")).isEqualTo(Interpretation.invalid(IntakePrompts.REACHABLE_PAST));
        assertThat(rule.interpret("1400")).as("now is not 'later'").isEqualTo(Interpretation.invalid(IntakePrompts.REACHABLE_PAST));
        assertThat(rule.interpret("0700")).as("07:00 is after 06:00 UTC but past in Taipei")
                .isEqualTo(Interpretation.invalid(IntakePrompts.REACHABLE_PAST));
    }
}
