package com.callbackdesk.pbxsim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What happened on one simulated call.
 *
 * @param uniqueId       Asterisk unique id of the channel
 * @param channel        channel name
 * @param personaName    the caller persona
 * @param agiExchanges   every AGI command and reply, in order, over all AGI() runs
 * @param callerHungUp   the caller hung up (as opposed to the dialplan ending the call)
 * @param dialplanSteps  "context,exten,priority App(args)" for every priority executed
 * @param finalVariables channel variables when the call ended
 * @param duration       call time (virtual time when the time scale is 0)
 * @param endedBy        caller-hangup, dialplan-hangup, end-of-dialplan or error:...
 * @param unusedReactions  persona reactions never asked for (the script asked fewer questions)
 * @param unscriptedInputs input requests after the persona's reactions ran out (it stayed silent):
 *                         the script asked more questions than the persona was scripted for
 * @param missingSounds    sound files the script or dialplan asked for that the PBX does not have
 *                         ({@link PbxSettings#sounds()}), in the order first missed: the caller heard
 *                         nothing of them
 */
public record CallRecord(String uniqueId, String channel, String personaName, List<AgiExchange> agiExchanges,
                         boolean callerHungUp, List<String> dialplanSteps, Map<String, String> finalVariables,
                         Duration duration, String endedBy, int unusedReactions, int unscriptedInputs,
                         List<String> missingSounds) {

    public List<String> commands() {
        return agiExchanges.stream().map(AgiExchange::command).toList();
    }

    /** Sound files the caller heard, from STREAM FILE and GET DATA, in order. */
    public List<String> promptsPlayed() {
        List<String> out = new ArrayList<>();
        for (AgiExchange e : agiExchanges) {
            List<String> words = AgiCommand.parse(e.command()).args();
            String c = e.command().toUpperCase();
            if ((c.startsWith("STREAM FILE") || c.startsWith("GET DATA")) && words.size() > 0) {
                out.add(words.get(0));
            }
        }
        return out;
    }

    /**
     * What the caller heard, in order: sound files from STREAM FILE and GET DATA, and
     * {@code digits:NNN} for SAY DIGITS. Commands answered 511 (dead channel) and files the PBX
     * does not have ({@link #missingSounds}) are left out.
     */
    public List<String> heard() {
        List<String> out = new ArrayList<>();
        for (AgiExchange e : agiExchanges) {
            if (e.firstReply().startsWith("511")) {
                continue;
            }
            AgiCommand cmd = AgiCommand.parse(e.command());
            String c = e.command().toUpperCase();
            List<String> args = cmd.args();
            if ((c.startsWith("STREAM FILE") || c.startsWith("GET DATA")) && !args.isEmpty()) {
                if (!missingSounds.contains(args.get(0))) {
                    out.add(args.get(0));
                }
            } else if (c.startsWith("SAY DIGITS") && !args.isEmpty()) {
                StringBuilder said = new StringBuilder();
                for (char d : args.get(0).toCharArray()) {
                    if (!missingSounds.contains(AgiPlayback.digitFile(d))) {
                        said.append(d);
                    }
                }
                if (!said.isEmpty()) {
                    out.add("digits:" + said);
                }
            }
        }
        return out;
    }

    /** Whether the call passed through {@code context} (e.g. "operator"). */
    public boolean visited(String context) {
        return dialplanSteps.stream().anyMatch(s -> s.startsWith(context + ","));
    }
}
