package com.callbackdesk.routes.dialer;

import com.callbackdesk.callback.Callback;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.callback.CallbackStore;
import org.apache.logging.log4j.CloseableThreadContext;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.action.CoreShowChannelsAction;
import org.asteriskjava.manager.action.CoreStatusAction;
import org.asteriskjava.manager.response.CoreStatusResponse;
import org.asteriskjava.manager.response.ManagerResponse;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.asteriskjava.manager.event.ResponseEvent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Checks the open conversations against the calls the PBX really has (AMI {@code CoreShowChannels}):
 * a consultant's Hangup sent while the AMI connection was down is lost for good, and without it the
 * dial would stay open and the consultant ON_CALL forever (a conversation has no deadline for the
 * {@link DialWatchdog}). For each open dial in conversation (TALKING, or its callback CONNECTED)
 * whose consultant leg — by uniqueid, else by channel name — is no longer live, it does what the
 * Hangup would have done ({@link AfterConversation}: consultant AVAILABLE, dial ended naming the
 * reconciliation, callback CONNECTED awaiting the consultant's outcome), then settles the caller's
 * leg: gone too → the survey check after the grace; still live → it is in the survey, its own
 * Hangup settles it. Dials still ringing are left to the watchdog (INTERRUPTED, never re-sent).
 *
 * <p>It also settles surveys still owed ({@link DialTracking#owingSurvey}): a conversation that
 * ended within the last {@link #SURVEY_LOOKBACK} whose caller's leg has no survey result. The
 * check that normally settles such a leg (the survey grace after its Hangup) lives in memory, so a
 * restart of the desk, or a second AMI drop that loses the leg's Hangup, would leave an answered
 * callback without a survey record (the defect the desk counts). A leg that is still on the PBX is
 * in the survey; one that has been gone for the survey grace, by two looks at the live channels,
 * is NOT_REACHED.
 *
 * <p>After a re-connect it first asks CoreStatus whether the PBX restarted meanwhile (its startup
 * time changed): dials still ringing then end PBX_RESTART ({@link CallProgress#pbxRestarted}).
 *
 * <p>Runs after every AMI (re-)connect, in turn with the events on {@code seda:ami-events}, and
 * from the watchdog's sweep at most every {@link AmiSettings#reconcileInterval()} while a
 * conversation is open or a survey owed; one run at a time.
 * Needs the AMI user to write {@code system} or {@code reporting} (manager.conf: {@code write =
 * originate,reporting}).
 */
public final class ChannelReconciler {

    private static final Logger LOG = LogManager.getLogger(ChannelReconciler.class);
    /** The dial's end_reason (at most 64 characters): names the reconciliation, unlike a Hangup's. */
    static final String END_REASON = "RECONCILED: consultant's leg gone after conversation";

    private final AmiSettings settings;
    private final AmiClient ami;
    private final DialTracking dials;
    private final CallbackStore store;
    private final AfterConversation after;
    private final CallProgress progress;
    private final Clock clock;
    /** When the PBX process last asked started (CoreStatus), null before the first answer; kept across drops. */
    private volatile String pbxStartup;
    /** The connection ({@link AmiClient#epoch()}) whose PBX's startup is known; dials wait for it. */
    private volatile long startupKnownFor = -1;
    /** The connection the last startup check ran for (ordered after its connect's events). */
    private volatile long startupCheckedFor = -1;
    /** How far back owed surveys are looked for (bounds the query; older ones are left as they are). */
    static final Duration SURVEY_LOOKBACK = Duration.ofHours(24);

    private volatile Instant lastRun = Instant.MIN;
    /** Caller legs owed a survey, and when a look at the live channels first found them gone. */
    private final Map<String, Instant> goneSince = new HashMap<>();

    public ChannelReconciler(AmiSettings settings, AmiClient ami, DialTracking dials, CallbackStore store,
                             AfterConversation after, CallProgress progress, Clock clock) {
        this.progress = Objects.requireNonNull(progress, "progress");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.ami = Objects.requireNonNull(ami, "ami");
        this.dials = Objects.requireNonNull(dials, "dials");
        this.store = Objects.requireNonNull(store, "store");
        this.after = Objects.requireNonNull(after, "after");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * After every AMI login, the first and each re-connect: events sent while the connection was down
     * are lost for good. Runs on {@code seda:ami-events}, so every event received before the
     * connection dropped has been applied first.
     */
    public void afterConnect(Object connectEvent) {
        try {
            checkForRestart();
        } catch (RuntimeException e) {
            LOG.warn("could not tell whether the PBX restarted while the AMI connection was down: {}", e.toString());
        }
        try {
            reconcile("AMI connected");
        } catch (RuntimeException e) {
            LOG.error("reconciliation after the AMI connect failed; the watchdog tries again within {}",
                    settings.reconcileInterval(), e);
        }
    }

    /**
     * A PBX killed and started again while the connection was down sends nothing — no Hangup, no
     * OriginateResponse, no Shutdown — and its channels are simply gone. CoreStatus's startup time
     * tells: changed since the last answer, every dial still ringing is PBX_RESTART (conversations
     * are settled by the reconciliation that follows, their legs being gone). The last startup is
     * kept across drops and failed checks, so any later answer still sees the change; and no dial is
     * placed on a connection whose PBX's startup is not known yet ({@link #pbxStartupKnown()}), so
     * every ringing dial went to the PBX of the startup compared against.
     */
    private synchronized void checkForRestart() {
        long epoch = ami.epoch();
        startupCheckedFor = epoch;
        if (startupKnownFor == epoch) {
            return;   // this connection's PBX was already asked (a later check got here first)
        }
        String startup;
        try {
            ManagerResponse r = ami.send(new CoreStatusAction()).get(settings.responseTimeout().toMillis(),
                    TimeUnit.MILLISECONDS);
            if (ami.epoch() != epoch) {
                LOG.warn("CoreStatus answered across a re-connect (connection epoch {} → {}): asked again after"
                        + " the re-connect", epoch, ami.epoch());
                return;
            }
            if (r == null || !"Success".equalsIgnoreCase(r.getResponse())) {
                LOG.warn("CoreStatus refused ({}): a PBX restart while disconnected is left to the watchdog",
                        r == null ? "no response" : r.getMessage());
                startupKnownFor = r == null ? startupKnownFor : epoch;   // refused for good: do not hold dials
                return;
            }
            startup = r instanceof CoreStatusResponse s ? s.getCoreStartupDate() + " " + s.getCoreStartupTime()
                    : r.getAttribute("corestartupdate") + " " + r.getAttribute("corestartuptime");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            LOG.warn("CoreStatus failed ({}, AMI {}, connection epoch {}): asked again once connected", e.toString(),
                    ami.state(), epoch);
            return;
        }
        String before = pbxStartup;
        pbxStartup = startup;
        startupKnownFor = epoch;
        if (before != null && !before.equals(startup)) {
            LOG.warn("the PBX restarted while the AMI connection was down (started {}, before {}): dials still"
                    + " ringing end PBX_RESTART", startup, before);
            progress.pbxRestarted("the PBX restarted while the AMI connection was down (started " + startup
                    + ", before " + before + ")");
        } else {
            LOG.info("the PBX started {} (connection epoch {}{})", startup, epoch,
                    before == null ? ", first look" : ", as before");
        }
    }

    /**
     * Whether dials may be placed: connected, and this connection's PBX startup known, so that a
     * restart of the PBX the dial went to is found out after the next re-connect.
     */
    public boolean pbxStartupKnown() {
        return ami.connected() && startupKnownFor == ami.epoch();
    }

    /**
     * The watchdog's turn: a startup check that failed on a connection still up (CoreStatus timed
     * out) is made again — only after the connect's own check ran, in turn with the events before it.
     */
    public void startupWhenDue() {
        long epoch = ami.epoch();
        if (ami.connected() && startupCheckedFor == epoch && startupKnownFor != epoch) {
            try {
                checkForRestart();
            } catch (RuntimeException e) {
                LOG.warn("could not tell whether the PBX restarted: {}", e.toString());
            }
        }
    }

    /** The watchdog's turn: reconciles when a conversation is open and the last run is an interval old. */
    public int whenDue() {
        if (clock.instant().isBefore(lastRun.plus(settings.reconcileInterval()))) {
            return 0;
        }
        return reconcile("periodic check of open conversations");
    }

    /** One pass; returns how many conversations it ended. */
    public synchronized int reconcile(String why) {
        List<DialTracking.Dial> talking = dials.open().stream().filter(this::inConversation).toList();
        Instant now = clock.instant();
        List<DialTracking.Dial> owing = dials.owingSurvey(now.minus(SURVEY_LOOKBACK), now);
        if (talking.isEmpty() && owing.isEmpty()) {
            goneSince.clear();
            return 0;   // nothing a lost Hangup could have left open: no need to ask the PBX
        }
        if (!ami.connected()) {
            LOG.debug("reconciliation ({}) skipped: AMI {}", why, ami.state());
            return 0;
        }
        LiveChannels live;
        try {
            live = LiveChannels.of(ami.list(new CoreShowChannelsAction()));
        } catch (Exception e) {
            LOG.warn("reconciliation ({}): CoreShowChannels failed ({}); {} conversation(s) checked later", why,
                    e.toString(), talking.size());
            return 0;
        }
        lastRun = clock.instant();
        int ended = 0;
        for (DialTracking.Dial d : talking) {
            String leg = d.consultantCall();
            try (CloseableThreadContext.Instance ctx = CloseableThreadContext.put("callback", Long.toString(d.callbackId()))
                    .put("actionId", d.actionId()).put("call", leg == null ? "" : leg)) {
                if (live.consultantOn(d)) {
                    continue;   // still talking: a conversation has no deadline
                }
                if (!after.consultantHungUp(d, END_REASON, "is off the call per the PBX's live channels ("
                        + why + "); the Hangup was lost")) {
                    continue;   // the Hangup event settled it meanwhile
                }
                ended++;
                callerLeg(d, live);
            }
        }
        int settled = settleSurveys(owing, live, why);
        // Quiet when every conversation is still on: the watchdog asks every reconcileInterval.
        LOG.log(ended > 0 || settled > 0 ? Level.INFO : Level.DEBUG, "reconciliation ({}): {} live channel(s), {}"
                + " conversation(s) open, {} ended; {} survey(s) owed, {} settled NOT_REACHED", why, live.size(),
                talking.size(), ended, owing.size(), settled);
        return ended;
    }

    /**
     * Owed surveys whose caller's leg has been gone from the PBX for the survey grace — measured
     * from the first look that found it gone, so a leg that only just hung up still gets the grace
     * for its result to arrive — are NOT_REACHED. Returns how many.
     */
    private int settleSurveys(List<DialTracking.Dial> owing, LiveChannels live, String why) {
        Instant now = clock.instant();
        Map<String, Instant> stillGone = new HashMap<>();
        int settled = 0;
        for (DialTracking.Dial d : owing) {
            String leg = d.callerCall();
            if (live.has(leg)) {
                continue;   // in the survey: its Hangup (or a later look) settles it
            }
            Instant since = goneSince.getOrDefault(leg, now);
            if (now.isBefore(since.plus(after.surveyGrace()))) {
                stillGone.put(leg, since);
                continue;
            }
            try (CloseableThreadContext.Instance ctx = CloseableThreadContext.put("callback", Long.toString(d.callbackId()))
                    .put("actionId", d.actionId()).put("call", leg)) {
                if (after.surveyNotReached(d, leg, "no survey result, and the caller's leg has been off the PBX"
                        + " since " + since + " (" + why + ")")) {
                    settled++;
                }
            }
        }
        goneSince.clear();
        goneSince.putAll(stillGone);
        return settled;
    }

    private boolean inConversation(DialTracking.Dial d) {
        if (d.progress() == DialTracking.Progress.TALKING) {
            return true;
        }
        CallbackState state = store.find(d.callbackId()).map(Callback::state).orElse(null);
        return CallProgress.inConversation(d, state);
    }

    private void callerLeg(DialTracking.Dial d, LiveChannels live) {
        String leg = d.callerCall();
        if (leg == null) {
            return;
        }
        try (CloseableThreadContext.Instance ctx = CloseableThreadContext.put("call", leg)) {
            if (live.has(leg)) {
                LOG.info("{}: caller's leg {} is still on the PBX (in the survey): its own Hangup settles it",
                        d.actionId(), leg);
                return;
            }
            // Ended now, so the caller's leg gets the survey grace like after a Hangup.
            after.callerLegGone(dials.byActionId(d.actionId()).orElse(d), leg);
        }
    }

    /** The PBX's channels right now, by uniqueid and by name. */
    private record LiveChannels(Set<String> uniqueIds, Set<String> names) {

        static LiveChannels of(ResponseEvents list) {
            if (list.getResponse() == null || !"Success".equalsIgnoreCase(list.getResponse().getResponse())) {
                throw new IllegalStateException("CoreShowChannels refused: "
                        + (list.getResponse() == null ? "no response" : list.getResponse().getMessage()));
            }
            Set<String> ids = new HashSet<>();
            Set<String> names = new HashSet<>();
            for (ResponseEvent e : list.getEvents()) {
                if (e instanceof CoreShowChannelEvent c) {
                    if (c.getUniqueid() != null) {
                        ids.add(c.getUniqueid());
                    }
                    if (c.getChannel() != null) {
                        names.add(c.getChannel());
                    }
                }
            }
            return new LiveChannels(ids, names);
        }

        boolean has(String uniqueId) {
            return uniqueIds.contains(uniqueId);
        }

        /** The dial's consultant leg is live: by its uniqueid when known, else any channel of that endpoint. */
        boolean consultantOn(DialTracking.Dial d) {
            if (d.consultantCall() != null) {
                return has(d.consultantCall());
            }
            return names.stream().anyMatch(d::consultantChannel);
        }

        int size() {
            return uniqueIds.size();
        }
    }
}
