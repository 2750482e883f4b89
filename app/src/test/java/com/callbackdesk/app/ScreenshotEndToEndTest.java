package com.callbackdesk.app;

import com.callbackdesk.server.AppConfig;
import com.callbackdesk.server.CallbackDesk;
import com.callbackdesk.callback.Actor;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.dialplan.Dialplan;
import com.callbackdesk.pbxsim.CallRecord;
import com.callbackdesk.pbxsim.CallerPersona;
import com.callbackdesk.pbxsim.PbxSettings;
import com.callbackdesk.pbxsim.SimulatedPbx;
import com.callbackdesk.routes.screenshot.LinkMessage;
import com.callbackdesk.screenshot.ScreenshotChannel;
import com.callbackdesk.screenshot.ScreenshotRequest;
import com.callbackdesk.screenshot.ScreenshotState;
import com.callbackdesk.storage.DatabaseSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The screenshot step through the whole app: a pbx-sim caller with an error message chooses the link by
 * e-mail over FastAGI; the address on file (set as the `contact` command does) gets it; the
 * caller opens the link on the app's HTTP listener and uploads; the cancel link of another caller
 * cancels theirs. H2 and PostgreSQL.
 */
class ScreenshotEndToEndTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T02:00:00Z"), ZoneId.of("Asia/Taipei"));
    private static final Pattern UPLOAD = Pattern.compile("(http://\\S+/s/[A-Za-z0-9_-]+)");
    private static final Pattern CANCEL = Pattern.compile("(http://\\S+/c/[A-Za-z0-9_-]+)");

    @TempDir
    Path dataDir;
    private CallbackDesk desk;
    private SimulatedPbx pbx;
    private final HttpClient http = HttpClient.newHttpClient();

    private void start(DatabaseSettings db) throws Exception {
        AppConfig config = AppConfig.defaults();
        config.database.url = db.jdbcUrl();
        config.database.user = db.user();
        config.database.password = db.password();
        config.database.dataDir = dataDir.toString();
        config.fastagi.port = 0;
        config.http.port = com.callbackdesk.http.HttpSettings.freePort();   // never the fixed 8080 in tests
        desk = CallbackDesk.start(config, CLOCK);
        pbx = new SimulatedPbx(Dialplan.loadDefault(), PbxSettings.defaults()
                .withGlobalOverrides(Map.of("FASTAGI", "agi://127.0.0.1:" + desk.fastAgiPort())));
    }

    @AfterEach
    void stop() {
        if (pbx != null) {
            pbx.close();
        }
        if (desk != null) {
            desk.close();
        }
    }

    @ParameterizedTest
    @MethodSource("com.callbackdesk.storage.TestDatabases#both")
    void aCallerChoosesEmailGetsTheLinkAndUploadsOnTheAppsListener(DatabaseSettings db) throws Exception {
        start(db);
        desk.callerContacts().setEmail("+886223456789", "mei@example.tw", Actor.system("cli"), "on the phone");

        // English, number read back, router, error message (needs a screen), normal, until the office closes, e-mail.
        CallRecord call = pbx.call(CallerPersona.named("mei").callerId("+886223456789")
                .press("1").press("1").press("1").press("2").press("1").press("*").press("2").build());

        assertThat(call.finalVariables()).containsEntry("INTAKE_RESULT", "ACCEPTED");
        long id = Long.parseLong(call.finalVariables().get("CALLBACK_ID"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !desk.screenshotOutbox().isEmpty());
        LinkMessage sent = desk.screenshotOutbox().get(0);
        assertThat(sent.callbackId()).isEqualTo(id);
        assertThat(sent.channel()).isEqualTo(ScreenshotChannel.EMAIL);
        assertThat(sent.to()).isEqualTo("mei@example.tw");
        await().atMost(Duration.ofSeconds(5)).until(() -> state(id) == ScreenshotState.SENT);

        Matcher upload = UPLOAD.matcher(sent.text());
        assertThat(upload.find()).isTrue();
        assertThat(upload.group(1)).startsWith(desk.http().baseUrl() + "/s/");
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(upload.group(1))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Upload screenshot");
        byte[] gif = "GIF89a-a-tiny-picture".getBytes();
        HttpResponse<String> done = http.send(HttpRequest.newBuilder(URI.create(upload.group(1)))
                .header("Content-Type", "image/gif").POST(HttpRequest.BodyPublishers.ofByteArray(gif)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(done.statusCode()).isEqualTo(200);
        ScreenshotRequest received = desk.screenshots().forCallback(id).get(0);
        assertThat(received.state()).isEqualTo(ScreenshotState.RECEIVED);
        assertThat(Files.readAllBytes(dataDir.resolve("screenshots").resolve(received.file().path()))).isEqualTo(gif);
    }

    @ParameterizedTest
    @MethodSource("com.callbackdesk.storage.TestDatabases#both")
    void theCancelLinkInTheSmsCancelsTheCallback(DatabaseSettings db) throws Exception {
        start(db);
        // No address on file and SMS chosen: by SMS.
        CallRecord call = pbx.call(CallerPersona.named("wei").callerId("+886912345678")
                .press("1").press("1").press("1").press("2").press("1").press("*").press("1").build());
        long id = Long.parseLong(call.finalVariables().get("CALLBACK_ID"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !desk.screenshotOutbox().isEmpty());
        Matcher cancel = CANCEL.matcher(desk.screenshotOutbox().get(0).text());
        assertThat(cancel.find()).isTrue();

        HttpResponse<String> done = http.send(HttpRequest.newBuilder(URI.create(cancel.group(1)))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(desk.store().find(id).orElseThrow().state()).isEqualTo(CallbackState.CANCELLED);
        assertThat(desk.scheduler().scheduled(id)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("com.callbackdesk.storage.TestDatabases#both")
    void aLinkCommittedBeforeACrashIsSentWhenTheDeskStartsAgain(DatabaseSettings db) throws Exception {
        if (db.jdbcUrl().startsWith("jdbc:h2:mem:")) {
            // In-memory H2 ends with its last connection; a restart needs the embedded file database.
            db = DatabaseSettings.embeddedDefault(dataDir.resolve("h2"));
        }
        // The process stopped right after the commit: a callback that chose SMS and has no request.
        long id;
        try (com.callbackdesk.storage.Database before = com.callbackdesk.storage.Database.open(db)) {
            id = new com.callbackdesk.callback.CallbackStore(before, CLOCK).intakes().record(
                    new com.callbackdesk.callback.NewCallback("1795550000.1", "PJSIP/trunk-1", "+886912345678",
                            "+886912345678", com.callbackdesk.callback.NumberSource.CALLER_ID, "en", "ROUTER",
                            "ERROR_MESSAGE", com.callbackdesk.planning.Urgency.NORMAL, null,
                            com.callbackdesk.callback.ScreenshotChoice.SMS, CLOCK.instant()),
                    Actor.system("intake-route")).callback().id();
        }

        start(db);

        await().atMost(Duration.ofSeconds(10)).until(() -> state(id) == ScreenshotState.SENT);
        assertThat(desk.screenshotOutbox()).extracting(LinkMessage::callbackId).containsExactly(id);
    }

    private ScreenshotState state(long id) {
        var r = desk.screenshots().forCallback(id);
        return r.isEmpty() ? null : r.get(0).state();
    }
}
