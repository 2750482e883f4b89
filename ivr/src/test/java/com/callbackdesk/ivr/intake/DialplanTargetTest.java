package com.callbackdesk.ivr.intake;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DialplanTargetTest {

    @Test
    void parsesAsteriskNotation() {
        DialplanTarget target = DialplanTarget.parse("operator, s ,1");
        assertThat(target).isEqualTo(new DialplanTarget("operator", "s", 1));
        assertThat(target.gotoArgument()).isEqualTo("operator,s,1");
    }

    @Test
    void refusesWhatIsNotALocation() {
        assertThatThrownBy(() -> DialplanTarget.parse("operator,s")).hasMessageContaining("operator,s");
        assertThatThrownBy(() -> DialplanTarget.parse("operator,s,one")).hasMessageContaining("priority");
        assertThatThrownBy(() -> DialplanTarget.parse("operator,s,0")).isInstanceOf(IllegalArgumentException.class);
    }
}
