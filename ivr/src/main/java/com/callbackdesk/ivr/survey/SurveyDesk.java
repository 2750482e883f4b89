package com.callbackdesk.ivr.survey;

/**
 * The port through which the survey IVR hands a caller's rating to the rest of Callback Desk
 *. The IVR knows nothing of Camel or storage: {@code camel-routes} implements
 * this with a request-reply route that stores the result against the callback and the consultant.
 *
 * <p>Blocking, called once per survey call. Implementations must be idempotent for the same
 * {@link SurveyAnswer#callUniqueId()}: a call that reports twice is stored once. A thrown
 * exception means a technical failure; the script logs it (callback id, call) and still thanks
 * the caller.
 */
public interface SurveyDesk {

    void record(SurveyAnswer answer);

    /**
     * The language the caller chose when they left the request (catalogue code, e.g. "zh-TW"), so
     * the survey speaks it on the callback leg, whose channel language is the trunk's. Empty when
     * unknown; the script then uses the channel's language. Must not throw for an unknown callback.
     */
    default java.util.Optional<String> languageOf(long callbackId) {
        return java.util.Optional.empty();
    }
}
