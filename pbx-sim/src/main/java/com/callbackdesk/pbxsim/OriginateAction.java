package com.callbackdesk.pbxsim;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.io.IOException;
import java.util.Set;

/**
 * Originate: hands the call to {@link AmiCalls}, which answers Async originates at once and
 * synchronous ones when the outcome is known — unless the test's {@link AmiFaultPlan} drops the
 * connection as the action arrives or right after it is queued.
 */
final class OriginateAction implements AmiAction {

    private static final Logger LOG = LogManager.getLogger(OriginateAction.class);

    private final AmiCalls calls;

    OriginateAction(AmiCalls calls) {
        this.calls = calls;
    }

    @Override
    public String name() {
        return "Originate";
    }

    @Override
    public Set<String> permittedBy() {
        return Set.of("originate");
    }

    @Override
    public boolean handle(AmiSession session, AmiMessage m) {
        if (calls.faults().dropThisOriginate(m)) {
            session.close();
            return false;
        }
        if (calls.faults().dropAfterQueueing(m)) {
            session.close();   // the response is never written; the events go to whoever is logged in
            calls.originate(m, (response, message) -> { });
            return false;
        }
        calls.originate(m, (response, message) -> {
            try {
                session.send(m, response, message);
            } catch (IOException e) {
                LOG.debug("Originate reply lost: {}", e.toString());
            }
        });
        return true;
    }
}
