package com.callbackdesk.http.api;

import com.callbackdesk.routes.screenshot.ResendLink;
import com.callbackdesk.routes.screenshot.ScreenshotRoute;
import com.callbackdesk.screenshot.ScreenshotChannel;
import com.callbackdesk.screenshot.ScreenshotCompletion;
import com.callbackdesk.screenshot.ScreenshotRequest;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The screenshot step handled from the desk: {@code POST /api/callbacks/{id}/screenshot} (received by
 * other means / declined on the phone, with a reason) and {@code POST /api/callbacks/{id}/screenshot/resend}
 * (the link again, through the screenshot route that sent the first one). The consultant holding
 * the callback or a supervisor; thin, as every handler: the desk's {@code ScreenshotSteps} decides.
 */
final class ScreenshotHandlers {

    private static final Logger LOG = LogManager.getLogger(ScreenshotHandlers.class);

    private final ApiServices desk;
    private final CamelContext camel;
    private volatile ProducerTemplate producer;

    ScreenshotHandlers(ApiServices desk, CamelContext camel) {
        this.desk = desk;
        this.camel = camel;
    }

    /** {@code POST /api/callbacks/{id}/screenshot}'s body. */
    record CompletionRequest(String outcome, String reason) {
    }

    record Completion(long callbackId, String outcome, String reason, String recordedBy, String recordedAt,
                      boolean stepDone) {
    }

    /** {@code POST /api/callbacks/{id}/screenshot/resend}'s body (optional: the caller's choice, the address on file). */
    record ResendRequest(String channel, String email) {
    }

    record Resent(long callbackId, String channel, String state, String requestedAt, String note) {
    }

    ApiResponse complete(ApiCall call) {
        long id = call.id();
        var who = call.deskActor();
        CompletionRequest request = call.bind(CompletionRequest.class);
        ScreenshotCompletion.Kind kind = ApiCall.requiredEnum("outcome", ScreenshotCompletion.Kind.class,
                request.outcome());
        String reason = ApiCall.required("reason", request.reason()).strip();
        if (reason.length() > ScreenshotCompletion.MAX_REASON) {
            throw ApiException.badRequest("reason", "at most " + ScreenshotCompletion.MAX_REASON + " characters");
        }
        desk.callback(id);
        ScreenshotCompletion done = desk.screenshotSteps().complete(id, who, kind, reason);
        return ApiResponse.ok(new Completion(id, done.kind().name(), done.reason(), done.recordedBy(),
                done.recordedAt().toString(), true));
    }

    ApiResponse resend(ApiCall call) {
        long id = call.id();
        var who = call.deskActor();
        ResendRequest request = call.hasBody() ? call.bind(ResendRequest.class) : new ResendRequest(null, null);
        ScreenshotChannel channel = ApiCall.optionalEnum("channel", ScreenshotChannel.class, request.channel());
        desk.callback(id);
        if (camel.getRoute("screenshot-resend") == null) {
            throw new ApiException(503, "unavailable", null, "Screenshot links are not sent from this process", null);
        }
        ScreenshotRequest sent = producer().requestBody(ScreenshotRoute.RESEND,
                new ResendLink(id, who, channel, request.email()), ScreenshotRequest.class);
        LOG.info("Screenshot link of callback {} sent again via {} by {}", id, sent.channel(), who);
        return ApiResponse.status(202, new Resent(id, sent.channel().name(), sent.state().name(),
                sent.requestedAt().toString(), sent.note()));
    }

    private ProducerTemplate producer() {
        if (producer == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = camel.createProducerTemplate();
                }
            }
        }
        return producer;
    }
}
