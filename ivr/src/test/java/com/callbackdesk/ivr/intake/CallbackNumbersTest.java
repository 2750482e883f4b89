package com.callbackdesk.ivr.intake;

import com.callbackdesk.ivr.dialog.Interpretation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallbackNumbersTest {

    private final CallbackNumbers numbers = new CallbackNumbers("TW");

    @Test
    void keyedNationalNumbersBecomeE164() {
        assertThat(numbers.interpretKeyed("0912345678")).isEqualTo(Interpretation.valid("+886912345678"));
        assertThat(numbers.interpretKeyed("0223456789")).isEqualTo(Interpretation.valid("+886223456789"));
    }

    @Test
    void malformedNumbersAreInvalid() {
        assertThat(numbers.interpretKeyed("12345")).isEqualTo(Interpretation.invalid(IntakePrompts.NUMBER_INVALID));
        assertThat(numbers.interpretKeyed("0212345678")).isEqualTo(Interpretation.invalid(IntakePrompts.NUMBER_INVALID));
        assertThat(numbers.interpretKeyed("09*2345678")).isEqualTo(Interpretation.invalid(IntakePrompts.NUMBER_INVALID));
        assertThat(numbers.interpretKeyed("")).isEqualTo(Interpretation.invalid(IntakePrompts.NUMBER_INVALID));
    }

    @Test
    void tooLongNumbersGetTheirOwnPrompt() {
        assertThat(numbers.interpretKeyed("0223456789012345")).isEqualTo(Interpretation.invalid(IntakePrompts.NUMBER_TOO_LONG));
        assertThat(numbers.interpretKeyed("02234567890123456789")).isEqualTo(Interpretation.invalid(IntakePrompts.NUMBER_TOO_LONG));
    }

    @Test
    void callerIdIsUsableOnlyWhenPresentedAndValid() {
        assertThat(numbers.usableCallerId("+886223456789", 0)).contains("+886223456789");
        assertThat(numbers.usableCallerId("0912345678", 0)).contains("+886912345678");
        assertThat(numbers.usableCallerId("unknown", 67)).isEmpty();
        assertThat(numbers.usableCallerId("0912345678", 35)).as("presentation restricted").isEmpty();
        assertThat(numbers.usableCallerId(null, null)).isEmpty();
        assertThat(numbers.usableCallerId("5551234", 0)).as("not a valid TW number").isEmpty();
    }

    @Test
    void readsBackNationalDigits() {
        assertThat(numbers.nationalDigits("+886223456789")).isEqualTo("0223456789");
    }

    @Test
    void refusesUnknownRegion() {
        assertThatThrownBy(() -> new CallbackNumbers("XX")).hasMessageContaining("XX");
    }
}
