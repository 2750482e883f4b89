package com.callbackdesk.ivr.survey;

import com.callbackdesk.ivr.dialog.CallerLine;
import com.callbackdesk.ivr.dialog.DialogListener;
import com.callbackdesk.ivr.dialog.DigitsPrompt;
import com.callbackdesk.ivr.dialog.Fallback;
import com.callbackdesk.ivr.dialog.Interpretation;
import com.callbackdesk.ivr.dialog.Menu;
import com.callbackdesk.ivr.dialog.MissingPrompts;
import com.callbackdesk.ivr.dialog.Say;
import com.callbackdesk.ivr.dialog.TransferToOperator;
import com.callbackdesk.ivr.intake.IntakeSettings;
import com.callbackdesk.ivr.prompts.CallerLanguage;
import com.callbackdesk.ivr.prompts.PromptCatalogue;
import com.callbackdesk.ivr.survey.SurveyAnswer.Outcome;
import org.apache.logging.log4j.CloseableThreadContext;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiHangupException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import static com.callbackdesk.ivr.survey.SurveyPrompts.*;

/**
 * The satisfaction survey (FastAGI script {@code survey}). Asterisk runs it on the
 * customer's channel when the consultant hangs up: {@code [callback]}'s
 * {@code Dial(...,F(survey^s^1))} moves the customer into {@code [survey]}, which runs
 * {@code AGI(${FASTAGI}/survey)}. The callback id and the consultant arrive as the channel
 * variables {@value #CALLBACK_ID_VARIABLE} and {@value #CONSULTANT_VARIABLE}, inherited through
 * {@code __} from the consultant's leg.
 *
 * <p>Read {@link #runSurvey} top to bottom:
 * <ol>
 *   <li>SCORE: 1–5; silence re-prompts ({@code input.none}), any other key explains
 *       ({@code survey.score-invalid}) and re-prompts, up to {@code maxTries}; then "no score".</li>
 *   <li>REASON (after a score): 1 waited too long, 2 problem not solved, 3 the consultant,
 *       4 other; # skips; silence or wrong keys re-prompt, then no reason.</li>
 *   <li>The answer goes to the {@link SurveyDesk} once; then thanks and HANGUP.</li>
 * </ol>
 * A hang-up before the score is recorded as {@link Outcome#HUNG_UP_BEFORE_SCORING}; after it, the
 * score stands without a reason. A missing or garbled callback id is logged and recorded nowhere:
 * the caller is thanked and the call ends. The survey speaks the language the caller chose at
 * intake ({@link SurveyDesk#languageOf}), else the channel's. A prompt whose sound file the PBX does not have
 * is tried in the default language; missing there too, the customer — still on the line, so not
 * {@link Outcome#HUNG_UP_BEFORE_SCORING} — is recorded as {@link Outcome#NO_SCORE} (before a score) and
 * put through to the operator. One instance serves all calls; per-call state is on the stack. Logs carry the channel uniqueid ({@code call}) and the callback id ({@code callback}).
 */
public final class SurveyScript implements AgiScript {

    private static final Logger LOG = LogManager.getLogger(SurveyScript.class);

    /** Channel variables the dialplan sets with {@code __} on the consultant's leg. */
    public static final String CALLBACK_ID_VARIABLE = "CALLBACK_ID";
    public static final String CONSULTANT_VARIABLE = "CONSULTANT";
    /** Set on the channel for the dialplan (and tests) to read after the script. */
    public static final String RESULT_VARIABLE = "SURVEY_RESULT";

    /** Values of {@value #RESULT_VARIABLE}. */
    public enum Result { SCORED, NO_SCORE, NOT_RECORDED }

    private final SurveyDesk desk;
    private final PromptCatalogue catalogue;
    private final SurveySettings settings;
    private final DigitsPrompt<Integer> scorePrompt;
    private final Menu<Optional<SurveyReason>> reasonMenu;
    private final MissingPrompts missingPrompts;

    public SurveyScript(SurveyDesk desk, PromptCatalogue catalogue, SurveySettings settings) {
        this(desk, catalogue, settings, new MissingPrompts());
    }

    /** @param missingPrompts where sound files the PBX lacks are counted (e.g. the intake's) */
    public SurveyScript(SurveyDesk desk, PromptCatalogue catalogue, SurveySettings settings,
                        MissingPrompts missingPrompts) {
        this.missingPrompts = Objects.requireNonNull(missingPrompts, "missingPrompts");
        this.desk = Objects.requireNonNull(desk, "desk");
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue").requireKeys(SurveyPrompts.ALL);
        this.settings = Objects.requireNonNull(settings, "settings");
        if (catalogue.language(settings.defaultLanguage()).isEmpty()) {
            throw new IllegalArgumentException("default language " + settings.defaultLanguage() + " is not in " + catalogue);
        }
        this.scorePrompt = DigitsPrompt.<Integer>asking(SurveyStep.SCORE, SCORE)
                .maxDigits(1).timeoutMs(settings.scoreTimeoutMs()).tries(settings.maxTries())
                .interpretedBy(SurveyScript::score)
                .otherwise(Fallback.useDefault(null));   // no score: recorded as such
        this.reasonMenu = Menu.<Optional<SurveyReason>>asking(SurveyStep.REASON, REASON)
                .choice("1", Optional.of(SurveyReason.WAITED_TOO_LONG))
                .choice("2", Optional.of(SurveyReason.PROBLEM_NOT_SOLVED))
                .choice("3", Optional.of(SurveyReason.CONSULTANT))
                .choice("4", Optional.of(SurveyReason.OTHER))
                .hashSkips(Optional.empty())
                .timeoutMs(settings.reasonTimeoutMs()).tries(settings.maxTries())
                .otherwise(Fallback.useDefault(Optional.empty()));   // the reason is optional
    }

    private static Interpretation<Integer> score(String keys) {
        if (keys.length() == 1 && keys.charAt(0) >= '1' && keys.charAt(0) <= '5') {
            return Interpretation.valid(keys.charAt(0) - '0');
        }
        return Interpretation.invalid(SCORE_INVALID);
    }

    @Override
    public void service(AgiRequest request, AgiChannel channel) throws AgiException {
        try (CloseableThreadContext.Instance call = CloseableThreadContext.put("call", request.getUniqueId())) {
            String rawId = variable(channel, CALLBACK_ID_VARIABLE);
            OptionalLong callbackId = parseCallbackId(rawId);
            CallerLine line = new CallerLine(channel, catalogue, language(request, callbackId), DialogListener.NONE,
                    catalogue.language(settings.defaultLanguage()).orElseThrow(), missingPrompts);
            if (callbackId.isEmpty()) {
                LOG.warn("survey on {} without a usable {} ('{}'): nothing will be recorded", request.getChannel(),
                        CALLBACK_ID_VARIABLE, rawId);
                setResult(line, Result.NOT_RECORDED);
                thankAndHangUp(line);
                return;
            }
            try (CloseableThreadContext.Instance cb = CloseableThreadContext.put("callback",
                    Long.toString(callbackId.getAsLong()))) {
                String consultant = variable(channel, CONSULTANT_VARIABLE);
                runSurvey(callbackId.getAsLong(), consultant, request, line);
            }
        }
    }

    /** The survey. */
    private void runSurvey(long callbackId, String consultant, AgiRequest request, CallerLine line) throws AgiException {
        LOG.info("survey started on {} for consultant {}", request.getChannel(), consultant == null ? "(not set)" : consultant);
        Integer score;
        try {
            score = scorePrompt.run(line);
        } catch (AgiHangupException hangup) {
            LOG.info("caller hung up before scoring");
            report(new SurveyAnswer(callbackId, consultant, Outcome.HUNG_UP_BEFORE_SCORING, null, null,
                    request.getUniqueId(), settings.clock().instant()));
            return;
        } catch (TransferToOperator missing) {
            LOG.warn("survey cannot be asked ({}); the customer is still on the line: no score, to the operator",
                    missing.getMessage());
            report(new SurveyAnswer(callbackId, consultant, Outcome.NO_SCORE, null, null, request.getUniqueId(),
                    settings.clock().instant()));
            setResult(line, Result.NO_SCORE);
            toOperator(line);
            return;
        }
        if (score == null) {
            LOG.info("no score keyed after {} tries", settings.maxTries());
            report(new SurveyAnswer(callbackId, consultant, Outcome.NO_SCORE, null, null, request.getUniqueId(),
                    settings.clock().instant()));
            setResult(line, Result.NO_SCORE);
            thankAndHangUp(line);
            return;
        }
        SurveyReason reason;
        boolean stillThere = true;
        boolean toOperator = false;
        try {
            reason = reasonMenu.run(line).orElse(null);
        } catch (AgiHangupException hangup) {
            LOG.info("caller hung up at the reason menu; the score {} stands", score);
            reason = null;
            stillThere = false;
        } catch (TransferToOperator missing) {
            LOG.warn("survey reason cannot be asked ({}); the score {} stands, to the operator", missing.getMessage(), score);
            reason = null;
            toOperator = true;
        }
        LOG.info("survey scored {}{}", score, reason == null ? "" : ", reason " + reason.code());
        report(new SurveyAnswer(callbackId, consultant, Outcome.SCORED, score, reason, request.getUniqueId(),
                settings.clock().instant()));
        if (stillThere) {
            setResult(line, Result.SCORED);
            if (toOperator) {
                toOperator(line);
            } else {
                thankAndHangUp(line);
            }
        }
    }

    /** A customer the survey cannot serve (its sound files are missing) goes to a person, not the hang-up. */
    private static void toOperator(CallerLine line) throws AgiException {
        try {
            Say.ifPresent(SurveyPrompts.THANKS).to(line);
            line.exec("Goto", IntakeSettings.DEFAULT_OPERATOR.gotoArgument());
        } catch (AgiHangupException hangup) {
            LOG.debug("caller hung up on the way to the operator");
        }
    }

    /** Hands the answer to the desk; a failure is logged, never spoken (the caller is thanked either way). */
    private void report(SurveyAnswer answer) {
        try {
            desk.record(answer);
        } catch (RuntimeException e) {
            LOG.error("survey result {} could not be stored for callback {} (call {})", answer.outcome(),
                    answer.callbackId(), answer.callUniqueId(), e);
        }
    }

    private void thankAndHangUp(CallerLine line) throws AgiException {
        try {
            line.enter(SurveyStep.THANKS);
            Say.ifPresent(THANKS).to(line);
            line.hangUp();
        } catch (AgiHangupException hangup) {
            LOG.debug("caller hung up during the thanks");
        }
    }

    private static void setResult(CallerLine line, Result result) throws AgiException {
        try {
            line.setVariable(RESULT_VARIABLE, result.name());
        } catch (AgiHangupException hangup) {
            LOG.debug("caller gone before {} could be set", RESULT_VARIABLE);
        }
    }

    /** GET VARIABLE works on a dead channel too; a failure reads as "not set". */
    private static String variable(AgiChannel channel, String name) {
        try {
            String value = channel.getVariable(name);
            return value == null || value.isBlank() ? null : value.trim();
        } catch (AgiException e) {
            LOG.warn("could not read {}: {}", name, e.toString());
            return null;
        }
    }

    /** A callback id is a positive decimal number; anything else is garbled. */
    static OptionalLong parseCallbackId(String raw) {
        if (raw == null || raw.isEmpty() || raw.length() > 18 || !raw.chars().allMatch(Character::isDigit)) {
            return OptionalLong.empty();
        }
        long id = Long.parseLong(raw);
        return id > 0 ? OptionalLong.of(id) : OptionalLong.empty();
    }

    /** The language the caller chose at intake, else the channel's, else the default. */
    private CallerLanguage language(AgiRequest request, OptionalLong callbackId) {
        Optional<CallerLanguage> chosen = Optional.empty();
        if (callbackId.isPresent()) {
            try {
                chosen = desk.languageOf(callbackId.getAsLong()).flatMap(catalogue::language);
            } catch (RuntimeException e) {
                LOG.warn("could not look up the language of callback {}; using the channel's", callbackId.getAsLong(), e);
            }
        }
        return chosen.orElseGet(() -> channelLanguage(request));
    }

    private CallerLanguage channelLanguage(AgiRequest request) {
        return catalogue.matchChannelLanguage(request.getLanguage())
                .or(() -> catalogue.language(settings.defaultLanguage()))
                .orElseThrow();
    }
}
