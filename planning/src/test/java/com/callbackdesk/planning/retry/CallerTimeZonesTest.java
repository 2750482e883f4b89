package com.callbackdesk.planning.retry;

import org.junit.jupiter.api.Test;

import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class CallerTimeZonesTest {

    @Test
    void aNumberWithOneZoneGivesIt() {
        assertThat(CallerTimeZones.of("+886912345678")).contains(ZoneId.of("Asia/Taipei"));
        assertThat(CallerTimeZones.of("+81312345678")).contains(ZoneId.of("Asia/Tokyo"));
        assertThat(CallerTimeZones.of("+6561234567")).contains(ZoneId.of("Asia/Singapore"));
    }

    @Test
    void aNumberSpanningZonesOrNotANumberGivesNone() {
        assertThat(CallerTimeZones.of("+18005550100")).isEmpty(); // US toll-free: every US zone
        assertThat(CallerTimeZones.of("not a number")).isEmpty();
        assertThat(CallerTimeZones.of(null)).isEmpty();
    }
}
