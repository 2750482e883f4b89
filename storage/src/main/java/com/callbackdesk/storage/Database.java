package com.callbackdesk.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Objects;

/**
 * The opened database: a Hikari connection pool whose schema has been migrated by Flyway.
 *
 * <p>Migrations live in {@code classpath:db/migration} (portable SQL that runs on H2 in
 * PostgreSQL mode and on PostgreSQL) and, for the few that cannot be portable, in
 * {@code classpath:db/vendor/h2} or {@code classpath:db/vendor/postgresql} — the {@code {vendor}}
 * in {@link #MIGRATION_LOCATIONS} is filled in by {@link #locations} (Flyway itself has no such
 * placeholder; Spring Boot's does, so Flyway alone silently skips the folder). The vendor folders
 * hold the same version number on both sides (e.g. V29, an index H2 cannot build, is a no-op there).
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(Database.class);

    static final String[] MIGRATION_LOCATIONS = {"classpath:db/migration", "classpath:db/vendor/{vendor}"};

    private final DatabaseSettings settings;
    private final HikariDataSource pool;
    private final Vendor vendor;
    private final int migrationsApplied;

    private Database(DatabaseSettings settings, HikariDataSource pool, Vendor vendor, int migrationsApplied) {
        this.settings = settings;
        this.pool = pool;
        this.vendor = vendor;
        this.migrationsApplied = migrationsApplied;
    }

    /**
     * Opens the pool and migrates the schema to the newest version. Fails (and releases the
     * pool) if the database cannot be reached or a migration fails.
     */
    public static Database open(DatabaseSettings settings) {
        Objects.requireNonNull(settings, "settings");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.poolSize());
        config.setPoolName("callbackdesk");
        HikariDataSource pool = new HikariDataSource(config);
        try {
            Vendor vendor;
            try (Connection c = pool.getConnection()) {
                vendor = Vendor.fromProductName(c.getMetaData().getDatabaseProductName());
            }
            Flyway flyway = Flyway.configure()
                    .dataSource(pool)
                    .locations(locations(vendor))
                    .load();
            MigrateResult result = flyway.migrate();
            MigrationInfo current = flyway.info().current();
            LOG.info("Database {} ({}) at schema version {} ({} migration(s) applied now)", settings.jdbcUrl(),
                    vendor, current == null ? "none" : current.getVersion(), result.migrationsExecuted);
            return new Database(settings, pool, vendor, result.migrationsExecuted);
        } catch (SQLException e) {
            pool.close();
            throw new IllegalStateException("Cannot open database " + settings + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /**
     * {@link #MIGRATION_LOCATIONS} with {@code {vendor}} resolved to {@code h2} or {@code postgresql}.
     * Flyway itself does not know that placeholder (it is Spring Boot's): given as is, Flyway
     * looked for a folder literally named "{vendor}", found none and silently skipped the
     * vendor-specific migrations.
     */
    static String[] locations(Vendor vendor) {
        String name = vendor.name().toLowerCase(Locale.ROOT);
        String[] out = new String[MIGRATION_LOCATIONS.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = MIGRATION_LOCATIONS[i].replace("{vendor}", name);
        }
        return out;
    }

    public DataSource dataSource() {
        return pool;
    }

    public Vendor vendor() {
        return vendor;
    }

    public DatabaseSettings settings() {
        return settings;
    }

    /** How many migrations {@link #open} applied (0 when the schema was already current). */
    public int migrationsApplied() {
        return migrationsApplied;
    }

    /** Closes the pool; an in-memory H2 database is dropped with it. */
    @Override
    public void close() {
        if (pool.isClosed()) {
            return;
        }
        if (settings.jdbcUrl().startsWith("jdbc:h2:mem:")) {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            } catch (SQLException e) {
                LOG.debug("Shutting down in-memory H2 failed", e);
            }
        }
        pool.close();
    }
}
