package com.callbackdesk.http.api;

import com.callbackdesk.callback.Callback;
import com.callbackdesk.storage.DatabaseSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.PreparedStatement;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;

/** PUT /api/callbacks/{id}/email sets the address on file for the callback's number (CallerContacts); GET shows it. */
class CallerEmailApiTest {

    private ApiFixture f;

    @AfterEach
    void close() {
        if (f != null) {
            f.close();
        }
    }

    @ParameterizedTest
    @MethodSource("com.callbackdesk.storage.TestDatabases#both")
    void consultantAndSupervisorSetTheAddressOnFileForTheNumber(DatabaseSettings settings) throws Exception {
        f = new ApiFixture(settings);
        f.consultant("alice", "ROUTER");
        f.supervisor("sue");
        String number = ApiFixture.number(7);
        Callback c = f.queued(number, "ROUTER");
        Callback other = f.queued(ApiFixture.number(8), "ROUTER");
        ApiFixture.Auth alice = f.login("alice");
        ApiFixture.Auth sue = f.login("sue");

        String path = "/api/callbacks/" + c.id();
        assertThat(f.get(path, alice).json().get("email").isNull()).as("nothing on file yet").isTrue();

        ApiFixture.Reply set = f.put(path + "/email", "{\"email\":\" Kim@Example.COM \",\"why\":\"caller spelled it\"}", alice);
        assertThat(set.status()).as(set.raw().body()).isEqualTo(200);
        assertThat(set.json().get("callbackId").asLong()).isEqualTo(c.id());
        assertThat(set.json().get("callbackNumber").asText()).isEqualTo(number);
        assertThat(set.json().get("email").asText()).isEqualTo("Kim@example.com");
        assertThat(f.get(path, alice).json().get("email").asText()).isEqualTo("Kim@example.com");
        assertThat(f.get("/api/callbacks/" + other.id(), alice).json().get("email").isNull())
                .as("another number is untouched").isTrue();
        assertThat(row(number)).isEqualTo("Kim@example.com|consultant:alice|caller spelled it");

        ApiFixture.Reply bySupervisor = f.put(path + "/email", "{\"email\":\"kim@example.org\",\"why\":\"typo fixed\"}", sue);
        assertThat(bySupervisor.status()).as(bySupervisor.raw().body()).isEqualTo(200);
        assertThat(f.get(path, alice).json().get("email").asText()).isEqualTo("kim@example.org");
        assertThat(row(number)).isEqualTo("kim@example.org|supervisor:sue|typo fixed");
        assertThat(f.desk.contacts().emailOf(number)).as("the one store the screenshot step reads").contains("kim@example.org");

        ApiFixture.Reply bad = f.put(path + "/email", "{\"email\":\"not-an-address\",\"why\":\"x\"}", sue);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("field").asText()).isEqualTo("email");
        assertThat(row(number)).as("nothing lost").isEqualTo("kim@example.org|supervisor:sue|typo fixed");

        assertThat(f.put("/api/callbacks/999999/email", "{\"email\":\"a@b.cd\",\"why\":\"x\"}", alice).status())
                .isEqualTo(404);
        assertThat(f.put(path + "/email", "{\"email\":\"a@b.cd\",\"why\":\"x\"}", ApiFixture.Auth.NONE).status())
                .isEqualTo(401);
    }

    private String row(String number) throws Exception {
        try (var c = f.db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT email, updated_by, why FROM caller_contact WHERE callback_number = ?")) {
            ps.setString(1, number);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                String r = rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3);
                assertThat(rs.next()).isFalse();
                return r;
            }
        }
    }
}
