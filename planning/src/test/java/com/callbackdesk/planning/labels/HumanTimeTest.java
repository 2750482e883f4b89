package com.callbackdesk.planning.labels;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class HumanTimeTest {

    private final HumanTime taipei = HumanTime.in(ZoneId.of("Asia/Taipei"));

    @Test
    void anInstantReadsAsOfficeTimeWithoutSecondsOrZone() {
        // 06:05:33.123456 UTC on Monday 7 December 2026 is 14:05 in Taipei
        Instant t = Instant.parse("2026-12-07T06:05:33.123456Z");
        assertThat(taipei.format(t)).isEqualTo("Mon 7 Dec 14:05");
        assertThat(taipei.format(t, "zh-TW")).isEqualTo("12月7日(週一) 14:05");
        // the office's date, not UTC's: 23:30 UTC on Sunday is Monday morning in Taipei
        assertThat(taipei.format(Instant.parse("2026-12-06T23:30:00Z"))).isEqualTo("Mon 7 Dec 07:30");
        assertThat(taipei.format(null)).isEmpty();
    }

    @Test
    void instantsInsideATextAreRewrittenAndTheRestKept() {
        String why = "attempt 2 at 2026-12-07T06:05:33.123456Z, until 2026-12-07T09:30:00Z (policy v3);"
                + " fired 2026-12-07T06:05Z; offset 2026-12-07T14:05:00+08:00; not a time 2026-12-07";
        assertThat(taipei.rewrite(why)).isEqualTo("attempt 2 at Mon 7 Dec 14:05, until Mon 7 Dec 17:30 (policy v3);"
                + " fired Mon 7 Dec 14:05; offset Mon 7 Dec 14:05; not a time 2026-12-07");
        assertThat(taipei.rewrite(null)).isNull();
    }
}
