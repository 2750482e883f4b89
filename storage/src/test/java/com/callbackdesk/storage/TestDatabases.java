package com.callbackdesk.storage;

import org.junit.jupiter.api.Named;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * Databases for tests, shared with other modules through this module's test-jar.
 *
 * <ul>
 *   <li>{@link #h2()}: a fresh, uniquely named in-memory H2 (PostgreSQL mode);
 *   <li>{@link #postgres()}: a fresh schema on PostgreSQL — in a Testcontainers container when
 *       Docker is available, otherwise on the local server ({@code CBD_TEST_PG_URL}, default
 *       {@code jdbc:postgresql://127.0.0.1:5432/test}, user {@code PGUSER} or {@code postgres},
 *       password {@code PGPASSWORD}). Each call creates schema {@code t_<random>} and points
 *       {@code currentSchema} at it, so tests are isolated and repeatable; schemas made by this
 *       JVM are dropped when it exits. If neither is reachable this FAILS (it does not skip):
 *       developers' machines and CI always have PostgreSQL.
 *   <li>{@link #both()}: for {@code @ParameterizedTest @MethodSource("com.callbackdesk.storage.TestDatabases#both")}
 *       — the same test against H2 and PostgreSQL.
 * </ul>
 */
public final class TestDatabases {

    private static final String DEFAULT_LOCAL_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final List<Runnable> CLEANUPS = new CopyOnWriteArrayList<>();

    private static volatile Server server;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> CLEANUPS.forEach(r -> {
            try {
                r.run();
            } catch (RuntimeException ignored) {
                // best effort at JVM exit
            }
        }), "test-databases-cleanup"));
    }

    private TestDatabases() {
    }

    /** A fresh in-memory H2 database in PostgreSQL mode. */
    public static DatabaseSettings h2() {
        return DatabaseSettings.inMemory("t_" + random());
    }

    /** A fresh, empty schema on PostgreSQL (see the class comment for where). */
    public static DatabaseSettings postgres() {
        Server s = server();
        String schema = "t_" + random();
        try (Connection c = DriverManager.getConnection(s.url, s.user, s.password);
             Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test schema on " + s.url + ": " + e.getMessage(), e);
        }
        CLEANUPS.add(() -> dropSchema(s, schema));
        String url = s.url + (s.url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new DatabaseSettings(url, s.user, s.password, DatabaseSettings.DEFAULT_POOL_SIZE);
    }

    /** H2 and PostgreSQL, named for the test report. */
    public static Stream<Named<DatabaseSettings>> both() {
        return Stream.of(Named.of("H2", h2()), Named.of("PostgreSQL", postgres()));
    }

    /** Where {@link #postgres()} creates its schemas (for diagnostics). */
    public static String postgresServerUrl() {
        return server().url;
    }

    private static Server server() {
        Server s = server;
        if (s == null) {
            synchronized (TestDatabases.class) {
                s = server;
                if (s == null) {
                    s = findServer();
                    server = s;
                }
            }
        }
        return s;
    }

    private static Server findServer() {
        String explicit = System.getenv("CBD_TEST_PG_URL");
        String user = envOr("PGUSER", "postgres");
        String password = envOr("PGPASSWORD", "");
        if (explicit != null && !explicit.isBlank()) {
            return reachable(new Server(explicit, user, password), "CBD_TEST_PG_URL");
        }
        boolean docker;
        try {
            docker = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            docker = false;
        }
        if (docker) {
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:16-alpine");
            container.start();
            CLEANUPS.add(container::stop);
            return new Server(container.getJdbcUrl(), container.getUsername(), container.getPassword());
        }
        return reachable(new Server(DEFAULT_LOCAL_URL, user, password), "the local server (no Docker)");
    }

    private static Server reachable(Server s, String what) {
        try (Connection c = DriverManager.getConnection(s.url, s.user, s.password)) {
            return s;
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL for tests is not reachable via " + what + " at " + s.url
                    + " as " + s.user + " (" + e.getMessage() + "). Tests need PostgreSQL: start Docker or a local"
                    + " server, or set CBD_TEST_PG_URL / PGUSER / PGPASSWORD.", e);
        }
    }

    private static void dropSchema(Server s, String schema) {
        try (Connection c = DriverManager.getConnection(s.url, s.user, s.password);
             Statement st = c.createStatement()) {
            st.execute("SET lock_timeout = '2s'");
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException ignored) {
            // best effort
        }
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    private static String random() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
    }

    private record Server(String url, String user, String password) {
    }
}
