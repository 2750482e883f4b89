package com.callbackdesk.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseTest {

    @ParameterizedTest
    @MethodSource("com.callbackdesk.storage.TestDatabases#both")
    void migratesAFreshDatabaseAndReportsItsVendor(DatabaseSettings settings) throws Exception {
        try (Database db = Database.open(settings)) {
            assertThat(db.vendor()).isEqualTo(settings.jdbcUrl().startsWith("jdbc:h2:") ? Vendor.H2 : Vendor.POSTGRESQL);
            assertThat(db.migrationsApplied()).isGreaterThanOrEqualTo(3);
            assertThat(tables(db)).contains("callback", "callback_audit", "callback_merge", "open_callback_number");
        }
    }

    @Test
    void embeddedFileDatabaseKeepsDataAcrossRestartsAndMigratesOnlyOnce(@TempDir Path dir) throws Exception {
        reopenKeepsData(DatabaseSettings.embeddedDefault(dir));
        assertThat(dir.resolve("callbackdesk.mv.db")).exists();
    }

    @Test
    void postgresSchemaKeepsDataAcrossRestartsAndMigratesOnlyOnce() throws Exception {
        reopenKeepsData(TestDatabases.postgres());
    }

    private static void reopenKeepsData(DatabaseSettings settings) throws Exception {
        int applied;
        try (Database db = Database.open(settings)) {
            applied = db.migrationsApplied();
            assertThat(applied).isGreaterThanOrEqualTo(3);
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO callback (state, callback_number, number_source, product, category,"
                        + " urgency, screenshot_choice, escalation_level, call_unique_id, created_at, updated_at)"
                        + " VALUES ('PENDING', '+886212345678', 'ENTERED', 'p', 'c', 'NORMAL', 'NOT_NEEDED',"
                        + " 'NORMAL', 'u1', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            }
        }
        try (Database db = Database.open(settings)) {
            assertThat(db.migrationsApplied()).isZero();
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT call_unique_id FROM callback")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("u1");
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @Test
    void unreachableDatabaseFailsLoudly() {
        DatabaseSettings nowhere = new DatabaseSettings("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=1",
                "nobody", "", 1);
        assertThatThrownBy(() -> Database.open(nowhere)).isInstanceOf(RuntimeException.class);
    }

    @Test
    void settingsValidateAndHideThePassword() {
        assertThatThrownBy(() -> new DatabaseSettings("http://x", "u", "p", 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DatabaseSettings("jdbc:h2:mem:x", "u", "p", 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new DatabaseSettings("jdbc:h2:mem:x", "u", "secret", 2).toString()).doesNotContain("secret");
        assertThat(DatabaseSettings.inMemory("abc").jdbcUrl()).startsWith("jdbc:h2:mem:abc;MODE=PostgreSQL");
        assertThatThrownBy(() -> DatabaseSettings.inMemory("a;b")).isInstanceOf(IllegalArgumentException.class);
    }

    private static java.util.List<String> tables(Database db) throws Exception {
        java.util.List<String> out = new java.util.ArrayList<>();
        try (Connection c = db.dataSource().getConnection();
             ResultSet rs = c.getMetaData().getTables(null, c.getSchema(), "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                out.add(rs.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT));
            }
        }
        return out;
    }
}
