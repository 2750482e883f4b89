package com.callbackdesk.planning;

import com.callbackdesk.planning.retry.RetryPolicy;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The dial-path faults that are nobody's attempt on the caller, and every code's labels. */
class OutcomeCodeTest {

    @Test
    void aConsultantCancelAndAPbxRestartAreNoAttemptOnTheCallerAndGoBackToTheQueue() {
        for (OutcomeCode c : new OutcomeCode[] {OutcomeCode.CONSULTANT_CANCELLED, OutcomeCode.PBX_RESTART}) {
            assertThat(c.from()).isEqualTo(CallbackState.DIALING);
            assertThat(c.to()).as("%s: back to the queue, not re-planned", c).isEqualTo(CallbackState.QUEUED);
            assertThat(RetryPolicy.REPLANNED).as("%s counts as an attempt on the caller", c).doesNotContain(c);
            assertThat(c.onTheLine()).isTrue();
            assertThat(c.dialerOnly()).isTrue();
        }
        assertThat(OutcomeCode.CONSULTANT_CANCELLED.againstConsultant()).isTrue();
        assertThat(OutcomeCode.CONSULTANT_NO_ANSWER.againstConsultant()).isTrue();
        assertThat(OutcomeCode.PBX_RESTART.againstConsultant()).isFalse();
        assertThat(OutcomeCode.NO_ANSWER.againstConsultant()).isFalse();
        assertThat(OutcomeCode.NO_ANSWER.dialerOnly()).isFalse();
    }

    @Test
    void everyCodeHasAnEnglishAndATraditionalChineseLabelThatIsNotItsName() {
        for (OutcomeCode c : OutcomeCode.values()) {
            String en = OutcomeLabels.label(c);
            String zh = OutcomeLabels.label(c, Locale.TRADITIONAL_CHINESE);
            assertThat(en).as(c.name()).isNotBlank().isNotEqualTo(c.name());
            assertThat(zh).as(c.name()).isNotBlank().isNotEqualTo(en);
            assertThat(OutcomeLabels.label(c, Locale.forLanguageTag("zh-TW"))).isEqualTo(zh);
            assertThat(OutcomeLabels.label(c, Locale.ENGLISH)).isEqualTo(en);
        }
        assertThat(OutcomeLabels.label(OutcomeCode.PBX_RESTART)).isEqualTo("Phone system restarted during the call");
    }
}
