package com.callbackdesk.whatif;

import com.callbackdesk.planning.EscalationLevel;
import com.callbackdesk.planning.Urgency;
import com.callbackdesk.planning.retry.RetryPolicy;
import com.callbackdesk.whatif.model.DeskSimulation;
import com.callbackdesk.whatif.model.Experiment;
import com.callbackdesk.whatif.scenario.Scenario;
import com.callbackdesk.whatif.scenario.ScenarioParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulated consultant takes waiting requests in production's {@code QueueOrder}: escalation
 * level, then the caller's deadline (stated reachable-until; none = last), then urgency, then age.
 */
class QueueOrderInSimulationTest {

    @Test
    void waitingRequestsAreServedInProductionQueueOrder(@TempDir Path dir) throws IOException {
        // 40 requests before the office opens at 09:00; the one consultant starts at 10:00, so at
        // 10:00 all 40 are waiting and are taken one after the other.
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            csv.append(String.format("2026-01-05T07:%02d:00+08:00%n", i));
        }
        Files.writeString(dir.resolve("a.csv"), csv);
        Files.writeString(dir.resolve("s.yaml"), """
                seed: 8
                days: 1
                arrivals: {replay: {csv: a.csv}}
                personas:
                  - {name: plain, share: 2, urgent: 0.5, answers: 1}
                  - {name: leaves, share: 2, urgent: 0.5, answers: 1,
                     leavesForTheDay: {around: "17:00", sdMinutes: 0, states: 1, colleagueAnswers: 0}}
                  - {name: leaves earlier, share: 1, urgent: 0.5, answers: 1,
                     leavesForTheDay: {around: "16:00", sdMinutes: 0, states: 1, colleagueAnswers: 0}}
                consultants:
                  - {group: g, handleTime: 2m, shifts: [{days: ALL, start: "10:00", end: "18:00", count: 1}]}
                calls: {ringNoAnswer: 30s, answerAfter: 0s, shortCall: 30s}
                """);
        Scenario s = ScenarioParser.read(dir.resolve("s.yaml"));
        List<DeskSimulation.Dial> dials = new ArrayList<>();
        new DeskSimulation(s, Experiment.path(s, "defaults", RetryPolicy.defaults()).get(), 1).onDial(dials::add).run();

        assertThat(dials).hasSize(40);
        assertThat(dials.get(0).at()).isEqualTo(10 * 3600.0); // nobody before the consultant's shift
        Comparator<DeskSimulation.Dial> queueOrder = Comparator
                .comparing(DeskSimulation.Dial::level, Comparator.reverseOrder())
                .thenComparing(DeskSimulation.Dial::reachableUntil, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(DeskSimulation.Dial::urgency, Comparator.reverseOrder())
                .thenComparingDouble(DeskSimulation.Dial::requestedAt);
        assertThat(dials).isSortedAccordingTo(queueOrder);
        assertThat(dials.get(0).reachableUntil()).isEqualTo(LocalTime.of(16, 0));
        assertThat(dials.get(dials.size() - 1).reachableUntil()).isNull();
        assertThat(dials).extracting(DeskSimulation.Dial::urgency).contains(Urgency.URGENT, Urgency.NORMAL);
        assertThat(dials).allMatch(d -> d.level() == EscalationLevel.NORMAL);
    }
}
