package com.callbackdesk.ivr.dialog;

import com.callbackdesk.ivr.prompts.CallerLanguage;
import com.callbackdesk.ivr.prompts.PromptCatalogue;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiHangupException;
import org.asteriskjava.fastagi.command.AgiCommand;
import org.asteriskjava.fastagi.command.GetDataCommand;
import org.asteriskjava.fastagi.command.StreamFileCommand;
import org.asteriskjava.fastagi.reply.AgiReply;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The caller's side of one call as the flow sees it: prompts by catalogue key in the caller's
 * language, keys read with GET DATA. Every method is one or two real AGI commands; nothing here
 * decides anything, the steps do.
 *
 * <p><b>A missing sound file is not a hang-up.</b> Asterisk answers GET DATA and STREAM FILE with
 * {@code result=-1} at once when the file does not exist, and the caller is still there; a caller who
 * hung up makes the next command fail with 511. So on -1 the line asks the channel's status: gone,
 * it is a hang-up ({@link AgiHangupException}); still up, the file is missing — logged once and
 * counted ({@link MissingPrompts}), the same prompt is tried in the fallback language, and when that
 * is missing too the caller goes to a person ({@link TransferToOperator}). No caller still on the
 * line is dropped or counted as gone.
 */
public final class CallerLine {

    private static final Logger LOG = LogManager.getLogger(CallerLine.class);

    private final AgiChannel channel;
    private final PromptCatalogue catalogue;
    private final DialogListener listener;
    private final CallerLanguage fallbackLanguage;
    private final MissingPrompts missingPrompts;
    private CallerLanguage language;
    private StepId currentStep;

    public CallerLine(AgiChannel channel, PromptCatalogue catalogue, CallerLanguage language,
                      DialogListener listener) {
        this(channel, catalogue, language, listener, null, new MissingPrompts());
    }

    /**
     * @param fallbackLanguage where a prompt missing in the caller's language is tried next (the desk's
     *                         default language), or null for none
     * @param missingPrompts   where missing sound files are counted
     */
    public CallerLine(AgiChannel channel, PromptCatalogue catalogue, CallerLanguage language,
                      DialogListener listener, CallerLanguage fallbackLanguage, MissingPrompts missingPrompts) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
        this.language = Objects.requireNonNull(language, "language");
        this.listener = listener == null ? DialogListener.NONE : listener;
        this.fallbackLanguage = fallbackLanguage;
        this.missingPrompts = Objects.requireNonNull(missingPrompts, "missingPrompts");
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

    /**
     * STREAM FILE of a prompt, no barge-in: short announcements the caller should hear whole. Missing
     * in the caller's language and in the fallback language, the caller goes to the operator.
     */
    public void play(String promptKey) throws AgiException {
        if (playFound(promptKey).isEmpty()) {
            throw promptMissing(promptKey);
        }
    }

    /**
     * Like {@link #play}, but a prompt missing in both languages is skipped (after being logged and
     * counted): for what the caller can do without, such as "goodbye" or "transferring you now".
     */
    public void playIfPresent(String promptKey) throws AgiException {
        playFound(promptKey);
    }

    /** The reply of the STREAM FILE that found its file, or empty when no language had it. */
    private Optional<AgiReply> playFound(String promptKey) throws AgiException {
        return firstFound(promptKey, StreamFileCommand::new);
    }

    /**
     * GET DATA: plays the prompt and collects up to {@code maxDigits} keys, ending at # or after
     * {@code timeoutMs} of silence. Digits keyed before a timeout are kept: Asterisk returns them
     * and a caller who forgot # still means them.
     *
     * @throws TransferToOperator when the prompt is missing in the caller's and the fallback language
     */
    public Entry ask(String promptKey, long timeoutMs, int maxDigits) throws AgiException {
        AgiReply reply = firstFound(promptKey, file -> new GetDataCommand(file, timeoutMs, maxDigits))
                .orElseThrow(() -> promptMissing(promptKey));
        boolean timedOut = "timeout".equals(reply.getExtra());
        return new Entry(reply.getResult(), timedOut);
    }

    /**
     * Sends the command for the prompt in the caller's language, then, if Asterisk had no such file,
     * in the fallback language. A -1 reply on a channel that is gone is a hang-up.
     */
    private Optional<AgiReply> firstFound(String promptKey, Function<String, AgiCommand> command)
            throws AgiException {
        for (CallerLanguage lang : languagesToTry(promptKey)) {
            String file = catalogue.soundFile(lang.code(), promptKey);
            AgiReply reply = channel.sendCommand(command.apply(file));
            if (!"-1".equals(reply.getResult())) {
                return Optional.of(reply);
            }
            // -1: the caller hung up while it played, or Asterisk has no such file. A dead channel
            // answers CHANNEL STATUS with 511, which Asterisk-Java raises as a hang-up.
            channel.getChannelStatus();
            if (endposAfterStart(reply)) {
                return Optional.of(reply);   // played in part, then interrupted: it was there
            }
            missingPrompts.missing(file, lang.code());
        }
        return Optional.empty();
    }

    private static boolean endposAfterStart(AgiReply reply) {
        String endpos = reply.getAttribute("endpos");
        return endpos != null && !endpos.isBlank() && !"0".equals(endpos.trim());
    }

    private List<CallerLanguage> languagesToTry(String promptKey) {
        if (fallbackLanguage == null || fallbackLanguage.code().equals(language.code())
                || !catalogue.hasPrompt(fallbackLanguage.code(), promptKey)) {
            return List.of(language);
        }
        return List.of(language, fallbackLanguage);
    }

    private TransferToOperator promptMissing(String promptKey) {
        StepId step = currentStep != null ? currentStep : () -> "UNKNOWN";
        listener.promptMissing(step, promptKey);
        return new TransferToOperator(step, "sound file for prompt '" + promptKey + "' missing");
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

}
