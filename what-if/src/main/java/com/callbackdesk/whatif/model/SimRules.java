package com.callbackdesk.whatif.model;

import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.planning.EscalationLevel;
import com.callbackdesk.planning.Urgency;
import com.callbackdesk.planning.queue.ConsultantSkills;
import com.callbackdesk.planning.queue.Eligibility;
import com.callbackdesk.planning.queue.PreDialCheck;
import com.callbackdesk.planning.queue.PreDialDecision;
import com.callbackdesk.planning.queue.QueueItem;
import com.callbackdesk.planning.queue.QueueOrder;
import com.callbackdesk.whatif.scenario.Scenario.ConsultantGroup;

import java.time.Instant;
import java.time.LocalTime;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Where the simulation meets the planning module's queue rules: how a simulated request and a
 * consultant group become the rules' views, and the rules themselves, called — never copied.
 * Every decision the simulation takes about order, eligibility and the pre-dial check goes
 * through here, so a test can put the same inputs to production and to the simulation.
 *
 * <p>A scenario has categories but no products: a category stands for what production matches
 * consultants' skills against (the product), and a group without skills takes every category.
 * Scenarios have no supervisors and never raise a reputational risk, so that part of the rule
 * never refuses anyone in a run; it is still the production rule that decides.
 */
public final class SimRules {

    /** The order waiting requests are served in. */
    public static final Comparator<QueueItem> ORDER = QueueOrder.COMPARATOR;

    private SimRules() {
    }

    /** A simulated request as the queue's rules see it; times are virtual seconds, {@code notBefore} NaN for none. */
    public static QueueItem item(TimeBase tb, long id, CallbackState state, String category, EscalationLevel level,
                                 Urgency urgency, LocalTime statedUntil, double arrival, double notBefore) {
        return new QueueItem(id, state, category, level, urgency, statedUntil, tb.instant(arrival),
                Double.isNaN(notBefore) ? null : tb.instant(notBefore));
    }

    /** A consultant group's skills: the categories it names, every category when it names none. */
    public static ConsultantSkills skills(ConsultantGroup group, List<String> categories) {
        Set<String> products = group.skills().isEmpty() ? new HashSet<>(categories) : group.skills();
        return new ConsultantSkills(products, false);
    }

    /**
     * Whether consultants with {@code skills} may take requests of this category and level. The
     * consultant pool asks this once per (group, category, level) when it builds its queues; the
     * equivalence test checks that nothing else of a request changes the answer.
     */
    public static boolean takes(ConsultantSkills skills, String category, EscalationLevel level) {
        return Eligibility.mayTake(skills, new QueueItem(0, CallbackState.QUEUED, category, level, Urgency.NORMAL,
                null, Instant.EPOCH, null));
    }

    /** The pre-dial check at virtual time {@code now} for an attempt whose window ends at {@code windowLatest} (may be +infinity). */
    public static PreDialDecision preDial(TimeBase tb, QueueItem item, double now, double windowLatest) {
        Instant latest = windowLatest == Double.POSITIVE_INFINITY ? Instant.MAX : tb.instant(windowLatest);
        return PreDialCheck.decide(item, tb.instant(now), latest);
    }
}
