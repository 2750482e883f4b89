package com.callbackdesk.ivr.intake;

import com.callbackdesk.ivr.intake.IntakeDecision.Accepted;
import com.callbackdesk.ivr.prompts.PromptCatalogue;
import com.callbackdesk.ivr.server.IvrServer;
import com.callbackdesk.ivr.server.IvrSettings;
import com.callbackdesk.ivr.testing.PbxLines;
import com.callbackdesk.ivr.testing.RecordingDesk;
import com.callbackdesk.pbxsim.CallRecord;
import com.callbackdesk.pbxsim.CallerPersona;
import com.callbackdesk.pbxsim.SimulatedPbx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.callbackdesk.pbxsim.CallerPersona.hangsUp;
import static com.callbackdesk.pbxsim.CallerPersona.press;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The intake on a PBX that lacks sound files, answered as Asterisk 22 answers them (GET DATA and
 * STREAM FILE {@code 200 result=-1} at once, the channel still up): the caller is still there, so
 * nothing counts as a hang-up; the prompt is tried in the default language, then the caller goes to
 * the operator.
 */
class MissingPromptCallTest {

    private static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    private static final Instant NOW = ZonedDateTime.of(2025, 3, 12, 14, 0, 0, 0, TAIPEI).toInstant();
    private static final String CALLER_ID = "+886223456789";
    private static final ZonedDateTime CALLBACK_AT = ZonedDateTime.of(2025, 3, 12, 15, 5, 0, 0, TAIPEI);
    private static final String ZH_PRODUCT_MENU = "callback-desk/zh-TW/choose-product";
    private static final String EN_PRODUCT_MENU = "callback-desk/en/choose-product";

    private final IntakeMetrics metrics = new IntakeMetrics();
    private final RecordingDesk desk = new RecordingDesk(i -> new Accepted(42, CALLBACK_AT, false));
    private IvrServer server;
    private SimulatedPbx pbx;

    @BeforeEach
    void startServer() {
        IntakeSettings settings = IntakeSettings.defaults().withClock(Clock.fixed(NOW, ZoneId.of("UTC")))
                .withTimeouts(new PromptTimeouts(3000, 6000, 4000));
        server = new IvrServer(IvrSettings.defaults().withPort(0).withPool(2, 16))
                .register("intake", new IntakeScript(desk, PromptCatalogue.loadDefault(), settings, metrics)).start();
    }

    @AfterEach
    void stop() {
        if (pbx != null) {
            pbx.close();
        }
        server.stop();
    }

    private CallRecord call(Set<String> missing, CallerPersona.Reaction... reactions) {
        pbx = PbxLines.inbound(server.port(), missing);
        CallRecord call = pbx.call(CallerPersona.named("mei").callerId(CALLER_ID).dnid("0800123456")
                .then(reactions).build());
        assertThat(call.unscriptedInputs()).as("asked more than scripted: %s", call.commands()).isZero();
        assertThat(call.unusedReactions()).as("reactions left over: %s", call.commands()).isZero();
        return call;
    }

    @Test
    void aCompleteSetLeavesNothingMissingInEitherLanguageDigitsIncluded() {
        CallRecord english = call(Set.of(), press("1"), press("1"), press("1"), press("1"), press("1"), press("*"));
        CallRecord chinese = call(Set.of(), press("2"), press("1"), press("1"), press("1"), press("1"), press("*"));

        // The IVR sets CHANNEL(language)=zh for zh-TW: SAY DIGITS finds zh/digits/* of the set.
        assertThat(chinese.finalVariables()).containsEntry("CHANNEL(language)", "zh");
        assertThat(english.missingSounds()).isEmpty();
        assertThat(chinese.missingSounds()).isEmpty();
        assertThat(chinese.heard()).contains("digits:1505");
        assertThat(metrics.missingPrompts().total()).isZero();
    }

    @Test
    void aPromptMissingInTheCallersLanguageIsPlayedInTheDefaultLanguage() {
        CallRecord call = call(Set.of(ZH_PRODUCT_MENU),
                press("2"), press("1"), press("3"), press("1"), press("1"), press("*"));

        // GET DATA of the missing file: -1 at once, the channel checked (still up), then English.
        List<String> commands = call.commands();
        int missing = indexOf(commands, "GET DATA \"" + ZH_PRODUCT_MENU + "\"");
        assertThat(call.agiExchanges().get(missing).firstReply()).isEqualTo("200 result=-1");
        assertThat(commands.get(missing + 1)).isEqualTo("CHANNEL STATUS");
        assertThat(call.agiExchanges().get(missing + 1).firstReply()).isEqualTo("200 result=6");
        assertThat(commands.get(missing + 2)).startsWith("GET DATA \"" + EN_PRODUCT_MENU + "\"");

        assertThat(call.callerHungUp()).isFalse();
        assertThat(call.missingSounds()).containsExactly(ZH_PRODUCT_MENU);
        assertThat(desk.submitted()).singleElement().satisfies(intake -> {
            assertThat(intake.language()).isEqualTo("zh-TW");
            assertThat(intake.product()).isEqualTo("CAMERA");
        });
        assertThat(call.heard()).contains(EN_PRODUCT_MENU, "callback-desk/zh-TW/choose-category")
                .doesNotContain(ZH_PRODUCT_MENU);
        assertThat(metrics.snapshot().abandoned()).isZero();
        assertThat(metrics.snapshot().accepted()).isEqualTo(1);
        assertThat(metrics.missingPrompts().snapshot()).isEqualTo(Map.of(ZH_PRODUCT_MENU, 1L));
    }

    @Test
    void aPromptMissingInEveryLanguageSendsTheCallerStillThereToTheOperator() {
        CallRecord call = call(Set.of(ZH_PRODUCT_MENU, EN_PRODUCT_MENU), press("2"), press("1"));

        assertThat(call.callerHungUp()).isFalse();
        assertThat(call.commands()).containsSubsequence(
                "GET DATA \"" + ZH_PRODUCT_MENU + "\" 3000 1", "CHANNEL STATUS",
                "GET DATA \"" + EN_PRODUCT_MENU + "\" 3000 1", "CHANNEL STATUS");
        assertThat(call.commands()).anyMatch(c -> c.startsWith("EXEC") && c.contains("Goto") && c.contains("operator,s,1"));
        assertThat(call.dialplanSteps()).anyMatch(s -> s.startsWith("operator,s,1 "));
        assertThat(call.heard()).contains("callback-desk/zh-TW/transferring-to-operator");
        assertThat(call.finalVariables()).containsEntry("INTAKE_RESULT", "OPERATOR").containsEntry("INTAKE_STEP", "PRODUCT");
        assertThat(desk.submitted()).isEmpty();
        IntakeMetrics.Snapshot m = metrics.snapshot();
        assertThat(m.abandoned()).as("not a hang-up").isZero();
        assertThat(m.operatorTransfers()).isEqualTo(1);
        assertThat(metrics.missingPrompts().snapshot()).containsOnlyKeys(ZH_PRODUCT_MENU, EN_PRODUCT_MENU);
    }

    @Test
    void aMissingAnnouncementIsFoundTooAndTheOperatorAnnouncementMayBeMissing() {
        // "please wait" (STREAM FILE) missing in both; so is "transferring you": the caller still reaches a person.
        CallRecord call = call(Set.of("callback-desk/en/please-wait", "callback-desk/en/transferring-to-operator"),
                press("1"), press("1"), press("1"), press("1"), press("1"), press("*"));

        int missing = indexOf(call.commands(), "STREAM FILE \"callback-desk/en/please-wait\"");
        assertThat(call.agiExchanges().get(missing).firstReply()).isEqualTo("200 result=-1 endpos=0");
        assertThat(call.callerHungUp()).isFalse();
        assertThat(call.dialplanSteps()).anyMatch(s -> s.startsWith("operator,s,1 "));
        assertThat(call.finalVariables()).containsEntry("INTAKE_STEP", "SUBMIT");
        assertThat(metrics.snapshot().abandoned()).isZero();
        assertThat(desk.submitted()).isEmpty();
    }

    @Test
    void aRealHangUpIsStillAHangUp() {
        CallRecord call = call(Set.of(), press("1"), press("1"), hangsUp());

        assertThat(call.callerHungUp()).isTrue();
        assertThat(call.commands()).contains("CHANNEL STATUS");
        assertThat(call.agiExchanges()).filteredOn(e -> e.command().equals("CHANNEL STATUS"))
                .last().satisfies(e -> assertThat(e.firstReply()).startsWith("511"));
        assertThat(metrics.snapshot().abandonedByStep()).containsExactly(Map.entry(IntakeStep.PRODUCT, 1L));
        assertThat(metrics.missingPrompts().total()).isZero();
    }

    private static int indexOf(List<String> commands, String prefix) {
        for (int i = 0; i < commands.size(); i++) {
            if (commands.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no command " + prefix + " in " + commands);
    }
}
