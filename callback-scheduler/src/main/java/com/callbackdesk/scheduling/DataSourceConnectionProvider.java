package com.callbackdesk.scheduling;

import org.quartz.utils.ConnectionProvider;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Lends Quartz connections from the project's pool, so Quartz shares the one configured,
 * migrated database instead of opening its own. Quartz calls {@link #shutdown()} when the
 * scheduler stops; the pool belongs to {@code Database}, so that does not close it — it only
 * detaches this provider (Quartz's registry of providers has no remove, and the entry should
 * not keep a closed pool reachable).
 */
final class DataSourceConnectionProvider implements ConnectionProvider {

    private volatile DataSource dataSource;

    DataSourceConnectionProvider(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Connection getConnection() throws SQLException {
        DataSource ds = dataSource;
        if (ds == null) {
            throw new SQLException("Scheduler stopped: its connection provider is detached");
        }
        return ds.getConnection();
    }

    @Override
    public void shutdown() {
        dataSource = null;
    }

    @Override
    public void initialize() {
        // the pool is already open
    }
}
