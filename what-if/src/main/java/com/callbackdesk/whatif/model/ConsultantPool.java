package com.callbackdesk.whatif.model;

import com.callbackdesk.planning.EscalationLevel;
import com.callbackdesk.planning.queue.ConsultantSkills;
import com.callbackdesk.planning.queue.QueueItem;
import com.callbackdesk.whatif.engine.Simulator;
import com.callbackdesk.whatif.scenario.Scenario;
import com.callbackdesk.whatif.scenario.Scenario.ConsultantGroup;
import com.callbackdesk.whatif.scenario.Scenario.Shift;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * The consultants and the requests waiting for them. Waiting requests are kept in one queue per
 * (category, escalation level) in {@link SimRules#ORDER}; which group may take which queue is
 * decided once, by the production eligibility rule ({@link SimRules#takes}). A free consultant
 * takes the first waiting request among the queues its group may take; a request that becomes
 * due goes straight to an idle consultant who may take it, if there is one.
 *
 * <p>Shifts: consultants come on at their shift's start and go off at its end; one running a
 * call past the end finishes it (overtime) and then leaves.
 */
final class ConsultantPool {
    private static final int LEVELS = EscalationLevel.values().length;

    private final Scenario sc;
    private final Simulator sim;
    private final TimeBase tb;
    private final DeskStatistics stats;
    private final Consumer<Consultant> onFree;
    private final List<Consultant> consultants = new ArrayList<>();
    private final List<ArrayDeque<Consultant>> idle = new ArrayList<>();
    private final List<TreeMap<QueueItem, Caller>> queues = new ArrayList<>();
    private final int[][] queuesForGroup;
    private final int[][] groupsForQueue;

    /** {@code onFree} is told when a consultant comes on shift with nothing to do. */
    ConsultantPool(Scenario scenario, Simulator sim, TimeBase tb, DeskStatistics stats, Consumer<Consultant> onFree) {
        this.sc = scenario;
        this.sim = sim;
        this.tb = tb;
        this.stats = stats;
        this.onFree = onFree;
        List<String> categories = scenario.categories().stream().map(Scenario.Category::name).toList();
        List<ConsultantGroup> groups = scenario.consultants();
        boolean[][] takes = new boolean[groups.size()][categories.size() * LEVELS];
        for (int g = 0; g < groups.size(); g++) {
            ConsultantSkills skills = SimRules.skills(groups.get(g), categories);
            for (int c = 0; c < categories.size(); c++) {
                for (EscalationLevel level : EscalationLevel.values()) {
                    takes[g][c * LEVELS + level.ordinal()] = SimRules.takes(skills, categories.get(c), level);
                }
            }
            idle.add(new ArrayDeque<>());
            for (Shift s : groups.get(g).shifts()) {
                for (int k = 0; k < s.count(); k++) {
                    consultants.add(new Consultant(g, s));
                }
            }
        }
        int nq = categories.size() * LEVELS;
        for (int q = 0; q < nq; q++) {
            queues.add(new TreeMap<>(SimRules.ORDER));
        }
        queuesForGroup = new int[groups.size()][];
        for (int g = 0; g < groups.size(); g++) {
            int gg = g;
            queuesForGroup[g] = IntStream.range(0, nq).filter(q -> takes[gg][q]).toArray();
        }
        groupsForQueue = new int[nq][];
        for (int q = 0; q < nq; q++) {
            int qq = q;
            groupsForQueue[q] = IntStream.range(0, groups.size()).filter(g -> takes[g][qq]).toArray();
        }
    }

    List<Consultant> consultants() {
        return consultants;
    }

    /** Puts every consultant on their first shift (or on duty for good: an always-on shift). */
    void start() {
        for (Consultant c : consultants) {
            if (c.shift.always()) {
                c.onShift = true;
                c.shiftEndAt = Double.POSITIVE_INFINITY;
                idle.get(c.group).add(c);
            } else {
                scheduleNextShift(c, 0);
            }
        }
    }

    /** An idle consultant who may take {@code x}, taken off the idle list; null if none. */
    Consultant idleFor(Caller x) {
        for (int g : groupsForQueue[queueOf(x)]) {
            Consultant c = idle.get(g).pollFirst();
            if (c != null) {
                return c;
            }
        }
        return null;
    }

    void enqueue(Caller x) {
        queues.get(queueOf(x)).put(x.queued, x);
    }

    void remove(Caller x) {
        queues.get(queueOf(x)).remove(x.queued);
    }

    /** The first waiting request {@code c} may take, still in the queue; null if none. */
    Caller firstFor(Consultant c) {
        Map.Entry<QueueItem, Caller> best = null;
        for (int q : queuesForGroup[c.group]) {
            TreeMap<QueueItem, Caller> waiting = queues.get(q);
            if (waiting.isEmpty()) {
                continue;
            }
            Map.Entry<QueueItem, Caller> head = waiting.firstEntry();
            if (best == null || SimRules.ORDER.compare(head.getKey(), best.getKey()) < 0) {
                best = head;
            }
        }
        return best == null ? null : best.getValue();
    }

    void goIdle(Consultant c) {
        idle.get(c.group).addLast(c);
    }

    private static int queueOf(Caller x) {
        return x.category * LEVELS + x.level.ordinal();
    }

    private void scheduleNextShift(Consultant c, int fromDay) {
        for (int d = fromDay; d < sc.days(); d++) {
            if (c.shift.days().contains(tb.start().plusDays(d).getDayOfWeek())) {
                int day = d;
                double start = tb.at(d, c.shift.startSecond());
                double end = c.shift.untilMidnight() ? tb.dayStart(d + 1) : tb.at(d, c.shift.endSecond());
                sim.at(start, () -> shiftStarts(c, day, end));
                return;
            }
        }
    }

    private void shiftStarts(Consultant c, int day, double end) {
        c.onShift = true;
        c.shiftEndAt = end;
        stats.paid(sim.now(), end);
        sim.at(end, () -> shiftEnds(c, day));
        if (!c.busy) {
            onFree.accept(c);
        }
    }

    private void shiftEnds(Consultant c, int day) {
        c.onShift = false;
        if (!c.busy) {
            idle.get(c.group).remove(c);
        }
        scheduleNextShift(c, day + 1);
    }
}
