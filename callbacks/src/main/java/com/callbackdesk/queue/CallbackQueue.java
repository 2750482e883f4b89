package com.callbackdesk.queue;

import com.callbackdesk.callback.InvalidFieldException;
import com.callbackdesk.callback.Actor;
import com.callbackdesk.callback.Callback;
import com.callbackdesk.callback.CallbackChange;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.callback.CallbackStore;
import com.callbackdesk.planning.EscalationLevel;
import com.callbackdesk.callback.QueueOrder;
import com.callbackdesk.consultant.Consultant;
import com.callbackdesk.consultant.ConsultantDirectory;
import com.callbackdesk.consultant.ConsultantState;
import com.callbackdesk.planning.queue.PreDialDecision;
import com.callbackdesk.storage.Database;
import com.callbackdesk.storage.Jdbc;
import com.callbackdesk.storage.Vendor;
import org.apache.logging.log4j.CloseableThreadContext;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

/**
 * The consultant queue: QUEUED callbacks, served in {@link QueueOrder} to consultants whose
 * skills (products) match. Claiming is atomic across threads and processes — two consultants
 * never get the same callback — because the pick, the QUEUED → CLAIMED transition and the claim
 * row are one database transaction in which the picked row is locked:
 * <ul>
 *   <li>PostgreSQL: {@code SELECT ... ORDER BY <queue order> LIMIT 1 FOR UPDATE SKIP LOCKED} —
 *       a consultant skips rows another consultant is claiming instead of waiting for them;
 *   <li>H2: its {@code SKIP LOCKED} applies {@code LIMIT} before skipping (a locked first row
 *       yields no row at all, checked on 2.2.224), so the queue reads the next candidates in
 *       queue order without locking, then locks them one at a time by id with
 *       {@code FOR UPDATE SKIP LOCKED} and takes the first it gets.
 * </ul>
 * Either way the store's compare-and-set on the state is the final guard.
 *
 * <p>Rules a desk expects, enforced in the same transaction (the consultant's row is locked, so
 * one consultant's double click cannot claim twice): only an active, AVAILABLE consultant
 * claims; a consultant holds at most one callback at a time; who may take which callback is
 * {@link com.callbackdesk.planning.queue.Eligibility}, written here in SQL so the pick can run
 * under the row lock ({@link #candidateFilter}; EligibilitySqlTest checks the two agree).
 */
public final class CallbackQueue {

    private static final Logger LOG = LogManager.getLogger(CallbackQueue.class);

    /** Candidates H2 reads per round; enough that ten racing consultants rarely need a second round. */
    private static final int H2_BATCH = 32;

    private static final String POSTGRES_LOCK = " FOR UPDATE SKIP LOCKED";

    private final Jdbc jdbc;
    private final Vendor vendor;
    private final CallbackStore store;

    public CallbackQueue(Database database, CallbackStore store) {
        Objects.requireNonNull(database, "database");
        this.jdbc = new Jdbc(database.dataSource(), "Callback queue");
        this.vendor = database.vendor();
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * Claims the next QUEUED callback this consultant can take, in queue order, and records the
     * claim (consultant, time) with the audited QUEUED → CLAIMED transition.
     *
     * @return the claim, or empty when nothing in the queue matches the consultant's skills
     * @throws NoSuchElementException if there is no such consultant
     * @throws ClaimRefusedException  if the consultant is inactive, not AVAILABLE, or already holds a callback
     */
    public Optional<Claim> claimNext(String consultantLogin) {
        Objects.requireNonNull(consultantLogin, "consultantLogin");
        Actor who = Actor.consultant(consultantLogin);
        Optional<Callback> claimed = store.lifecycle().transitionPicked(
                c -> pick(c, consultantLogin),
                CallbackState.QUEUED, CallbackState.CLAIMED, CallbackChange.none(), who,
                "claimed from the queue",
                (c, after) -> {
                    ClaimRows.endClaims(c, after.id(), after.updatedAt(), "SUPERSEDED"); // leftovers of a cancelled claim
                    ClaimRows.openClaim(c, after.id(), consultantLogin, after.updatedAt());
                });
        if (claimed.isEmpty()) {
            LOG.debug("Nothing in the queue for {}", consultantLogin);
        }
        return claimed.map(cb -> new Claim(cb, consultantLogin, cb.updatedAt()));
    }

    /**
     * Gives a claimed callback back to the queue (CLAIMED → QUEUED, audited): the consultant has
     * to leave, or a supervisor reassigns it. A consultant can only release their own claim.
     */
    public Callback release(long callbackId, Actor who, String why) {
        return store.lifecycle().transition(callbackId, CallbackState.CLAIMED, CallbackState.QUEUED, CallbackChange.none(),
                who, why, (c, after) -> {
                    ClaimRows.requireHolderOrSupervisor(c, callbackId, who, "release");
                    ClaimRows.endClaims(c, callbackId, after.updatedAt(), "RELEASED");
                });
    }

    /**
     * A supervisor hands a callback to a named consultant: a QUEUED one becomes
     * CLAIMED by them; a CLAIMED one held by someone else moves to them (the old claim ends
     * "REASSIGNED"). Claim rows and the audit row ("assigned to bob: why", or "reassigned from
     * alice to bob: why" with detail "holder: alice → bob") commit in one transaction. A live call
     * (DIALING, CONNECTED) is never moved, and the consultant must be active, take the product,
     * be a supervisor for a reputational risk and hold nothing else.
     *
     * @return the new claim
     * @throws NoSuchElementException   if there is no such callback
     * @throws IllegalArgumentException "consultant: ..." if there is no such consultant
     * @throws ClaimRefusedException    if {@code supervisor} is not one, or a rule above refuses
     * @throws com.callbackdesk.callback.StaleStateException if the callback changed state meanwhile
     */
    public Claim assign(long callbackId, String consultantLogin, Actor supervisor, String why) {
        return new Assignment(this, store).assign(callbackId, consultantLogin, supervisor, why, Optional.empty());
    }

    /**
     * {@link #assign(long, String, Actor, String)} on what the supervisor saw: {@code seenHolder}
     * is who held the callback on their screen ({@code ""} = nobody, it was queued). When it moved
     * since — claimed, released or reassigned by someone else — the assignment is refused, so a
     * decision taken on a stale screen never moves a callback again.
     */
    public Claim assign(long callbackId, String consultantLogin, Actor supervisor, String why, String seenHolder) {
        return new Assignment(this, store).assign(callbackId, consultantLogin, supervisor, why,
                Optional.of(Objects.requireNonNull(seenHolder, "seenHolder")));
    }

    /**
     * The pre-dial check said the window passed or it is too early ({@link PreDialDecision#replan()}):
     * CLAIMED → PENDING (awaiting a new plan; the planner takes it from there), the claim ends.
     */
    public Callback returnForReplan(long callbackId, PreDialDecision decision, Actor who) {
        Objects.requireNonNull(decision, "decision");
        if (!decision.replan()) {
            throw new IllegalArgumentException("Pre-dial decision " + decision + " does not ask for a re-plan");
        }
        return store.lifecycle().transition(callbackId, CallbackState.CLAIMED, CallbackState.PENDING, CallbackChange.none(),
                who, "pre-dial check: " + decision, (c, after) -> ClaimRows.endClaims(c, callbackId, after.updatedAt(),
                        decision.name()));
    }

    /** The callback this consultant is working (claimed, dialing or talking), if any. */
    public Optional<Claim> currentClaim(String consultantLogin) {
        return jdbc.read(c -> ClaimRows.heldBy(c, consultantLogin)).flatMap(this::asClaim);
    }

    /** Who holds this callback now, if anyone. */
    public Optional<Claim> claimOf(long callbackId) {
        return jdbc.read(c -> ClaimRows.holderRow(c, callbackId)).flatMap(this::asClaim);
    }

    /** QUEUED callbacks this consultant could claim, in queue order (what the console shows as "waiting"). */
    public List<Callback> waitingFor(Consultant consultant) {
        List<Long> ids = jdbc.read(c -> {
            try (PreparedStatement ps = candidates(c, consultant, Integer.MAX_VALUE, 0)) {
                return ids(ps);
            }
        });
        return stillQueued(ids);
    }

    /**
     * The first {@code limit} QUEUED callbacks this consultant could claim, in queue order — the
     * same candidates and order {@link #claimNext} takes them in.
     */
    public List<Callback> waitingFor(Consultant consultant, int limit) {
        if (limit < 1) {
            throw new InvalidFieldException("limit", "must be at least 1, was " + limit);
        }
        List<Long> ids = jdbc.read(c -> {
            try (PreparedStatement ps = candidates(c, consultant, limit, 0)) {
                return ids(ps);
            }
        });
        return stillQueued(ids);
    }

    /**
     * The callbacks in this order, read in one query (at a peak, one read per callback made a page
     * of 50 cost 51 round trips, each waiting its turn for a busy database); those claimed since
     * the ids were read are left out.
     */
    private List<Callback> stillQueued(List<Long> ids) {
        List<Callback> out = new ArrayList<>(ids.size());
        for (Callback cb : store.findAll(ids)) {
            if (cb.state() == CallbackState.QUEUED) {
                out.add(cb);
            }
        }
        return out;
    }

    /** How many QUEUED callbacks this consultant could claim. */
    public int waitingCount(Consultant consultant) {
        // COUNT(*) over the same filter, not the ordered candidate list: at a peak (20,000 waiting)
        // sorting and shipping every id to count them cost the queue view ~30 ms of database CPU.
        return jdbc.read(c -> {
            List<String> skills = List.copyOf(consultant.skills());
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM callback WHERE "
                    + candidateFilter(consultant))) {
                bindSkills(ps, skills);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    // ------------------------------------------------------------------ the pick

    private Optional<Long> pick(Connection c, String login) throws SQLException {
        Consultant consultant = ConsultantDirectory.load(c, login, true) // serialises this consultant's claims
                .orElseThrow(() -> new NoSuchElementException("No consultant " + login));
        if (!consultant.active()) {
            throw new ClaimRefusedException("Consultant " + login + " is no longer active and cannot claim callbacks");
        }
        if (consultant.state() != ConsultantState.AVAILABLE) {
            throw new ClaimRefusedException("Consultant " + login + " is " + consultant.state()
                    + "; only AVAILABLE consultants claim callbacks");
        }
        Optional<ClaimRows.HeldRow> held = ClaimRows.heldBy(c, login);
        if (held.isPresent()) {
            throw new ClaimRefusedException("Consultant " + login + " already holds callback "
                    + held.get().callbackId() + " (claimed " + held.get().claimedAt()
                    + "); record its outcome or release it first");
        }
        try (CloseableThreadContext.Instance ctx = CloseableThreadContext.put("consultant", login)) {
            return vendor == Vendor.POSTGRESQL ? pickPostgres(c, consultant) : pickH2(c, consultant);
        }
    }

    private static Optional<Long> pickPostgres(Connection c, Consultant consultant) throws SQLException {
        try (PreparedStatement ps = candidates(c, consultant, 1, 0, POSTGRES_LOCK)) {
            List<Long> ids = ids(ps);
            return ids.isEmpty() ? Optional.empty() : Optional.of(ids.get(0));
        }
    }

    private static Optional<Long> pickH2(Connection c, Consultant consultant) throws SQLException {
        for (int offset = 0; ; offset += H2_BATCH) {
            List<Long> batch;
            try (PreparedStatement ps = candidates(c, consultant, H2_BATCH, offset)) {
                batch = ids(ps);
            }
            for (long id : batch) {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT id FROM callback WHERE id = ? AND state = 'QUEUED' FOR UPDATE SKIP LOCKED")) {
                    ps.setLong(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            return Optional.of(id);
                        }
                    }
                }
            }
            if (batch.size() < H2_BATCH) {
                return Optional.empty();
            }
        }
    }

    private static PreparedStatement candidates(Connection c, Consultant consultant, int limit, int offset)
            throws SQLException {
        return candidates(c, consultant, limit, offset, "");
    }

    /** QUEUED callbacks for the consultant's products, in queue order; supervisors also get reputational risk. */
    private static PreparedStatement candidates(Connection c, Consultant consultant, int limit, int offset,
                                                String lock) throws SQLException {
        PreparedStatement ps = c.prepareStatement(candidateSql(consultant, limit, offset, lock));
        bindSkills(ps, List.copyOf(consultant.skills()));
        return ps;
    }

    /** The candidate query's text (package-private: QueueOrderIndexTest checks its plan). */
    static String candidateSql(Consultant consultant, int limit, int offset, String lock) {
        return "SELECT id FROM callback WHERE " + candidateFilter(consultant)
                + QueueOrder.orderBy()
                + (limit == Integer.MAX_VALUE ? "" : " LIMIT " + limit)
                + (offset > 0 ? " OFFSET " + offset : "")
                + lock;
    }

    /** What {@link #claimNext} runs on PostgreSQL to pick. */
    static String claimSqlPostgres(Consultant consultant) {
        return candidateSql(consultant, 1, 0, POSTGRES_LOCK);
    }

    /**
     * The WHERE condition (no keyword) of what this consultant may take — the planning module's
     * {@link com.callbackdesk.planning.queue.Eligibility} in SQL; its parameters are the
     * consultant's skills in {@code List.copyOf(consultant.skills())} order ({@link #bindSkills}).
     * {@code state = 'QUEUED'} is a literal so PostgreSQL can match the partial index
     * callback_queue_order_idx (V29).
     */
    private static String candidateFilter(Consultant consultant) {
        return "state = 'QUEUED' AND product IN (" + Jdbc.placeholders(consultant.skills().size()) + ")"
                + (consultant.supervisor() ? "" : " AND escalation_level <> '" + EscalationLevel.REPUTATIONAL_RISK.name() + "'");
    }

    private static void bindSkills(PreparedStatement ps, List<String> skills) throws SQLException {
        for (int i = 0; i < skills.size(); i++) {
            ps.setString(i + 1, skills.get(i));
        }
    }

    private static List<Long> ids(PreparedStatement ps) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    private Optional<Claim> asClaim(ClaimRows.HeldRow row) {
        return store.find(row.callbackId()).map(cb -> new Claim(cb, row.consultant(), row.claimedAt()));
    }
}
