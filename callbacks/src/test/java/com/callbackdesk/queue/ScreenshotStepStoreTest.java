package com.callbackdesk.queue;

import com.callbackdesk.callback.Actor;
import com.callbackdesk.callback.AuditEntry;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.callback.CallerContacts;
import com.callbackdesk.callback.ScreenshotChoice;
import com.callbackdesk.planning.Urgency;
import com.callbackdesk.screenshot.ScreenshotChannel;
import com.callbackdesk.screenshot.ScreenshotRequest;
import com.callbackdesk.screenshot.StoredFile;
import com.callbackdesk.storage.DatabaseSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The screenshot step's storage: audit rows, what the start-up sweep finds, caller e-mail addresses (V24). */
class ScreenshotStepStoreTest {

    @ParameterizedTest
    @MethodSource(Desk.BOTH)
    void everyMoveOfTheStepIsAnAuditRowOfTheCallback(DatabaseSettings settings) {
        try (Desk desk = new Desk(settings)) {
            long id = desk.intake(Desk.number(1), "router-x", "error-message", Urgency.NORMAL, null,
                    ScreenshotChoice.EMAIL).id();
            ScreenshotRequest req = desk.screenshots.request(id, ScreenshotChannel.SMS, Desk.INTAKE,
                    "e-mail chosen, no address on file");
            desk.screenshots.markSent(req.token(), Desk.number(1), Actor.system("screenshot-link"));
            desk.screenshots.markReceived(req.token(), new StoredFile(id + "/x.png", "image/png", 10),
                    Actor.caller(Desk.number(1)));

            List<AuditEntry> steps = desk.store.history(id).stream()
                    .filter(e -> e.action() == AuditEntry.Action.SCREENSHOT).toList();
            assertThat(steps).extracting(AuditEntry::why).containsExactly("screenshot link requested via SMS",
                    "screenshot step sent", "screenshot step received");
            assertThat(steps.get(0).detail()).contains("no address on file");
            assertThat(steps.get(1).detail()).contains("REQUESTED → SENT").contains("sentTo: " + Desk.number(1));
            assertThat(steps.get(2).detail()).contains("SENT → RECEIVED").contains("image/png");
            assertThat(steps.get(2).actor()).isEqualTo(Actor.caller(Desk.number(1)));
            assertThat(steps).allSatisfy(e -> assertThat(e.newState()).isEqualTo(CallbackState.PENDING));
            ScreenshotRequest stored = desk.screenshots.findByToken(req.token()).orElseThrow();
            assertThat(stored.sentTo()).isEqualTo(Desk.number(1));
            assertThat(stored.note()).isEqualTo("e-mail chosen, no address on file");
        }
    }

    @ParameterizedTest
    @MethodSource(Desk.BOTH)
    void theSweepFindsOpenCallbacksWhoseLinkNeverWentOut(DatabaseSettings settings) {
        try (Desk desk = new Desk(settings)) {
            long noRequest = desk.intake(Desk.number(1), "router-x", "error-message", Urgency.NORMAL, null,
                    ScreenshotChoice.SMS).id();
            long requested = desk.intake(Desk.number(2), "router-x", "error-message", Urgency.NORMAL, null,
                    ScreenshotChoice.EMAIL).id();
            ScreenshotRequest pending = desk.screenshots.request(requested, ScreenshotChannel.EMAIL, Desk.INTAKE);
            long sent = desk.intake(Desk.number(3), "router-x", "error-message", Urgency.NORMAL, null,
                    ScreenshotChoice.SMS).id();
            desk.screenshots.markSent(desk.screenshots.request(sent, ScreenshotChannel.SMS, Desk.INTAKE).token(),
                    Desk.INTAKE);
            desk.intake(Desk.number(4), "router-x", "no-internet", Urgency.NORMAL, null, ScreenshotChoice.NOT_NEEDED);
            desk.intake(Desk.number(5), "router-x", "error-message", Urgency.NORMAL, null, ScreenshotChoice.DECLINED);
            long cancelled = desk.intake(Desk.number(6), "router-x", "error-message", Urgency.NORMAL, null,
                    ScreenshotChoice.SMS).id();
            desk.store.lifecycle().transition(cancelled, CallbackState.PENDING, CallbackState.CANCELLED,
                    Actor.caller(Desk.number(6)), "solved");

            assertThat(desk.screenshots.callbacksWithoutRequest()).containsExactly(noRequest);
            assertThat(desk.screenshots.requestIfNone(requested, ScreenshotChannel.SMS, Desk.INTAKE, null)).isEmpty();
            assertThat(desk.screenshots.forCallback(requested)).hasSize(1);
            assertThat(desk.screenshots.awaitingSend()).extracting(ScreenshotRequest::token)
                    .containsExactly(pending.token());
        }
    }

    @ParameterizedTest
    @MethodSource(Desk.BOTH)
    void aCallersEmailAddressIsSetReplacedAndValidatedByField(DatabaseSettings settings) {
        try (Desk desk = new Desk(settings)) {
            CallerContacts contacts = new CallerContacts(desk.db, desk.clock);
            assertThat(contacts.emailOf(Desk.number(1))).isEmpty();
            contacts.setEmail(Desk.number(1), " Mei.Lin@Example.COM ", Desk.SAM, "caller gave it on the phone");
            assertThat(contacts.emailOf(Desk.number(1))).contains("Mei.Lin@example.com");
            contacts.setEmail(Desk.number(1), "mei@example.tw", Desk.SAM, "new address");
            assertThat(contacts.emailOf(Desk.number(1))).contains("mei@example.tw");

            assertThatThrownBy(() -> contacts.setEmail("0912345678", "a@b.tw", Desk.SAM, "x"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("callbackNumber");
            assertThatThrownBy(() -> contacts.setEmail(Desk.number(2), "not-an-address", Desk.SAM, "x"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("email");
            assertThatThrownBy(() -> contacts.setEmail(Desk.number(2), "a@b.tw", Desk.SAM, " "))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("why");
            assertThat(contacts.emailOf(Desk.number(2))).isEmpty();
        }
    }
}
