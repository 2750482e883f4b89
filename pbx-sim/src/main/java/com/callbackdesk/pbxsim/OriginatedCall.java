package com.callbackdesk.pbxsim;

import java.util.List;

/**
 * What happened to one AMI Originate, once the call is over.
 *
 * @param actionId          the Originate's ActionID (null if none)
 * @param channel           the Originate's Channel (e.g. PJSIP/alice)
 * @param callbackId        the CALLBACK_ID variable the dialer passed, if any
 * @param reason            OriginateResponse Reason: 4 answered, 3 no answer, 5 busy, 0 failure
 * @param consultantChannel the consultant's channel (null when none was created)
 * @param customerChannel   the customer's channel Dial created (null when Dial never ran)
 * @param dialStatus        DIALSTATUS of the [callback] Dial (null when Dial never ran)
 * @param customerOutcome   the callee persona's outcome (answered, busy, left-for-the-day, ...)
 * @param customerHungUpFirst the customer ended the conversation (no survey then)
 * @param surveyed          the customer reached the survey's FastAGI script
 * @param surveyExchanges   AGI commands and replies of the survey
 * @param dialplanSteps     "context,exten,priority App(args)" of both channels, in order
 */
public record OriginatedCall(String actionId, String channel, String callbackId, int reason,
                             String consultantChannel, String customerChannel, String dialStatus,
                             String customerOutcome, boolean customerHungUpFirst, boolean surveyed,
                             List<AgiExchange> surveyExchanges, List<String> dialplanSteps) {

    /** Digits the survey's GET DATA / WAIT FOR DIGIT received (the score), in order. */
    public List<String> surveyKeys() {
        return surveyExchanges.stream()
                .filter(e -> e.command().toUpperCase().startsWith("GET DATA") && e.firstReply().matches("200 result=\\d+.*"))
                .map(e -> e.firstReply().replaceFirst("200 result=(\\d+).*", "$1"))
                .toList();
    }
}
