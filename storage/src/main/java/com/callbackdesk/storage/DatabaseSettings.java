package com.callbackdesk.storage;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to reach the database.
 *
 * @param jdbcUrl  JDBC URL ({@code jdbc:h2:...} or {@code jdbc:postgresql:...})
 * @param user     user name (may be empty for H2)
 * @param password password (may be empty)
 * @param poolSize maximum connections in the pool (at least 1)
 */
public record DatabaseSettings(String jdbcUrl, String user, String password, int poolSize) {

    /** H2 options shared by the file and in-memory databases: PostgreSQL compatibility. */
    static final String H2_OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    public static final int DEFAULT_POOL_SIZE = 10;

    public DatabaseSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith("jdbc:")) {
            throw new IllegalArgumentException("Not a JDBC URL: " + jdbcUrl);
        }
        user = user == null ? "" : user;
        password = password == null ? "" : password;
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be at least 1, was " + poolSize);
        }
    }

    /**
     * The embedded default: an H2 file database {@code callbackdesk} in {@code dataDir}, in
     * PostgreSQL compatibility mode. One process at a time (no AUTO_SERVER); use PostgreSQL
     * for several nodes.
     */
    public static DatabaseSettings embeddedDefault(Path dataDir) {
        Objects.requireNonNull(dataDir, "dataDir");
        String dir = dataDir.toAbsolutePath().normalize().toString().replace('\\', '/');
        return new DatabaseSettings("jdbc:h2:file:" + dir + "/callbackdesk" + H2_OPTIONS + ";AUTO_SERVER=FALSE",
                "sa", "", DEFAULT_POOL_SIZE);
    }

    /**
     * A named in-memory H2 database (PostgreSQL mode) for tests and demos. It lives until the
     * {@link Database} opened on it is closed.
     */
    public static DatabaseSettings inMemory(String name) {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[A-Za-z0-9_\\-]+")) {
            throw new IllegalArgumentException("In-memory database name must be [A-Za-z0-9_-]+: " + name);
        }
        return new DatabaseSettings("jdbc:h2:mem:" + name + H2_OPTIONS + ";DB_CLOSE_DELAY=-1",
                "sa", "", DEFAULT_POOL_SIZE);
    }

    public DatabaseSettings withPoolSize(int size) {
        return new DatabaseSettings(jdbcUrl, user, password, size);
    }

    /** The settings without the password, for logs. */
    @Override
    public String toString() {
        return "DatabaseSettings[jdbcUrl=" + jdbcUrl + ", user=" + user + ", poolSize=" + poolSize + "]";
    }
}
