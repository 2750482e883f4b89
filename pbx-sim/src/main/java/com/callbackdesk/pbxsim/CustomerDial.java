package com.callbackdesk.pbxsim;

import com.callbackdesk.dialplan.Dialplan;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * app_dial as the consultant's channel runs it in {@code [callback]}:
 * {@code Dial(PJSIP/<number>@trunk,30,F(survey^s^1))} rings a callee persona, bridges the two,
 * and on the consultant's hang-up sends the customer into {@code [survey]} (the F() option).
 * Every step is reported as the AMI events Asterisk 22 sends. One instance serves one call.
 */
final class CustomerDial implements DialApplication.Handler {

    private static final Logger LOG = LogManager.getLogger(CustomerDial.class);
    /** pjsip.conf: the trunk endpoint's context=inbound. */
    static final String TRUNK_ENDPOINT_CONTEXT = "inbound";
    private static final Pattern TARGET = Pattern.compile("PJSIP/([^@&]+)@([^&]+)");
    private static final Pattern F_OPTION = Pattern.compile("F\\(([^)]*)\\)");
    private static final Duration CONVERSATION_WHEN_SOLVED = Duration.ofSeconds(30);

    private final AmiCall call;
    private final AmiChannels channels;
    private final AmiFaultPlan faults;
    private final Function<String, CallerPersona> callees;
    private final Dialplan dialplan;
    private final PbxSettings settings;
    private final Map<String, String> database;

    CustomerDial(AmiCall call, AmiChannels channels, AmiFaultPlan faults, Function<String, CallerPersona> callees,
                 Dialplan dialplan, PbxSettings settings, Map<String, String> database) {
        this.call = call;
        this.channels = channels;
        this.faults = faults;
        this.callees = callees;
        this.dialplan = dialplan;
        this.settings = settings;
        this.database = database;
    }

    /** Dial(PJSIP/<number>@<endpoint>,<timeout>,<options>) run by the consultant's channel. */
    @Override
    public boolean dial(SimulatedChannel caller, List<String> args) {
        String target = args.isEmpty() ? "" : args.get(0);
        Matcher t = TARGET.matcher(target);
        if (!t.matches()) {
            LOG.warn("Dial({}) is not simulated: only PJSIP/<number>@<endpoint>", target);
            caller.set("DIALSTATUS", "CHANUNAVAIL");
            return false;
        }
        String number = t.group(1);
        String endpoint = t.group(2);
        Duration timeout = args.size() > 1 && !args.get(1).isBlank() ? Duration.ofSeconds(Long.parseLong(args.get(1).trim()))
                : Duration.ofDays(1);
        Matcher f = F_OPTION.matcher(args.size() > 2 ? args.get(2) : "");
        String[] transfer = f.find() ? f.group(1).split("\\^") : null;
        AmiChannel cust = ringCustomer(caller, number, endpoint);
        if (consultantCancels(caller, cust, timeout)) {
            return true;
        }
        if (!answered(caller, cust, number, endpoint, timeout)) {
            return false;
        }
        String bridge = UUID.randomUUID().toString();
        channels.bridgeEvent("BridgeCreate", bridge, 0, null);
        channels.bridgeEvent("BridgeEnter", bridge, 1, cust);
        channels.bridgeEvent("BridgeEnter", bridge, 2, call.consultant);
        if (faults.dropDuringThisConversation()) {
            AmiServer s = channels.server();
            if (s != null) {
                call.amiOutage = true;
                LOG.info("AMI connection dropped mid-conversation (ActionID {}): the hang-ups that follow reach nobody",
                        call.o.actionId());
                s.startOutage();
            }
        }
        if (customerEndsConversation(cust, bridge)) {
            return false;
        }
        afterConsultantHangsUp(cust, bridge, transfer);
        return true;
    }

    /** Creates the customer's channel, as app_dial dials it, and reports DialBegin. */
    private AmiChannel ringCustomer(SimulatedChannel caller, String number, String endpoint) {
        AmiChannel c = call.consultant;
        CallerPersona callee = callees.apply(number);
        if (callee == null) {
            LOG.warn("Dial to {}: no callee persona registered for this number; it rings unanswered", number);
            callee = CallerPersona.named("unknown " + number).noAnswer().build();
        }
        call.callee = callee;
        call.customerNumber = number;
        AmiChannel cust = channels.create(channels.nextName(endpoint), c.linkedId, callee, TRUNK_ENDPOINT_CONTEXT,
                number, c.callerIdName);
        cust.application = "AppDial2";   // what app_dial sets on the channel it dials
        cust.applicationData = "(Outgoing Line)";
        call.customer = cust;
        channels.publish(AmiEvent.of("Newchannel", "call").channel(cust));
        caller.inheritInto(cust.sim);
        cust.sim.inheritable.keySet().forEach(v -> cust.sim.events.varSet(cust.sim, v, cust.sim.variables.get(v)));
        // app_dial: the called channel shows the dialled number and the caller's name; its connected line is the caller.
        cust.sim.exten = caller.exten;
        cust.callerIdNum = caller.exten;
        cust.callerIdName = c.callerIdName;
        cust.connectedLineNum = c.callerIdNum;
        cust.connectedLineName = c.callerIdName;
        channels.publish(AmiEvent.of("NewCallerid", "call").channel(cust)
                .add("CID-CallingPres", "0 (Presentation Allowed, Not Screened)"));
        channels.publish(AmiEvent.of("NewConnectedLine", "call").channel(cust));
        channels.publish(AmiEvent.of("DialBegin", "call").channel(c).channel(cust, "Dest")
                .add("DialString", number + "@" + endpoint));
        // Asterisk's originate thread reports success while the dialplan already runs: after the first DialBegin.
        call.respond(true, 4);
        return cust;
    }

    /** The customer's phone rings until they pick up, are busy, or the Dial times out. */
    private boolean answered(SimulatedChannel caller, AmiChannel cust, String number, String endpoint, Duration timeout) {
        Pickup pickup = call.callee.pickup();
        if (pickup instanceof Pickup.Busy) {
            return unanswered(caller, cust, Duration.ofSeconds(1), "BUSY", 17);
        }
        if (pickup instanceof Pickup.Congestion) {
            return unanswered(caller, cust, Duration.ofMillis(300), "CONGESTION", 34);
        }
        channels.newState(cust, AmiChannel.RINGING);
        channels.deviceState(cust, "RINGING");
        Duration ringing = pickup instanceof Pickup.AnswersAfter a ? a.after() : null;
        if (ringing == null || ringing.compareTo(timeout) >= 0) {
            return unanswered(caller, cust, timeout, "NOANSWER", 19);
        }
        sleep(ringing);
        channels.newState(cust, AmiChannel.UP);
        channels.deviceState(cust, "INUSE");
        caller.set("DIALSTATUS", "ANSWER");
        caller.set("DIALEDPEERNAME", cust.name);
        caller.set("DIALEDPEERNUMBER", number + "@" + endpoint);
        channels.publish(AmiEvent.of("DialEnd", "call").channel(call.consultant).channel(cust, "Dest")
                .add("DialStatus", "ANSWER"));
        return true;
    }

    /**
     * The consultant hangs up while the customer's phone still rings (an impatient persona): their
     * phone's BYE arrives (HangupRequest, cause 16), app_dial ends with DIALSTATUS CANCEL, hangs the
     * ringing customer up, and returns with the consultant's channel gone (true).
     */
    private boolean consultantCancels(SimulatedChannel caller, AmiChannel cust, Duration timeout) {
        Duration cancelsAfter = call.consultantPersona.cancelsAfter();
        Pickup pickup = call.callee.pickup();
        if (cancelsAfter == null || pickup instanceof Pickup.Busy || pickup instanceof Pickup.Congestion) {
            return false;
        }
        Duration ringing = pickup instanceof Pickup.AnswersAfter a ? a.after() : timeout;
        if (cancelsAfter.compareTo(ringing) >= 0 || cancelsAfter.compareTo(timeout) >= 0) {
            return false;   // the customer answers, or Dial times out, first
        }
        channels.newState(cust, AmiChannel.RINGING);
        channels.deviceState(cust, "RINGING");
        sleep(cancelsAfter);
        AmiChannel c = call.consultant;
        channels.publish(AmiEvent.of("HangupRequest", "call").channel(c).add("Cause", 16));
        caller.set("DIALSTATUS", "CANCEL");
        channels.publish(AmiEvent.of("DialEnd", "call").channel(c).channel(cust, "Dest").add("DialStatus", "CANCEL"));
        channels.hangup(cust, 16);
        return true;
    }

    private boolean unanswered(SimulatedChannel caller, AmiChannel cust, Duration after, String status, int cause) {
        sleep(after);
        caller.set("DIALSTATUS", status);
        channels.publish(AmiEvent.of("DialEnd", "call").channel(call.consultant).channel(cust, "Dest")
                .add("DialStatus", status));
        channels.hangup(cust, cause);
        return false;
    }

    /**
     * The two talk; when the customer hangs up first, Dial returns and the consultant's dialplan
     * carries on (true). Otherwise the talk lasts as long as the consultant's (false).
     */
    private boolean customerEndsConversation(AmiChannel cust, String bridge) {
        Duration consultantTalk = call.consultantPersona.talksFor();
        if ("solved-already".equals(call.callee.outcome()) && consultantTalk.compareTo(CONVERSATION_WHEN_SOLVED) > 0) {
            consultantTalk = CONVERSATION_WHEN_SOLVED;
        }
        Duration customerTalk = call.callee.talksFor();
        if (customerTalk != null && customerTalk.compareTo(consultantTalk) < 0) {
            sleep(customerTalk);
            call.customerHungUpFirst = true;
            channels.publish(AmiEvent.of("HangupRequest", "call").channel(cust).add("Cause", 16));
            channels.bridgeEvent("BridgeLeave", bridge, 1, cust);
            channels.hangup(cust, 16);
            channels.bridgeEvent("BridgeLeave", bridge, 0, call.consultant);
            channels.bridgeEvent("BridgeDestroy", bridge, 0, null);
            return true;
        }
        sleep(consultantTalk);
        return false;
    }

    /** The consultant hangs up: their channel leaves; F() sends the customer on instead of hanging up. */
    private void afterConsultantHangsUp(AmiChannel cust, String bridge, String[] transfer) {
        AmiChannel c = call.consultant;
        channels.publish(AmiEvent.of("HangupRequest", "call").channel(c).add("Cause", 16));
        channels.bridgeEvent("BridgeLeave", bridge, 1, c);
        channels.hangup(c, 16);
        channels.bridgeEvent("BridgeLeave", bridge, 0, cust);
        channels.bridgeEvent("BridgeDestroy", bridge, 0, null);
        if (transfer == null || call.callee.hangsUpBeforeSurvey()) {
            channels.publish(AmiEvent.of("HangupRequest", "call").channel(cust).add("Cause", 16));
            channels.hangup(cust, 16);
            call.endAmiOutage();
            return;
        }
        // The AMI comes back as the customer enters the survey: the client that logs in again finds
        // the customer's leg alive there, and the consultant's Hangup gone for good.
        call.endAmiOutage();
        call.surveyed = true;
        String context = transfer[0];
        String exten = transfer.length > 1 ? transfer[1] : "s";
        String how = new DialplanRunner(dialplan, settings, database)
                .run(cust.sim, context, exten, call.surveyExchanges, call.steps);
        LOG.debug("customer {} left the survey: {}", cust.name, how);
        if (!cust.gone) {
            channels.publish(AmiEvent.of("SoftHangupRequest", "call").channel(cust).add("Cause", 16));
            channels.hangup(cust, 16);
        }
    }

    private void sleep(Duration d) {
        DialplanRunner.sleepScaled(settings, d);
    }
}
