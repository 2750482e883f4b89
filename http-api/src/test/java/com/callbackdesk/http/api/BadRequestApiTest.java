package com.callbackdesk.http.api;

import com.callbackdesk.callback.Callback;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.storage.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every bad input answers 400 with JSON naming the field, and changes nothing. */
class BadRequestApiTest {

    private ApiFixture f;
    private Callback connected;
    private ApiFixture.Auth alice;
    private ApiFixture.Auth sue;

    @BeforeEach
    void start() throws Exception {
        f = new ApiFixture(TestDatabases.h2());
        f.consultant("alice", "ROUTER");
        f.supervisor("sue");
        connected = f.queued(ApiFixture.number(1), "ROUTER");
        f.desk.queue().claimNext("alice");
        f.desk.outcomes().startDialing(connected.id(), com.callbackdesk.callback.Actor.system("dialer"), null);
        f.desk.outcomes().answered(connected.id(), com.callbackdesk.callback.Actor.system("dialer"), null);
        alice = f.login("alice");
        sue = f.login("sue");
    }

    @AfterEach
    void close() {
        f.close();
    }

    static Stream<Arguments> badInputs() {
        String cb = "/api/callbacks/{id}";
        return Stream.of(
                Arguments.of("POST", "/api/login", "{\"login\":\"alice\"}", "password", false),
                Arguments.of("POST", "/api/login", "not json", "body", false),
                Arguments.of("POST", "/api/login", "[1,2]", "body", false),
                Arguments.of("GET", "/api/queue?limit=abc", null, "limit", false),
                Arguments.of("GET", "/api/queue?limit=0", null, "limit", false),
                Arguments.of("GET", "/api/queue?limit=501", null, "limit", false),
                Arguments.of("PUT", "/api/me", "{\"state\":\"SLEEPING\"}", "state", false),
                Arguments.of("PUT", "/api/me", "{\"state\":\"ON_CALL\"}", "state", false),
                Arguments.of("PUT", "/api/me", "{}", "state", false),
                Arguments.of("GET", "/api/callbacks/abc", null, "id", false),
                Arguments.of("GET", "/api/callbacks/-4", null, "id", false),
                Arguments.of("POST", cb + "/outcome", "{}", "outcome", false),
                Arguments.of("POST", cb + "/outcome", "{\"outcome\":\"SOLVED_ITSELF\"}", "outcome", false),
                Arguments.of("POST", cb + "/outcome", "{\"outcome\":7}", "outcome", false),
                Arguments.of("POST", cb + "/outcome", "{\"outcome\":\"CALL_BACK_AT\"}", "callBackAt", false),
                Arguments.of("POST", cb + "/outcome", "{\"outcome\":\"CALL_BACK_AT\",\"callBackAt\":\"tomorrow\"}", "callBackAt", false),
                Arguments.of("POST", cb + "/outcome", "{\"outcome\":\"RESOLVED\",\"callBackAt\":\"2026-03-04T06:00:00Z\"}", "callBackAt", false),
                Arguments.of("POST", cb + "/outcome", "{\"outcome\":\"ESCALATE\"}", "escalateTo", false),
                Arguments.of("POST", cb + "/outcome", "{\"outcome\":\"ESCALATE\",\"escalateTo\":\"NORMAL\"}", "escalateTo", false),
                Arguments.of("POST", cb + "/outcome", "{\"outcome\":\"ESCALATE\",\"escalateTo\":\"HIGH\"}", "escalateTo", false),
                Arguments.of("POST", cb + "/outcome", "{\"outcome\":\"RESOLVED\",\"note\":\"" + "x".repeat(4001) + "\"}", "note", false),
                Arguments.of("POST", cb + "/outcome", "{\"outcome\":\"CONSULTANT_NO_ANSWER\"}", "outcome", false),
                Arguments.of("POST", cb + "/notes", "{\"body\":\"   \"}", "body", false),
                Arguments.of("POST", cb + "/notes", "{}", "body", false),
                Arguments.of("POST", cb + "/notes", "", "body", false),
                Arguments.of("PUT", cb + "/email", "{\"why\":\"asked\"}", "email", false),
                Arguments.of("PUT", cb + "/email", "{\"email\":\"kim at example.com\",\"why\":\"asked\"}", "email", false),
                Arguments.of("PUT", cb + "/email", "{\"email\":\"kim@example\",\"why\":\"asked\"}", "email", true),
                Arguments.of("PUT", cb + "/email", "{\"email\":42,\"why\":\"asked\"}", "email", false),
                Arguments.of("PUT", cb + "/email", "{\"email\":\"kim@example.com\"}", "why", false),
                Arguments.of("PUT", cb + "/email", "{\"email\":\"kim@example.com\",\"why\":\" \"}", "why", true),
                Arguments.of("POST", cb + "/release", "{}", "why", false),
                Arguments.of("POST", cb + "/release", "{\"why\":\"  \"}", "why", false),
                Arguments.of("POST", cb + "/release", "{\"why\":\"" + "x".repeat(1001) + "\"}", "why", true),
                Arguments.of("POST", cb + "/release", "", "body", false),
                Arguments.of("POST", "/api/callbacks/abc/release", "{\"why\":\"x\"}", "id", false),
                Arguments.of("POST", cb + "/assign", "{\"why\":\"sick\"}", "consultant", true),
                Arguments.of("POST", cb + "/assign", "{\"consultant\":\" \",\"why\":\"sick\"}", "consultant", true),
                Arguments.of("POST", cb + "/assign", "{\"consultant\":7,\"why\":\"sick\"}", "consultant", true),
                Arguments.of("POST", cb + "/assign", "{\"consultant\":\"nobody\",\"why\":\"sick\"}", "consultant", true),
                Arguments.of("POST", cb + "/assign", "{\"consultant\":\"alice\"}", "why", true),
                Arguments.of("POST", cb + "/assign", "{\"consultant\":\"alice\",\"why\":\"\"}", "why", true),
                Arguments.of("GET", "/api/assignments?limit=0", null, "limit", true),
                Arguments.of("GET", "/api/audit?source=everything", null, "source", true),
                Arguments.of("GET", "/api/audit?size=0", null, "size", true),
                Arguments.of("GET", "/api/audit?page=-1", null, "page", true),
                Arguments.of("GET", "/api/audit?from=yesterday", null, "from", true),
                Arguments.of("GET", "/api/audit?source=policy&callbackId=3", null, "callbackId", true),
                Arguments.of("GET", "/api/dashboard?from=2026-03-04T00:00:00Z&to=2026-03-03T00:00:00Z", null, "to", true),
                Arguments.of("POST", "/api/policy/validate", "{}", "policy", true),
                Arguments.of("PUT", "/api/policy", "{\"policy\":\"maxAttempts: 3\",\"reason\":\"fewer\"}", "basedOn", true),
                Arguments.of("PUT", "/api/policy", "{\"policy\":\"maxAttempts: 3\",\"basedOn\":1}", "reason", true),
                Arguments.of("PUT", "/api/policy", "{\"policy\":\"maxAttempts: 3\",\"basedOn\":\"one\",\"reason\":\"x\"}", "basedOn", true),
                Arguments.of("PUT", "/api/policy", "{\"policy\":42,\"basedOn\":1,\"reason\":\"x\"}", "policy", true));
    }

    @ParameterizedTest(name = "{0} {1} {2} → 400 {3}")
    @MethodSource("badInputs")
    void answers400NamingTheField(String method, String path, String body, String field, boolean supervisor)
            throws Exception {
        String before = f.store.history(connected.id()).toString() + f.desk.notes().list(connected.id())
                + f.policies.history().size() + f.desk.contacts().emailOf(connected.callbackNumber());
        ApiFixture.Reply r = f.send(method, path.replace("{id}", Long.toString(connected.id())), body,
                supervisor ? sue : alice);
        assertThat(r.status()).as(r.raw().body()).isEqualTo(400);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(r.json().get("error").asText()).isEqualTo("bad_request");
        assertThat(r.json().get("field").asText()).isEqualTo(field);
        assertThat(r.json().get("message").asText()).contains(field);
        assertThat(f.store.history(connected.id()).toString() + f.desk.notes().list(connected.id())
                + f.policies.history().size() + f.desk.contacts().emailOf(connected.callbackNumber()))
                .as("nothing written").isEqualTo(before);
        assertThat(f.store.find(connected.id()).orElseThrow().state()).isEqualTo(CallbackState.CONNECTED);
    }

    @Test
    void anInvalidPolicyNamesEachFieldAndRule() throws Exception {
        String policy = "{\"policy\":{\"firstAttemptDelay\":{\"NORMAL\":\"20m\",\"URGENT\":\"1h\"},\"minimumGap\":\"15m\","
                + "\"endOfDayLead\":\"9h\",\"outcomes\":{\"NO_ANSWER\":{\"retryAfter\":\"1h\"},\"BUSY\":{\"retryAfter\":\"15m\"},"
                + "\"CONGESTION\":{\"retryAfter\":\"10m\"},\"LEFT_FOR_THE_DAY\":\"nextBusinessMorning\",\"CALL_BACK_AT\":\"atCallerTime\"},"
                + "\"rotation\":{\"dailyShift\":\"2h\"},\"maxAttempts\":6,\"expiry\":{\"businessDays\":5}},"
                + "\"basedOn\":1,\"reason\":\"try\"}";
        ApiFixture.Reply r = f.put("/api/policy", policy, sue);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("field").asText()).startsWith("policy.");
        assertThat(r.json().get("errors")).extracting(e -> e.get("field").asText())
                .contains("endOfDayLead", "firstAttemptDelay.URGENT");
        assertThat(f.policies.history()).hasSizeLessThanOrEqualTo(1);
    }
}
