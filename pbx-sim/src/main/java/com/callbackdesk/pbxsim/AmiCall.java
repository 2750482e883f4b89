package com.callbackdesk.pbxsim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/** One originated call's bookkeeping while it runs: its channels, who answered, how it went. */
final class AmiCall {

    final Originate o;
    private final BiConsumer<String, String> syncReply;
    private final AmiChannels channels;
    AmiChannel consultant;
    AmiChannel customer;
    String customerNumber;
    CallerPersona callee;
    ConsultantPersona consultantPersona;
    private boolean responded;
    private int reason;
    boolean customerHungUpFirst;
    boolean surveyed;
    /** The AMI is down for this conversation (SimulatedPbx#dropAmiDuringNextConversations). */
    boolean amiOutage;
    final List<AgiExchange> consultantExchanges = new CopyOnWriteArrayList<>();
    final List<AgiExchange> surveyExchanges = new CopyOnWriteArrayList<>();
    final List<String> steps = Collections.synchronizedList(new ArrayList<>());

    AmiCall(Originate o, BiConsumer<String, String> syncReply, AmiChannels channels) {
        this.o = o;
        this.syncReply = syncReply;
        this.channels = channels;
    }

    /** OriginateResponse (async) or the action's response (sync), once. */
    void respond(boolean success, int why) {
        if (responded) {
            return;
        }
        responded = true;
        reason = why;
        if (syncReply != null) {
            syncReply.accept(success ? "Success" : "Error", success ? "Originate successfully queued" : "Originate failed");
            return;
        }
        AmiEvent.Builder e = AmiEvent.of("OriginateResponse", "call");
        if (o.actionId() != null) {
            e.add("ActionID", o.actionId());
        }
        e.add("Response", success ? "Success" : "Failure").add("Channel", o.channel());
        if (o.application() != null) {
            e.add("Application", o.application()).add("Data", o.data() == null ? "" : o.data());
        } else {
            e.add("Context", o.context()).add("Exten", o.exten());
        }
        e.add("Reason", why)
                .add("Uniqueid", success && consultant != null ? consultant.uniqueId : "<unknown>")
                .add("CallerIDNum", o.cidNum() == null ? "<unknown>" : o.cidNum())
                .add("CallerIDName", o.cidName() == null ? "<unknown>" : o.cidName());
        channels.publish(e);
    }

    /** Brings the AMI back if this call took it down; the client may log in again from now on. */
    void endAmiOutage() {
        if (!amiOutage) {
            return;
        }
        amiOutage = false;
        AmiServer s = channels.server();
        if (s != null) {
            s.endOutage();
        }
    }

    OriginatedCall record() {
        return new OriginatedCall(o.actionId(), o.channel(), o.callbackId(), reason,
                consultant == null ? null : consultant.name, customer == null ? null : customer.name,
                consultant == null ? null : consultant.sim.variables.get("DIALSTATUS"),
                callee == null ? null : callee.outcome(), customerHungUpFirst, surveyed,
                List.copyOf(surveyExchanges), List.copyOf(steps));
    }
}
