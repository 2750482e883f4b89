package com.callbackdesk.ivr.dialog;

import com.callbackdesk.ivr.prompts.CallerLanguage;
import com.callbackdesk.ivr.prompts.PromptCatalogue;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiHangupException;
import org.asteriskjava.fastagi.command.GetDataCommand;
import org.asteriskjava.fastagi.reply.AgiReply;

import java.util.Objects;

/**
 * The caller's side of one call as the flow sees it: prompts by catalogue key in the caller's
 * language, keys read with GET DATA. Every method is one or two real AGI commands; nothing here
 * decides anything, the steps do.
 */
public final class CallerLine {

    private static final Logger LOG = LogManager.getLogger(CallerLine.class);

    private final AgiChannel channel;
    private final PromptCatalogue catalogue;
    private final DialogListener listener;
    private CallerLanguage language;
    private StepId currentStep;

    public CallerLine(AgiChannel channel, PromptCatalogue catalogue, CallerLanguage language,
                      DialogListener listener) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
        this.language = Objects.requireNonNull(language, "language");
        this.listener = listener == null ? DialogListener.NONE : listener;
    }

    public CallerLanguage language() {
        return language;
    }

    /**
     * Serves the rest of the call in {@code newLanguage}. Also sets the channel language so
     * Asterisk's own SAY commands (digits, times) speak it too.
     */
    public void switchLanguage(CallerLanguage newLanguage) throws AgiException {
        this.language = Objects.requireNonNull(newLanguage, "newLanguage");
        channel.setVariable("CHANNEL(language)", newLanguage.asteriskLanguage());
    }

    /** Marks where the caller is, so a hang-up can be attributed to the step it ended. */
    public void enter(StepId step) {
        this.currentStep = step;
        LOG.debug("step {}", step.name());
        listener.stepStarted(step);
    }

    public StepId currentStep() {
        return currentStep;
    }

    DialogListener listener() {
        return listener;
    }

    /** STREAM FILE of a prompt, no barge-in: short announcements the caller should hear whole. */
    public void play(String promptKey) throws AgiException {
        channel.streamFile(soundFile(promptKey));
    }

    /**
     * GET DATA: plays the prompt and collects up to {@code maxDigits} keys, ending at # or after
     * {@code timeoutMs} of silence. Digits keyed before a timeout are kept: Asterisk returns them
     * and a caller who forgot # still means them.
     */
    public Entry ask(String promptKey, long timeoutMs, int maxDigits) throws AgiException {
        AgiReply reply = channel.sendCommand(new GetDataCommand(soundFile(promptKey), timeoutMs, maxDigits));
        String result = reply.getResult();
        if ("-1".equals(result)) {
            // GET DATA fails with -1 when the channel went away while it ran.
            throw new AgiHangupException();
        }
        boolean timedOut = "timeout".equals(reply.getExtra());
        return new Entry(result, timedOut);
    }

    /**
     * Makes sure the caller is still on the line (CHANNEL STATUS answers 511 on a dead channel,
     * which Asterisk-Java raises as a hang-up). Used before a step with effects outside the call,
     * because a hang-up during a plain announcement is only noticed at the next command.
     */
    public void ensureCallerStillThere() throws AgiException {
        channel.getChannelStatus();
    }

    /** SAY DIGITS, e.g. a phone number read back or a time as HHMM. */
    public void sayDigits(String digits) throws AgiException {
        channel.sayDigits(digits);
    }

    public void setVariable(String name, String value) throws AgiException {
        channel.setVariable(name, value);
    }

    /** HANGUP: the script ends the call (e.g. after the survey's thanks). */
    public void hangUp() throws AgiException {
        channel.hangup();
    }

    /** EXEC of a dialplan application, e.g. Goto to leave the script for another context. */
    public int exec(String application, String options) throws AgiException {
        return channel.exec(application, options);
    }

    private String soundFile(String promptKey) {
        return catalogue.soundFile(language.code(), promptKey);
    }
}
