package com.callbackdesk.routes.dialer;

import com.callbackdesk.consultant.ConsultantDirectory;
import com.callbackdesk.consultant.ConsultantState;
import com.callbackdesk.desk.outcome.Outcomes;
import com.callbackdesk.survey.SurveyResults;
import com.callbackdesk.survey.SurveyState;
import org.apache.logging.log4j.CloseableThreadContext;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What happens when a conversation is over, whoever noticed it: the consultant's Hangup event
 * ({@link CallProgress}) or the PBX's live channels after the event was lost ({@link ChannelReconciler}).
 * The consultant is AVAILABLE again and the dial ends; the callback stays CONNECTED until the
 * consultant records its outcome. Then the caller's leg: did it reach the survey? Both callers
 * share one instance, so a conversation is ended once and a leg's survey is settled once even when
 * the event and the reconciliation race.
 */
public final class AfterConversation implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(AfterConversation.class);

    private final DialTracking dials;
    private final Outcomes outcomes;
    private final ConsultantDirectory consultants;
    private final SurveyResults surveys;
    private final Duration surveyGrace;
    private final Clock clock;
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "survey-reached-check");
        t.setDaemon(true);
        return t;
    });

    public AfterConversation(DialTracking dials, Outcomes outcomes, ConsultantDirectory consultants,
                             SurveyResults surveys, Duration surveyGrace, Clock clock) {
        this.dials = Objects.requireNonNull(dials, "dials");
        this.outcomes = Objects.requireNonNull(outcomes, "outcomes");
        this.consultants = Objects.requireNonNull(consultants, "consultants");
        this.surveys = Objects.requireNonNull(surveys, "surveys");
        this.surveyGrace = Objects.requireNonNull(surveyGrace, "surveyGrace");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The consultant's leg is gone after the conversation: the consultant is free, the dial ends
     * with {@code endReason}. Returns false (and changes nothing) when the dial had ended already.
     */
    public synchronized boolean consultantHungUp(DialTracking.Dial d, String endReason, String how) {
        if (!dials.byActionId(d.actionId()).map(DialTracking.Dial::open).orElse(false)) {
            return false;
        }
        // The consultant first, then the dial: a closed dial means its consultant is free again.
        consultants.setState(d.consultant(), ConsultantState.AVAILABLE, Dialer.DIALER,
                "hung up after callback " + d.callbackId() + "; the outcome is theirs to record");
        dials.end(d.id(), clock.instant(), endReason);
        LOG.info("{}: consultant {} {}; callback {} awaits its outcome", d.actionId(), d.consultant(), how,
                d.callbackId());
        return true;
    }

    /**
     * The caller's leg {@code leg} hung up (or is no longer on the PBX): a caller who was talked to
     * is owed a survey. While the dial is open the consultant is still on, so Dial's F() never sends
     * this caller to the survey: NOT_REACHED at once. Otherwise the survey IVR gets the grace to
     * store its result for this leg, then a leg without one is NOT_REACHED.
     */
    public void callerLegGone(DialTracking.Dial d, String leg) {
        boolean answered = outcomes.attempts(d.callbackId()).stream()
                .anyMatch(a -> a.id() == d.attemptId() && a.answeredAt() != null);
        if (!answered || leg == null) {
            return;   // no conversation, no survey owed
        }
        if (d.open()) {
            notReached(d, leg, "the caller hung up first");
            return;
        }
        later.schedule(() -> {
            try (CloseableThreadContext.Instance ctx = CloseableThreadContext.put("callback", Long.toString(d.callbackId()))
                    .put("actionId", d.actionId()).put("call", leg)) {
                notReached(d, leg, "no survey result for the caller's leg " + surveyGrace + " after it hung up");
            } catch (RuntimeException e) {
                LOG.error("could not check the survey of leg {}", leg, e);
            }
        }, surveyGrace.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The caller's leg {@code leg} has been gone from the PBX for at least the survey grace and no
     * survey result came for it: NOT_REACHED (once; false, and nothing written, if a result exists).
     */
    public boolean surveyNotReached(DialTracking.Dial d, String leg, String why) {
        return notReached(d, leg, why);
    }

    Duration surveyGrace() {
        return surveyGrace;
    }

    /** Once per leg, whoever asks first (the event's check and the reconciliation's may both come). */
    private synchronized boolean notReached(DialTracking.Dial d, String leg, String why) {
        boolean recorded = surveys.forCallback(d.callbackId()).stream().anyMatch(r -> leg.equals(r.callId()));
        if (recorded) {
            return false;
        }
        surveys.record(d.callbackId(), d.consultant(), SurveyState.NOT_REACHED, null, null, leg);
        LOG.info("{}: survey NOT_REACHED for leg {}: {}", d.actionId(), leg, why);
        return true;
    }

    /** Stops the delayed survey checks (on shutdown). */
    @Override
    public void close() {
        later.shutdownNow();
    }
}
