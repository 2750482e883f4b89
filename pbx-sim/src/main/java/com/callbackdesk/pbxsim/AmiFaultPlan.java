package com.callbackdesk.pbxsim;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The AMI failures a test has asked for (SimulatedPbx#dropAmi…): Originates lost with their
 * connection, Originates queued before the connection dies, conversations during which the
 * manager interface is down, a PBX restart while a consultant's phone rings. Kept apart from the calls so the Dial application reads as
 * Asterisk's, and the faults as the test's plan.
 */
final class AmiFaultPlan {

    private static final Logger LOG = LogManager.getLogger(AmiFaultPlan.class);

    private final AtomicInteger dropsPending = new AtomicInteger();
    private final AtomicInteger dropsAfterQueueing = new AtomicInteger();
    private final AtomicInteger dropsMidConversation = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();
    private final AtomicInteger restartsWhileRinging = new AtomicInteger();
    private final AtomicInteger crashesWhileRinging = new AtomicInteger();

    void dropOnNextOriginates(int count) {
        dropsPending.set(requireCount(count));
    }

    void dropAfterQueueingNextOriginates(int count) {
        dropsAfterQueueing.set(requireCount(count));
    }

    void dropDuringNextConversations(int count) {
        dropsMidConversation.set(requireCount(count));
    }

    void restartWhileNextConsultantsRing(int count) {
        restartsWhileRinging.set(requireCount(count));
    }

    void crashWhileNextConsultantsRing(int count) {
        crashesWhileRinging.set(requireCount(count));
    }

    /** Whether the PBX is killed and started again while this consultant's phone rings (no events at all). */
    boolean crashWhileThisConsultantRings() {
        return takeOne(crashesWhileRinging);
    }

    /** Whether the PBX restarts while this consultant's phone rings (SimulatedPbx#restartWhileNextConsultantsRing). */
    boolean restartWhileThisConsultantRings() {
        return takeOne(restartsWhileRinging);
    }

    /** Whether this Originate is lost with its connection (see SimulatedPbx#dropAmiOnNextOriginates). */
    boolean dropThisOriginate(AmiMessage m) {
        if (takeOne(dropsPending)) {
            dropped.incrementAndGet();
            LOG.info("AMI connection dropped as Originate {} (ActionID {}) arrived: never read, no call placed",
                    m.get("Channel"), m.get("ActionID"));
            return true;
        }
        return false;
    }

    /** Whether this Originate is queued and then its connection dies before the response is written. */
    boolean dropAfterQueueing(AmiMessage m) {
        if (takeOne(dropsAfterQueueing)) {
            dropped.incrementAndGet();
            LOG.info("AMI connection dropped right after Originate {} (ActionID {}) was queued: the call goes on",
                    m.get("Channel"), m.get("ActionID"));
            return true;
        }
        return false;
    }

    /** Whether the AMI goes down as this conversation's parties are bridged. */
    boolean dropDuringThisConversation() {
        return takeOne(dropsMidConversation);
    }

    int droppedOriginates() {
        return dropped.get();
    }

    private static boolean takeOne(AtomicInteger pending) {
        return pending.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    private static int requireCount(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0: " + count);
        }
        return count;
    }
}
