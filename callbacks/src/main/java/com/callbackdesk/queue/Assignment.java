package com.callbackdesk.queue;

import com.callbackdesk.callback.InvalidFieldException;
import com.callbackdesk.callback.Actor;
import com.callbackdesk.callback.AuditEntry;
import com.callbackdesk.callback.Callback;
import com.callbackdesk.callback.CallbackChange;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.callback.CallbackLifecycle;
import com.callbackdesk.callback.CallbackStore;
import com.callbackdesk.consultant.Consultant;
import com.callbackdesk.consultant.ConsultantDirectory;
import com.callbackdesk.planning.queue.Eligibility;
import org.apache.logging.log4j.CloseableThreadContext;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link CallbackQueue#assign}: a supervisor hands a callback to a named consultant.
 *
 * <p>Locking: the store locks the callback row first (its transition or update), then this locks
 * the target consultant's row — the same consultant lock {@code claimNext} takes, so the
 * consultant cannot claim from the queue and be assigned at once (at most one held callback).
 * {@code claimNext} never waits for a callback row (it skips locked ones), so the two orders
 * cannot deadlock. Two supervisors moving the same callback serialise on its row; the second
 * sees that the state or the holder it decided on has changed and is refused, so there is
 * exactly one holder and nobody's decision is silently overwritten.
 */
final class Assignment {

    private static final Logger LOG = LogManager.getLogger(Assignment.class);

    private final CallbackQueue queue;
    private final CallbackStore store;

    Assignment(CallbackQueue queue, CallbackStore store) {
        this.queue = queue;
        this.store = store;
    }

    /** {@code seenHolder}: who held it on the supervisor's screen ("" = nobody), or empty for no such check. */
    Claim assign(long callbackId, String login, Actor supervisor, String why, Optional<String> seenHolder) {
        Objects.requireNonNull(login, "consultantLogin");
        Objects.requireNonNull(supervisor, "supervisor");
        if (login.isBlank()) {
            throw new InvalidFieldException("consultant", "must not be blank");
        }
        if (why == null || why.isBlank()) {
            throw new InvalidFieldException("why", "a reason is required for every reassignment");
        }
        if (supervisor.kind() != Actor.Kind.SUPERVISOR) {
            throw new ClaimRefusedException(supervisor + " cannot assign callbacks; only a supervisor can");
        }
        try (CloseableThreadContext.Instance ctx = CloseableThreadContext.put("callback", Long.toString(callbackId))) {
            Callback seen = store.find(callbackId).orElseThrow(() -> new NoSuchElementException("No callback " + callbackId));
            refuseUnassignable(seen);
            String holderNow = seen.state() == CallbackState.CLAIMED
                    ? queue.claimOf(callbackId).map(Claim::consultant).orElse(null) : null;
            if (seenHolder.isPresent() && !Objects.equals(seenHolder.get().isBlank() ? null : seenHolder.get(),
                    holderNow)) {
                throw new ClaimRefusedException("Callback " + callbackId + " changed hands since you looked: "
                        + (holderNow == null ? "nobody holds it now (" + seen.state() + ")" : "now held by " + holderNow)
                        + "; look again before assigning it");
            }
            Claim claim = seen.state() == CallbackState.QUEUED
                    ? fromQueue(callbackId, login, supervisor, why)
                    : fromHolder(callbackId, login, supervisor, why, holderNow);
            LOG.info("Callback {} assigned to {} by {}: {}", callbackId, login, supervisor, why);
            return claim;
        }
    }

    /** QUEUED → CLAIMED by the named consultant, as if they had claimed it, but audited as the supervisor's act. */
    private Claim fromQueue(long id, String login, Actor supervisor, String why) {
        Callback after = store.lifecycle().transition(id, CallbackState.QUEUED, CallbackState.CLAIMED, CallbackChange.none(),
                supervisor, "assigned to " + login + ": " + why, (c, cb) -> {
                    requireTarget(c, login, cb);
                    ClaimRows.endClaims(c, id, cb.updatedAt(), "SUPERSEDED"); // leftovers of a cancelled claim
                    ClaimRows.openClaim(c, id, login, cb.updatedAt());
                });
        return new Claim(after, login, after.updatedAt());
    }

    /**
     * CLAIMED stays CLAIMED; only the holder changes. There is no state move, so this is the
     * store's update (it locks the row and runs our work in its transaction) with our own audit
     * row, since an update that changes no field writes none.
     */
    private Claim fromHolder(long id, String login, Actor supervisor, String why, String decidedOn) {
        Instant[] at = new Instant[1];
        Callback after = store.lifecycle().update(id, CallbackChange.none(), supervisor, why, (c, cb) -> {
            refuseUnassignable(cb);
            if (cb.state() != CallbackState.CLAIMED) {
                throw new ClaimRefusedException("Callback " + id + " is " + cb.state() + " now; look again before"
                        + " assigning it");
            }
            String holder = ClaimRows.lastOpenClaim(c, id).orElse(null);
            if (!Objects.equals(holder, decidedOn)) {
                throw new ClaimRefusedException("Callback " + id + " changed hands meanwhile (now held by "
                        + (holder == null ? "nobody" : holder) + "); look again before assigning it");
            }
            if (login.equals(holder)) {
                throw new ClaimRefusedException("Consultant " + login + " already holds callback " + id);
            }
            requireTarget(c, login, cb);
            at[0] = store.now();
            ClaimRows.endClaims(c, id, at[0], "REASSIGNED");
            ClaimRows.openClaim(c, id, login, at[0]);
            CallbackLifecycle.auditEvent(c, id, at[0], supervisor, AuditEntry.Action.UPDATED,
                    "reassigned from " + (holder == null ? "nobody" : holder) + " to " + login + ": " + why,
                    "holder: " + (holder == null ? "none" : holder) + " → " + login);
        });
        return new Claim(after, login, at[0]);
    }

    /** A live call is not moved; closed callbacks are final; other states are not held or waiting. */
    private static void refuseUnassignable(Callback cb) {
        switch (cb.state()) {
            case QUEUED, CLAIMED -> { }
            case DIALING, CONNECTED -> throw new ClaimRefusedException("Callback " + cb.id() + " is " + cb.state()
                    + ": a live call is not moved; assign it after its outcome is recorded");
            default -> throw new ClaimRefusedException("Callback " + cb.id() + " is " + cb.state()
                    + (cb.state().isClosed() ? " (closed)" : "") + "; only QUEUED or CLAIMED callbacks can be assigned");
        }
    }

    /** Locks the target consultant's row and applies the queue's rules to them. */
    private static void requireTarget(Connection c, String login, Callback cb) throws SQLException {
        Consultant target = ConsultantDirectory.load(c, login, true)
                .orElseThrow(() -> new InvalidFieldException("consultant", "there is no consultant '" + login + "'"));
        if (!target.active()) {
            throw new ClaimRefusedException("Consultant " + login + " is no longer active; callbacks cannot be"
                    + " assigned to them");
        }
        Optional<Eligibility.Refusal> refusal = Eligibility.refusal(target.queueSkills(), cb.queueItem());
        if (refusal.isPresent()) {
            throw new ClaimRefusedException(switch (refusal.get()) {
                case PRODUCT_NOT_IN_SKILLS -> "Consultant " + login + " does not take " + cb.product() + " callbacks"
                        + " (skills: " + String.join(", ", target.skills()) + ")";
                case SUPERVISORS_ONLY -> "Callback " + cb.id() + " is a reputational risk and goes to supervisors"
                        + " only; " + login + " is not one";
            });
        }
        Optional<ClaimRows.HeldRow> held = ClaimRows.heldBy(c, login);
        if (held.isPresent() && held.get().callbackId() != cb.id()) {
            throw new ClaimRefusedException("Consultant " + login + " already holds callback "
                    + held.get().callbackId() + "; its outcome must be recorded or it must be released first");
        }
    }
}
