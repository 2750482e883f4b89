package com.callbackdesk.http.api;

import com.callbackdesk.callback.Callback;
import com.callbackdesk.callback.NumberSource;
import com.callbackdesk.callback.ScreenshotChoice;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.planning.EscalationLevel;
import com.callbackdesk.planning.Urgency;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The API's one Jackson configuration writes docs/API.md's shapes byte for byte (documented field
 * order, nulls written, optional error fields left out) and binds request bodies strictly, naming
 * the field that has the wrong JSON type.
 */
class ApiJsonTest {

    private final ApiJson json = new ApiJson();

    private String write(Object o) throws Exception {
        return new String(json.write(o), StandardCharsets.UTF_8);
    }

    @Test
    void aCallbackIsWrittenInTheDocumentedOrderWithItsNulls() throws Exception {
        Callback c = new Callback(7, CallbackState.QUEUED, null, "+31201234567", NumberSource.ENTERED, "nl",
                "ROUTER", "NO_INTERNET", Urgency.URGENT, LocalTime.of(17, 30), ScreenshotChoice.SMS,
                EscalationLevel.NORMAL, "1772.1", Instant.parse("2026-03-03T08:00:00Z"),
                Instant.parse("2026-03-03T08:05:00.250Z"), 2, null, Instant.parse("2026-03-03T09:00:00Z"), 3);
        assertThat(write(Views.callback(c))).isEqualTo("{\"id\":7,\"state\":\"QUEUED\",\"callerId\":null,"
                + "\"callbackNumber\":\"+31201234567\",\"numberSource\":\"ENTERED\",\"language\":\"nl\","
                + "\"product\":\"ROUTER\",\"category\":\"NO_INTERNET\",\"urgency\":\"URGENT\","
                + "\"reachableUntil\":\"17:30\",\"screenshotChoice\":\"SMS\",\"escalationLevel\":\"NORMAL\","
                + "\"callUniqueId\":\"1772.1\",\"createdAt\":\"2026-03-03T08:00:00Z\","
                + "\"updatedAt\":\"2026-03-03T08:05:00.250Z\",\"mergeCount\":2,\"notBefore\":null,"
                + "\"plannedAt\":\"2026-03-03T09:00:00Z\",\"policyVersion\":3,\"callerZone\":\"Europe/Amsterdam\"}");
    }

    @Test
    void anErrorAlwaysHasItsFieldAndOnlyTheRuleAndErrorsItHas() throws Exception {
        assertThat(write(ErrorBody.of(ApiException.conflict("taken"))))
                .isEqualTo("{\"status\":409,\"error\":\"conflict\",\"field\":null,\"message\":\"taken\"}");
        ApiException invalid = new ApiException(400, "bad_request", "policy.maxAttempts", "bad", null)
                .withErrors(List.of(new FieldProblem("maxAttempts", "must be 1-20")));
        assertThat(write(ErrorBody.of(invalid))).isEqualTo("{\"status\":400,\"error\":\"bad_request\","
                + "\"field\":\"policy.maxAttempts\",\"message\":\"bad\","
                + "\"errors\":[{\"field\":\"maxAttempts\",\"rule\":\"must be 1-20\"}]}");
    }

    @Test
    void theNextAttemptHasOnlyTheFieldsOfItsKind() throws Exception {
        assertThat(write(new CallHandlers.NotPlannedView(false, null)))
                .isEqualTo("{\"planned\":false,\"reason\":null}");
    }

    @Test
    void aBodyIsBoundWithoutCoercingOneJsonTypeIntoAnother() {
        assertBadRequest("{\"email\":42,\"why\":\"x\"}", CallbackHandlers.EmailRequest.class, "email",
                "email: must be a string");
        assertBadRequest("{\"basedOn\":\"1\"}", PolicyHandlers.PolicyRequest.class, "basedOn",
                "basedOn: must be a whole number");
        assertBadRequest("{\"basedOn\":1.5}", PolicyHandlers.PolicyRequest.class, "basedOn",
                "basedOn: must be a whole number");
        assertBadRequest("{\"basedOn\":99999999999}", PolicyHandlers.PolicyRequest.class, "basedOn",
                "basedOn: must be a whole number");
        assertBadRequest("{\"login\":true}", SessionHandlers.LoginRequest.class, "login",
                "login: must be a string");
        assertBadRequest("[1]", SessionHandlers.LoginRequest.class, "body", "body: must be a JSON object");
        assertBadRequest("", SessionHandlers.LoginRequest.class, "body", "body: a JSON object is required");
    }

    @Test
    void unknownFieldsAreIgnoredAndAbsentHolderDiffersFromNull() {
        var absent = json.bind(bytes("{\"consultant\":\"alice\",\"why\":\"sick\",\"extra\":1}"),
                ClaimHandlers.AssignRequest.class);
        var queued = json.bind(bytes("{\"consultant\":\"alice\",\"why\":\"sick\",\"holder\":null}"),
                ClaimHandlers.AssignRequest.class);
        assertThat(absent.holder()).isNull();
        assertThat(queued.holder()).isNotNull();
        assertThat(queued.holder().isNull()).isTrue();
    }

    private void assertBadRequest(String body, Class<?> type, String field, String message) {
        assertThatThrownBy(() -> json.bind(bytes(body), type))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
