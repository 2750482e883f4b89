package com.callbackdesk.planning.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one duration grammar every file of the desk is read with. */
class DurationsTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "90s, PT1M30S",
            "10m, PT10M",
            "10min, PT10M",
            "1.5h, PT1H30M",
            "1h30m, PT1H30M",
            "1h 30m, PT1H30M",
            "2d, PT48H",
            "1d2h3m4s, PT26H3M4S",
            "0.5m, PT30S",
            "0.25s, PT0.25S",
            "PT10M, PT10M",
            "pt45s, PT45S",
            "0m, PT0S",
    })
    void readsEveryWrittenForm(String text, String iso) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.parse(iso));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "15", "soon", "5 minutes", "1.h", ".5h", "30m1h", "1h1h", "h", "1w", "PTxM", "-5m"})
    void refusesAnythingElseNamingTheText(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a duration").hasMessageContaining("'" + text + "'");
    }

    @Test
    void theRefusalShowsTheGrammar() {
        assertThatThrownBy(() -> Durations.parse("soon"))
                .hasMessage("not a duration (use e.g. 15m, 1h30m, 2d or PT15M): 'soon'");
        assertThatThrownBy(() -> Durations.parse("30m1h")).hasMessageContaining("units run from d down to s");
    }

    @Test
    void formatsTheShortFormThatReadsBack() {
        for (String text : new String[] {"90s", "1h30m", "2d", "1d2h3m4s", "0m"}) {
            Duration d = Durations.parse(text);
            assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
        }
        assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
    }
}
