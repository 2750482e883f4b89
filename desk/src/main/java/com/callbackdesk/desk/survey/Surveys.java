package com.callbackdesk.desk.survey;

import com.callbackdesk.survey.SurveyResult;
import com.callbackdesk.survey.SurveyResults;
import com.callbackdesk.survey.SurveyState;
import org.apache.logging.log4j.CloseableThreadContext;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.util.Objects;
import java.util.Optional;

/**
 * The use case "record a survey result": stores the caller's answer with {@link SurveyResults}
 * against the callback, and against the consultant named (or, when none was, the consultant of the
 * callback's latest answered attempt).
 *
 * <p>Idempotent per call: an answer whose survey leg (Asterisk uniqueid) already has a record for
 * the callback is not stored again; the stored one is returned. Reports of one call arrive from
 * one FastAGI session, so the check and the insert are serialised per call id in this process.
 */
public final class Surveys {

    private static final Logger LOG = LogManager.getLogger(Surveys.class);
    private static final int LOCK_STRIPES = 64;

    private final SurveyResults results;
    private final Object[] locks = new Object[LOCK_STRIPES];

    public Surveys(SurveyResults results) {
        this.results = Objects.requireNonNull(results, "results");
        for (int i = 0; i < LOCK_STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    /**
     * @param consultant  who served the caller, or null to take the latest answered attempt's
     * @param callUniqueId the survey leg's Asterisk uniqueid, or null when unknown (then not de-duplicated)
     * @return the stored result (the earlier one if this call had reported already)
     * @throws IllegalArgumentException if no consultant can be found for the callback
     * @throws com.callbackdesk.storage.StorageException if it cannot be stored (e.g. unknown callback)
     */
    public SurveyResult record(long callbackId, String consultant, SurveyState state, Integer score,
                               String reasonCode, String callUniqueId) {
        Objects.requireNonNull(state, "state");
        try (CloseableThreadContext.Instance ctx = CloseableThreadContext.put("callback", Long.toString(callbackId))
                .put("call", callUniqueId == null ? "" : callUniqueId)) {
            if (callUniqueId == null) {
                return results.record(callbackId, consultant, state, score, reasonCode, null);
            }
            synchronized (locks[Math.floorMod(callUniqueId.hashCode(), LOCK_STRIPES)]) {
                Optional<SurveyResult> earlier = results.forCallback(callbackId).stream()
                        .filter(r -> callUniqueId.equals(r.callId()))
                        .findFirst();
                if (earlier.isPresent()) {
                    LOG.info("survey of call {} already recorded ({}); not stored again", callUniqueId,
                            earlier.get().state());
                    return earlier.get();
                }
                return results.record(callbackId, consultant, state, score, reasonCode, callUniqueId);
            }
        }
    }
}
