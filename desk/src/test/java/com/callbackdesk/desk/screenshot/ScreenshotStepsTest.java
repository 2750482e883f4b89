package com.callbackdesk.desk.screenshot;

import com.callbackdesk.callback.Actor;
import com.callbackdesk.callback.AuditEntry;
import com.callbackdesk.callback.Callback;
import com.callbackdesk.callback.InvalidFieldException;
import com.callbackdesk.callback.NewCallback;
import com.callbackdesk.callback.NumberSource;
import com.callbackdesk.callback.ScreenshotChoice;
import com.callbackdesk.consultant.ConsultantProfile;
import com.callbackdesk.consultant.ConsultantState;
import com.callbackdesk.desk.Desk;
import com.callbackdesk.desk.DeskFixture;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.planning.Urgency;
import com.callbackdesk.queue.ClaimRefusedException;
import com.callbackdesk.queue.Outcome;
import com.callbackdesk.queue.OutcomeRefusedException;
import com.callbackdesk.screenshot.ResendTooSoonException;
import com.callbackdesk.screenshot.ScreenshotChannel;
import com.callbackdesk.screenshot.ScreenshotCompletion;
import com.callbackdesk.screenshot.ScreenshotRequest;
import com.callbackdesk.screenshot.ScreenshotState;
import com.callbackdesk.storage.DatabaseSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The screenshot step handled by desk staff ({@link ScreenshotSteps}), on H2 and PostgreSQL:
 * "resolved" is refused in plain words until the step is done, then allowed once the holder (or a
 * supervisor) records it received by other means or declined on the phone, with a reason, audited;
 * the link goes again by SMS or e-mail through the sending port, at most once a minute.
 */
class ScreenshotStepsTest {

    private static final String BOTH = "com.callbackdesk.storage.TestDatabases#both";
    private static final Actor DIALER = Actor.system("dialer");
    private static final Actor ALICE = Actor.consultant("alice");
    private static final Actor BOB = Actor.consultant("bob");
    private static final Actor SAM = Actor.supervisor("sam");
    private static final String CALLER = "+886223456789";

    private DeskFixture fixture;
    private Desk desk;
    /** What went through the sending port, in order. */
    private final List<ScreenshotRequest> sent = new ArrayList<>();
    private final LinkSending port = (request, callback) -> sent.add(request);

    @AfterEach
    void close() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private void open(DatabaseSettings settings) {
        fixture = DeskFixture.open(settings);
        desk = fixture.desk();
        for (String login : List.of("alice", "bob")) {
            desk.consultants().add(new ConsultantProfile(login, login, "IN_HOUSE", Set.of("ROUTER"), "PJSIP/" + login,
                    false), SAM, "hired");
        }
        desk.consultants().setState("alice", ConsultantState.AVAILABLE, ALICE, "logged in");
    }

    /** An error-message callback (needs a screen) whose link went by SMS, alice talking to the caller. */
    private long connected(ScreenshotChoice choice) {
        Callback c = desk.store().intakes().record(new NewCallback("1795000000.101", "PJSIP/trunk-1", CALLER, CALLER,
                NumberSource.CALLER_ID, "en", "ROUTER", "ERROR_MESSAGE", Urgency.NORMAL, null, choice,
                fixture.clock().instant()), Actor.system("test")).callback();
        if (choice == ScreenshotChoice.SMS) {
            ScreenshotRequest r = desk.screenshots().request(c.id(), ScreenshotChannel.SMS, Actor.system("screenshot-link"));
            desk.screenshots().markSent(r.token(), CALLER, Actor.system("screenshot-link"));
        }
        desk.planning().planNext(c.id(), "new request");
        fixture.clock().advance(Duration.ofMinutes(20));
        desk.store().lifecycle().transition(c.id(), CallbackState.SCHEDULED, CallbackState.QUEUED,
                Actor.system("scheduler"), "due");
        assertThat(desk.queue().claimNext("alice").orElseThrow().callbackId()).isEqualTo(c.id());
        desk.outcomes().startDialing(c.id(), ALICE, null);
        desk.outcomes().answered(c.id(), DIALER, null);
        return c.id();
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void resolvedIsRefusedInPlainWordsUntilTheHolderRecordsItReceivedByOtherMeans(DatabaseSettings db) {
        open(db);
        long id = connected(ScreenshotChoice.SMS);

        assertThatThrownBy(() -> desk.outcomes().record(id, ALICE, Outcome.resolved(), null))
                .isInstanceOfSatisfying(OutcomeRefusedException.class, e -> assertThat(e.rule())
                        .isEqualTo(OutcomeRefusedException.Rule.SCREENSHOT_BEFORE_RESOLVED))
                .hasMessageContaining("closed as resolved only once the caller's screenshot has arrived")
                .hasMessageContaining("the link was sent but nothing has come back")
                .hasMessageContaining("record that on the screenshot step with a reason")
                .hasMessageContaining("send the link again")
                .hasMessageNotContainingAny("MISSION", "story", "issue");

        // A reason is required, and only the holder (or a supervisor) may record it.
        assertThatThrownBy(() -> desk.screenshotSteps().complete(id, ALICE,
                ScreenshotCompletion.Kind.RECEIVED_OTHER_MEANS, "  "))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("reason"));
        assertThatThrownBy(() -> desk.screenshotSteps().complete(id, ALICE,
                ScreenshotCompletion.Kind.RECEIVED_OTHER_MEANS, "x".repeat(1001)))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("reason"));
        assertThatThrownBy(() -> desk.screenshotSteps().complete(id, BOB,
                ScreenshotCompletion.Kind.RECEIVED_OTHER_MEANS, "I saw it"))
                .isInstanceOf(ClaimRefusedException.class).hasMessageContaining("held by alice");
        assertThat(desk.screenshots().completions(id)).isEmpty();

        ScreenshotCompletion done = desk.screenshotSteps().complete(id, ALICE,
                ScreenshotCompletion.Kind.RECEIVED_OTHER_MEANS, "  caller e-mailed it to support@  ");
        assertThat(done.reason()).isEqualTo("caller e-mailed it to support@");
        assertThat(done.recordedBy()).isEqualTo(ALICE.toString());
        assertThat(done.recordedAt()).isEqualTo(fixture.clock().instant());
        assertThat(desk.screenshots().completions(id)).containsExactly(done);
        AuditEntry audit = desk.store().history(id).stream().filter(e -> e.action() == AuditEntry.Action.SCREENSHOT)
                .reduce((a, b) -> b).orElseThrow();
        assertThat(audit.actor()).isEqualTo(ALICE);
        assertThat(audit.why()).isEqualTo("screenshot received by other means: caller e-mailed it to support@");
        assertThat(audit.detail()).contains("RECEIVED_OTHER_MEANS");

        assertThat(desk.outcomes().record(id, ALICE, Outcome.resolved(), null).callback().state())
                .isEqualTo(CallbackState.RESOLVED);
        // Closed: nothing more to record.
        assertThatThrownBy(() -> desk.screenshotSteps().complete(id, SAM,
                ScreenshotCompletion.Kind.DECLINED_ON_PHONE, "late"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void aSupervisorMayRecordTheCallerDeclinedOnThePhone(DatabaseSettings db) {
        open(db);
        long id = connected(ScreenshotChoice.SMS);

        desk.screenshotSteps().complete(id, SAM, ScreenshotCompletion.Kind.DECLINED_ON_PHONE,
                "caller cannot reach the router's admin page");

        assertThat(desk.store().history(id)).filteredOn(e -> e.action() == AuditEntry.Action.SCREENSHOT
                && e.actor().equals(SAM)).extracting(AuditEntry::why)
                .containsExactly("screenshot declined on the phone: caller cannot reach the router's admin page");
        assertThat(desk.outcomes().record(id, ALICE, Outcome.resolved(), "done").callback().state())
                .isEqualTo(CallbackState.RESOLVED);
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void theLinkGoesAgainAtMostOnceAMinuteByTheChannelChosen(DatabaseSettings db) {
        open(db);
        long id = connected(ScreenshotChoice.SMS);

        // The caller's choice (SMS) when no channel is given; a consultant not holding it may not.
        assertThatThrownBy(() -> desk.screenshotSteps().resend(id, BOB, null, null, port))
                .isInstanceOf(ClaimRefusedException.class);
        ScreenshotRequest again = desk.screenshotSteps().resend(id, ALICE, null, null, port);
        assertThat(again.channel()).isEqualTo(ScreenshotChannel.SMS);
        assertThat(again.state()).isEqualTo(ScreenshotState.REQUESTED);
        assertThat(again.note()).isEqualTo("sent again from the desk");
        assertThat(again.updatedBy()).isEqualTo(ALICE.toString());
        assertThat(sent).containsExactly(again);
        assertThat(desk.store().history(id)).filteredOn(e -> e.action() == AuditEntry.Action.SCREENSHOT
                && e.actor().equals(ALICE)).extracting(AuditEntry::why).containsExactly("screenshot link requested via SMS");

        // 30 s later: too soon, nothing created.
        fixture.clock().advance(Duration.ofSeconds(30));
        assertThatThrownBy(() -> desk.screenshotSteps().resend(id, ALICE, null, null, port))
                .isInstanceOfSatisfying(ResendTooSoonException.class,
                        e -> assertThat(e.retryAfterSeconds()).isEqualTo(30))
                .hasMessageContaining("wait 30 seconds");
        assertThat(desk.screenshots().forCallback(id)).hasSize(2);

        // By e-mail: needs an address — none on file, a bad one, or SMS with an address are refused naming the field.
        fixture.clock().advance(Duration.ofSeconds(31));
        assertField("email", () -> desk.screenshotSteps().resend(id, ALICE, ScreenshotChannel.EMAIL, null, port));
        assertField("email", () -> desk.screenshotSteps().resend(id, ALICE, ScreenshotChannel.EMAIL, "not-an-address", port));
        assertField("email", () -> desk.screenshotSteps().resend(id, ALICE, ScreenshotChannel.SMS, "mei@example.tw", port));
        assertThat(sent).hasSize(1);
        ScreenshotRequest byMail = desk.screenshotSteps().resend(id, SAM, ScreenshotChannel.EMAIL, "mei@example.tw", port);
        assertThat(byMail.channel()).isEqualTo(ScreenshotChannel.EMAIL);
        assertThat(desk.contacts().emailOf(CALLER)).contains("mei@example.tw");
        assertThat(sent).containsExactly(again, byMail);
        // Right after: too soon again, nothing created.
        assertThatThrownBy(() -> desk.screenshotSteps().resend(id, ALICE, null, null, port))
                .isInstanceOf(ResendTooSoonException.class);
        assertThat(desk.screenshots().forCallback(id)).hasSize(3);

        // Once the screenshot is in, there is nothing to send.
        desk.screenshotSteps().complete(id, ALICE, ScreenshotCompletion.Kind.RECEIVED_OTHER_MEANS, "by e-mail");
        fixture.clock().advance(Duration.ofMinutes(2));
        assertThatThrownBy(() -> desk.screenshotSteps().resend(id, ALICE, null, null, port))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already has its screenshot");
        assertThat(sent).hasSize(2);
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void aCallerWhoChoseNoLinkNeedsAChannelPicked(DatabaseSettings db) {
        open(db);
        long id = connected(ScreenshotChoice.NOT_NEEDED);

        assertField("channel", () -> desk.screenshotSteps().resend(id, ALICE, null, null, port));
        ScreenshotRequest first = desk.screenshotSteps().resend(id, ALICE, ScreenshotChannel.SMS, null, port);
        assertThat(first.channel()).isEqualTo(ScreenshotChannel.SMS);
        assertThat(sent).containsExactly(first);
    }

    private static void assertField(String field, Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(InvalidFieldException.class,
                e -> assertThat(e.field()).isEqualTo(field));
    }
}
