package com.callbackdesk.routes.survey;

import com.callbackdesk.ivr.survey.SurveyAnswer;
import com.callbackdesk.survey.SurveyResult;
import com.callbackdesk.survey.SurveyResults;
import com.callbackdesk.survey.SurveyState;
import org.apache.logging.log4j.CloseableThreadContext;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.util.Objects;
import java.util.Optional;

/**
 * Stores a survey answer with {@link SurveyResults}: against the callback, and against the
 * consultant the channel named (CONSULTANT) or, when it did not, the consultant of the
 * callback's latest answered attempt.
 *
 * <p>Idempotent per call: an answer whose survey leg (Asterisk uniqueid) already has a record for
 * the callback is not stored again; the stored one is returned. Reports of one call arrive from
 * one FastAGI session, so the check and the insert are serialised per call id in this process.
 */
public final class SurveyRecorder {

    private static final Logger LOG = LogManager.getLogger(SurveyRecorder.class);
    private static final int LOCK_STRIPES = 64;

    private final SurveyResults results;
    private final Object[] locks = new Object[LOCK_STRIPES];

    public SurveyRecorder(SurveyResults results) {
        this.results = Objects.requireNonNull(results, "results");
        for (int i = 0; i < LOCK_STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    /**
     * @return the stored result (the earlier one if this call had reported already)
     * @throws IllegalArgumentException if no consultant can be found for the callback
     * @throws com.callbackdesk.storage.StorageException if it cannot be stored (e.g. unknown callback)
     */
    public SurveyResult record(SurveyAnswer answer) {
        Objects.requireNonNull(answer, "answer");
        try (CloseableThreadContext.Instance ctx = CloseableThreadContext.put("callback", Long.toString(answer.callbackId()))
                .put("call", answer.callUniqueId() == null ? "" : answer.callUniqueId())) {
            if (answer.callUniqueId() == null) {
                return store(answer);
            }
            synchronized (locks[Math.floorMod(answer.callUniqueId().hashCode(), LOCK_STRIPES)]) {
                Optional<SurveyResult> earlier = results.forCallback(answer.callbackId()).stream()
                        .filter(r -> answer.callUniqueId().equals(r.callId()))
                        .findFirst();
                if (earlier.isPresent()) {
                    LOG.info("survey of call {} already recorded ({}); not stored again", answer.callUniqueId(),
                            earlier.get().state());
                    return earlier.get();
                }
                return store(answer);
            }
        }
    }

    private SurveyResult store(SurveyAnswer answer) {
        return results.record(answer.callbackId(), answer.consultant(), state(answer.outcome()), answer.score(),
                answer.reason() == null ? null : answer.reason().code(), answer.callUniqueId());
    }

    static SurveyState state(SurveyAnswer.Outcome outcome) {
        return switch (outcome) {
            case SCORED -> SurveyState.COMPLETED;
            case NO_SCORE -> SurveyState.NO_SCORE;
            case HUNG_UP_BEFORE_SCORING -> SurveyState.HUNG_UP_BEFORE_SCORING;
        };
    }
}
