package com.callbackdesk.ivr.intake;

import com.callbackdesk.ivr.dialog.CallerLine;
import com.callbackdesk.ivr.dialog.DialogListener;
import com.callbackdesk.ivr.dialog.DigitsPrompt;
import com.callbackdesk.ivr.dialog.Fallback;
import com.callbackdesk.ivr.dialog.Interpretation;
import com.callbackdesk.ivr.dialog.Menu;
import com.callbackdesk.ivr.dialog.Say;
import com.callbackdesk.ivr.dialog.StepId;
import com.callbackdesk.ivr.dialog.TransferToOperator;
import com.callbackdesk.ivr.intake.CapturedIntake.NumberSource;
import com.callbackdesk.ivr.intake.CapturedIntake.ScreenshotChoice;
import com.callbackdesk.ivr.intake.CapturedIntake.Urgency;
import com.callbackdesk.ivr.prompts.CallerLanguage;
import com.callbackdesk.ivr.prompts.MenuOption;
import com.callbackdesk.ivr.prompts.PromptCatalogue;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiHangupException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;

import java.time.LocalTime;
import java.util.Objects;
import java.util.Optional;

import static com.callbackdesk.ivr.intake.IntakePrompts.*;
import static com.callbackdesk.ivr.intake.IntakeStep.*;

/**
 * The intake call flow (FastAGI script {@code intake}): who to call back, about what, how urgent,
 * until when; hands that to the {@link IntakeDesk} and tells the caller what the desk decided.
 *
 * <p>Read {@link #takeIntake} top to bottom like the dialplan it replaces. Each question is a
 * {@link Menu} or {@link DigitsPrompt} with its prompt, timeout, tries and fallback.
 *
 * <p>Promises kept here: a caller who hangs up before the desk answered creates nothing and is
 * counted as abandoned at the step they were at; "we will call you back" is spoken only after the
 * desk returned (it commits before returning). One instance serves all calls concurrently: all
 * per-call state lives on the stack.
 */
public final class IntakeScript implements AgiScript {

    private static final Logger LOG = LogManager.getLogger(IntakeScript.class);

    /** Channel variables the dialplan (and tests) can read after the script. */
    public static final String RESULT_VARIABLE = "INTAKE_RESULT";
    public static final String STEP_VARIABLE = "INTAKE_STEP";
    public static final String CALLBACK_ID_VARIABLE = "CALLBACK_ID";

    /** Values of {@value #RESULT_VARIABLE}. */
    public enum Result { ACCEPTED, MERGED, REJECTED, OPERATOR, CANCELLED, KEPT, RESCHEDULED }

    private final IntakeDesk desk;
    private final PromptCatalogue catalogue;
    private final IntakeSettings settings;
    private final IntakeMetrics metrics;
    private final CallbackNumbers numbers;
    private final ReachableUntil reachableUntil;

    private final Menu<MenuOption> productMenu;
    private final Menu<MenuOption> categoryMenu;
    private final Menu<Urgency> urgencyMenu;
    private final DigitsPrompt<Optional<LocalTime>> reachableUntilPrompt;
    private final Menu<ScreenshotChoice> screenshotMenu;
    private final CallbackTimes times;
    private final NextMorningOffer nextMorningOffer;
    private final PendingCallbackCall pendingCallback;

    public IntakeScript(IntakeDesk desk, PromptCatalogue catalogue, IntakeSettings settings, IntakeMetrics metrics) {
        this.desk = Objects.requireNonNull(desk, "desk");
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue").requireKeys(IntakePrompts.ALL);
        this.settings = Objects.requireNonNull(settings, "settings");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.numbers = new CallbackNumbers(settings.defaultRegion());
        this.reachableUntil = new ReachableUntil(settings.clock(), settings.officeZone());
        if (catalogue.language(settings.defaultLanguage()).isEmpty()) {
            throw new IllegalArgumentException("default language " + settings.defaultLanguage() + " is not in " + catalogue);
        }

        int tries = settings.maxTries();
        long menuMs = settings.timeouts().menuMs();

        this.productMenu = catalogueMenu(PRODUCT, PRODUCT_MENU, catalogue.products());
        this.categoryMenu = catalogueMenu(CATEGORY, CATEGORY_MENU, catalogue.categories());

        this.urgencyMenu = Menu.<Urgency>asking(URGENCY, URGENCY_MENU)
                .choice("1", Urgency.NORMAL)
                .choice("2", Urgency.URGENT)
                .timeoutMs(menuMs).tries(tries)
                .otherwise(Fallback.useDefault(Urgency.NORMAL));

        this.reachableUntilPrompt = DigitsPrompt.<Optional<LocalTime>>asking(REACHABLE_UNTIL, REACHABLE_ENTER)
                .maxDigits(4).timeoutMs(settings.timeouts().timeOfDayMs()).tries(tries)
                .interpretedBy(reachableUntil::interpret)
                .otherwise(Fallback.useDefault(Optional.empty()));   // until the office closes

        this.screenshotMenu = Menu.<ScreenshotChoice>asking(SCREENSHOT_LINK, SCREENSHOT_MENU)
                .choice("1", ScreenshotChoice.SMS)
                .choice("2", ScreenshotChoice.EMAIL)
                .choice("3", ScreenshotChoice.DECLINED)
                .timeoutMs(menuMs).tries(tries)
                // No answer is recorded as declined: no link is sent unasked, and the consultant
                // asks for the screen on the call (the close-as-resolved check still applies).
                .otherwise(Fallback.useDefault(ScreenshotChoice.DECLINED));

        this.times = new CallbackTimes(settings.officeZone());
        this.nextMorningOffer = new NextMorningOffer(desk, settings, times);
        this.pendingCallback = new PendingCallbackCall(desk, settings, times);
    }

    private Menu<MenuOption> catalogueMenu(IntakeStep step, String prompt, Iterable<MenuOption> options) {
        Menu.Builder<MenuOption> menu = Menu.<MenuOption>asking(step, prompt)
                .timeoutMs(settings.timeouts().menuMs()).tries(settings.maxTries());
        options.forEach(o -> menu.choice(o.key(), o));
        // A wrong product or category would send the callback to the wrong consultants: a person decides.
        return menu.otherwise(Fallback.operator());
    }

    @Override
    public void service(AgiRequest request, AgiChannel channel) throws AgiException {
        ThreadContext.put("call", request.getUniqueId());
        try {
            metrics.callStarted();
            LOG.debug("intake started on {} from {}", request.getChannel(), request.getCallerIdNumber());
            CallerLine line = new CallerLine(channel, catalogue, startingLanguage(request), new MetricsListener(),
                    catalogue.language(settings.defaultLanguage()).orElseThrow(), metrics.missingPrompts());
            Progress progress = new Progress();
            try {
                takeIntake(request, line, progress);
            } catch (TransferToOperator transfer) {
                toOperator(line, progress);
            } catch (AgiHangupException hangup) {
                callerHungUp(line, progress);
            }
        } finally {
            ThreadContext.remove("call");
        }
    }

    /** The call flow. */
    private void takeIntake(AgiRequest request, CallerLine line, Progress progress) throws AgiException {
        line.enter(GREETING);
        Say.prompts(WELCOME).to(line);

        chooseLanguage(request, line);

        Optional<String> callerId = numbers.usableCallerId(request.getCallerIdNumber(), request.getCallingPres());
        if (callerId.isPresent()) {
            Optional<PendingCallback> pending = pendingFor(callerId.get());
            if (pending.isPresent()) {
                progress.deskAnswered = true;   // they have a callback: hanging up now abandons nothing
                pendingCallback.handle(pending.get(), line);
                return;
            }
        }
        CallbackNumber callbackNumber = callerId.isPresent()
                ? confirmCallerId(callerId.get(), line)
                : askForNumber(line);

        MenuOption product = productMenu.run(line);
        MenuOption category = categoryMenu.run(line);
        Urgency urgency = urgencyMenu.run(line);
        Optional<LocalTime> until = reachableUntilPrompt.run(line);
        ScreenshotChoice screenshot = category.needsScreen()
                ? screenshotMenu.run(line)
                : ScreenshotChoice.NOT_NEEDED;

        line.enter(SUBMIT);
        Say.prompts(PLEASE_WAIT).to(line);
        line.ensureCallerStillThere();             // gone already: create nothing
        CapturedIntake intake = new CapturedIntake(request.getUniqueId(), request.getChannel(), callerId.orElse(null),
                callbackNumber.e164(), callbackNumber.source(), line.language().code(), product.code(),
                category.code(), urgency, until.orElse(null), screenshot, settings.clock().instant());

        IntakeDecision decision;
        try {
            decision = desk.submit(intake);          // blocks until committed (or rejected)
        } catch (RuntimeException e) {
            metrics.deskFailed();
            LOG.error("intake desk failed; sending caller to the operator", e);
            Say.prompts(APOLOGY).to(line);
            throw new TransferToOperator(SUBMIT, "desk failed: " + e);
        }
        progress.deskAnswered = true;
        tellCaller(decision, line);
    }

    /**
     * The language menu is played in the language the call arrived with; silence keeps that one.
     * A language fixed by the AGI parameter {@code lang} (e.g. per dialled number) skips the menu.
     */
    private void chooseLanguage(AgiRequest request, CallerLine line) throws AgiException {
        CallerLanguage starting = line.language();
        CallerLanguage chosen = starting;
        if (settings.offerLanguageChoice() && request.getParameter("lang") == null) {
            Menu.Builder<CallerLanguage> menu = Menu.<CallerLanguage>asking(LANGUAGE, LANGUAGE_MENU)
                    .timeoutMs(settings.timeouts().menuMs()).tries(settings.maxTries());
            catalogue.languages().forEach(l -> menu.choice(l.key(), l));
            chosen = menu.otherwise(Fallback.useDefault(starting)).run(line);
        }
        // Asterisk's own SAY commands speak the channel language: keep it in step with the prompts.
        if (!chosen.asteriskLanguage().equals(request.getLanguage())) {
            line.switchLanguage(chosen);
        }
    }

    private CallbackNumber confirmCallerId(String callerId, CallerLine line) throws AgiException {
        line.enter(CALLBACK_NUMBER);
        Say.prompts(YOUR_NUMBER_IS).to(line);
        line.sayDigits(numbers.nationalDigits(callerId));
        return DigitsPrompt.<CallbackNumber>asking(CALLBACK_NUMBER, CONFIRM_NUMBER)
                .maxDigits(20).timeoutMs(settings.timeouts().numberMs()).tries(settings.maxTries())
                .interpretedBy(keys -> "1".equals(keys)
                        ? Interpretation.valid(new CallbackNumber(callerId, NumberSource.CALLER_ID))
                        : keyedNumber(keys))
                .otherwise(Fallback.operator())
                .run(line);
    }

    private CallbackNumber askForNumber(CallerLine line) throws AgiException {
        return DigitsPrompt.<CallbackNumber>asking(CALLBACK_NUMBER, ENTER_NUMBER)
                .maxDigits(20).timeoutMs(settings.timeouts().numberMs()).tries(settings.maxTries())
                .interpretedBy(this::keyedNumber)
                .otherwise(Fallback.operator())
                .run(line);
    }

    private Interpretation<CallbackNumber> keyedNumber(String keys) {
        Interpretation<String> number = numbers.interpretKeyed(keys);
        if (number instanceof Interpretation.Valid<String> valid) {
            return Interpretation.valid(new CallbackNumber(valid.value(), NumberSource.ENTERED));
        }
        return Interpretation.invalid(((Interpretation.Invalid<String>) number).explainPromptKey());
    }

    /** Speaks the desk's decision. Only reached after the desk returned. */
    private void tellCaller(IntakeDecision decision, CallerLine line) throws AgiException {
        if (decision instanceof IntakeDecision.Accepted accepted) {
            metrics.accepted();
            LOG.info("intake accepted as callback {} at about {}", accepted.callbackId(), accepted.estimatedCallback());
            line.setVariable(RESULT_VARIABLE, Result.ACCEPTED.name());
            line.setVariable(CALLBACK_ID_VARIABLE, Long.toString(accepted.callbackId()));
            times.sayCallbackAt(line, accepted.estimatedCallback(), accepted.nextBusinessMorning());
            if (accepted.nextBusinessMorning()) {
                nextMorningOffer.make(accepted.callbackId(), line);
            }
        } else if (decision instanceof IntakeDecision.Merged merged) {
            metrics.merged();
            LOG.info("intake merged into pending callback {}", merged.callbackId());
            line.setVariable(RESULT_VARIABLE, Result.MERGED.name());
            line.setVariable(CALLBACK_ID_VARIABLE, Long.toString(merged.callbackId()));
            Say.prompts(MERGED).to(line);
            times.sayCallbackAt(line, merged.estimatedCallback(), merged.nextBusinessMorning());
            if (merged.nextBusinessMorning()) {
                nextMorningOffer.make(merged.callbackId(), line);
            }
        } else if (decision instanceof IntakeDecision.Rejected rejected) {
            metrics.rejected();
            LOG.info("intake rejected: {} ({})", rejected.reason(), rejected.detail());
            line.setVariable(RESULT_VARIABLE, Result.REJECTED.name());
            String prompt = REJECTED_PREFIX + rejected.reason();
            Say.prompts(catalogue.hasPrompt(line.language().code(), prompt) ? prompt : REJECTED_OTHER).to(line);
        } else {
            throw new IllegalStateException("desk returned no decision: " + decision);
        }
        Say.ifPresent(GOODBYE).to(line);
    }

    private Optional<PendingCallback> pendingFor(String callerId) {
        try {
            return desk.pendingFor(callerId);
        } catch (RuntimeException e) {
            // Not knowing costs a possible duplicate, which the desk merges anyway: take the intake.
            LOG.warn("could not look up a pending callback; taking a new intake", e);
            return Optional.empty();
        }
    }

    private void toOperator(CallerLine line, Progress progress) throws AgiException {
        StepId step = line.currentStep();
        metrics.transferredToOperator();
        LOG.info("transferring to operator {} from step {}", settings.operator().gotoArgument(), step.name());
        try {
            Say.ifPresent(TRANSFER_OPERATOR).to(line);
            if (!progress.deskAnswered) {
                // After the desk answered, INTAKE_RESULT keeps what it decided (the request stands).
                line.setVariable(RESULT_VARIABLE, Result.OPERATOR.name());
            }
            line.setVariable(STEP_VARIABLE, step.name());
            // Goto from inside AGI moves the channel; Asterisk continues there when the script returns.
            line.exec("Goto", settings.operator().gotoArgument());
        } catch (AgiHangupException hangup) {
            LOG.info("caller hung up while being transferred to the operator from {}", step.name());
        }
    }

    private void callerHungUp(CallerLine line, Progress progress) {
        IntakeStep step = (IntakeStep) line.currentStep();
        if (progress.deskAnswered) {
            // The request is committed; they just did not stay for the acknowledgement.
            LOG.info("caller hung up during the acknowledgement; callback request stands");
            return;
        }
        metrics.abandoned(step);
        LOG.info("intake abandoned at step {}: caller hung up, no callback request created", step);
    }

    /** Per-call facts the hang-up handling needs. */
    private static final class Progress {
        boolean deskAnswered;
    }

    private final class MetricsListener implements DialogListener {
        @Override
        public void fallbackTaken(StepId step, boolean operator) {
            metrics.fallback((IntakeStep) step, operator);
        }
    }

    private CallerLanguage startingLanguage(AgiRequest request) {
        return Optional.ofNullable(request.getParameter("lang"))
                .flatMap(catalogue::matchChannelLanguage)
                .or(() -> catalogue.matchChannelLanguage(request.getLanguage()))
                .or(() -> catalogue.language(settings.defaultLanguage()))
                .orElseThrow();
    }
}
