package com.callbackdesk.planning.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Binding collects every problem with its field path and goes on; unknown keys are named. */
class YamlBindingTest {

    record Shift(LocalTime start, Duration length, Integer count) {
    }

    record Desk(String name, ZoneId zone, Duration gap, Boolean open, List<Shift> shifts) {
    }

    @Test
    void bindsEveryValueKind() {
        ConfigProblems p = new ConfigProblems();
        Desk d = YamlBinding.bind("""
                name: north
                zone: Asia/Taipei
                gap: 1.5h
                open: true
                shifts: [{start: "9:00", length: 8h, count: 3}]
                """, Desk.class, "must be a mapping", p);
        assertThat(p.list()).isEmpty();
        assertThat(d).isEqualTo(new Desk("north", ZoneId.of("Asia/Taipei"), Duration.ofMinutes(90), true,
                List.of(new Shift(LocalTime.of(9, 0), Duration.ofHours(8), 3))));
    }

    @Test
    void everyProblemAtOnceWithItsPath() {
        ConfigProblems p = new ConfigProblems();
        YamlBinding.bind("""
                zone: Mars/Olympus
                gap: soon
                open: sometimes
                colour: blue
                shifts:
                  - {start: "9:00", length: 8h, count: 3}
                  - {start: late, length: 15, count: two, lunch: 1h}
                """, Desk.class, "must be a mapping", p);
        assertThat(p.list()).containsExactlyInAnyOrder(
                "zone: unknown time zone 'Mars/Olympus'",
                "gap: not a duration (use e.g. 15m, 1h30m, 2d or PT15M): 'soon'",
                "open: must be true or false, was 'sometimes'",
                "colour: unknown field (expected one of gap, name, open, shifts, zone)",
                "shifts[1].start: expected HH:MM, was 'late'",
                "shifts[1].length: not a duration (use e.g. 15m, 1h30m, 2d or PT15M): '15'",
                "shifts[1].count: must be a whole number, was 'two'",
                "shifts[1].lunch: unknown field (expected one of count, length, start)");
    }

    @Test
    void notYamlOrNotAMappingIsOneProblem() {
        ConfigProblems p = new ConfigProblems();
        assertThat(YamlBinding.bind("gap: [1, 2", Desk.class, "must be a mapping", p)).isNull();
        assertThat(p.list()).singleElement().asString().startsWith("(yaml): not valid YAML");
        ConfigProblems q = new ConfigProblems();
        assertThat(YamlBinding.bind("- a", Desk.class, "must be a mapping of desk fields", q)).isNull();
        assertThat(q.list()).containsExactly("(root): must be a mapping of desk fields");
    }

    @Test
    void aNestedViewPrefixesItsPaths() {
        ConfigProblems p = new ConfigProblems();
        p.at("ami").add("port", "must be 1..65535");
        p.at("ami").required("secret", null, null);
        assertThat(p.list()).containsExactly("ami.port: must be 1..65535", "ami.secret: required");
    }
}
