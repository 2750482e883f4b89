package com.callbackdesk.app.console;

import com.callbackdesk.account.Role;
import com.callbackdesk.audit.AuditLog;
import com.callbackdesk.callback.Actor;
import com.callbackdesk.callback.AuditEntry;
import com.callbackdesk.callback.CallbackChange;
import com.callbackdesk.callback.NumberSource;
import com.callbackdesk.callback.ScreenshotChoice;
import com.callbackdesk.consultant.ConsultantState;
import com.callbackdesk.ivr.prompts.MenuOption;
import com.callbackdesk.ivr.prompts.PromptCatalogue;
import com.callbackdesk.ivr.survey.SurveyReason;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.planning.EscalationLevel;
import com.callbackdesk.planning.OutcomeCode;
import com.callbackdesk.planning.Urgency;
import com.callbackdesk.planning.labels.Labels;
import com.callbackdesk.planning.queue.PreDialDecision;
import com.callbackdesk.planning.retry.GiveUpReason;
import com.callbackdesk.queue.OutcomeRefusedException;
import com.callbackdesk.screenshot.ScreenshotChannel;
import com.callbackdesk.screenshot.ScreenshotCompletion;
import com.callbackdesk.screenshot.ScreenshotState;
import com.callbackdesk.survey.SurveyState;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every code the desk can put in front of a person, from the Java enums themselves (a constant
 * added tomorrow is in the set at once), the IVR's menus and the label table: the label kind each
 * enum is labelled under, and the set a browser test checks the visible text against.
 */
final class ShownCodes {

    private ShownCodes() {
    }

    /** Each vocabulary a person may meet, and the kind of the label table that labels it. */
    static final Map<Class<? extends Enum<?>>, String> KINDS = new LinkedHashMap<>();

    static {
        KINDS.put(CallbackState.class, "callbackState");
        KINDS.put(OutcomeCode.class, "outcome");
        KINDS.put(Urgency.class, "urgency");
        KINDS.put(EscalationLevel.class, "escalation");
        KINDS.put(GiveUpReason.class, "giveUpReason");
        KINDS.put(PreDialDecision.class, "preDialDecision");
        KINDS.put(ConsultantState.class, "consultantState");
        KINDS.put(ScreenshotState.class, "screenshotState");
        KINDS.put(ScreenshotChannel.class, "screenshotChannel");
        KINDS.put(ScreenshotCompletion.Kind.class, "screenshotCompletion");
        KINDS.put(ScreenshotChoice.class, "screenshotChoice");
        KINDS.put(SurveyState.class, "surveyState");
        KINDS.put(SurveyReason.class, "surveyReason");
        KINDS.put(NumberSource.class, "numberSource");
        KINDS.put(Role.class, "role");
        KINDS.put(Actor.Kind.class, "actorKind");
        KINDS.put(OutcomeRefusedException.Rule.class, "rule");
        KINDS.put(AuditEntry.Action.class, "auditAction");
        KINDS.put(CallbackChange.Field.class, "changeField");
        KINDS.put(AuditLog.Source.class, "auditSource");
    }

    /** The IVR's product and category codes, by label kind. */
    static Map<String, Set<String>> menuCodes() {
        PromptCatalogue catalogue = PromptCatalogue.loadDefault();
        Map<String, Set<String>> codes = new LinkedHashMap<>();
        codes.put("product", new TreeSet<>(catalogue.products().stream().map(MenuOption::code).toList()));
        codes.put("category", new TreeSet<>(catalogue.categories().stream().map(MenuOption::code).toList()));
        return codes;
    }

    /** Every code name a person must never read: all constants, menu codes and the table's own codes. */
    static Set<String> all() {
        Set<String> all = new TreeSet<>();
        KINDS.keySet().forEach(e -> Arrays.stream(e.getEnumConstants()).map(Enum::name).forEach(all::add));
        menuCodes().values().forEach(all::addAll);
        Labels labels = Labels.loadDefault();
        for (String kind : labels.kinds()) {
            labels.codes(kind).stream().filter(c -> c.matches("[A-Z][A-Z0-9_]+")).forEach(all::add);
        }
        return all;
    }
}
