package com.callbackdesk.storage;

import java.util.Locale;

/** The database products Callback Desk runs on. Migrations are written to run on both. */
public enum Vendor {
    /** Embedded default (file), and in-memory for tests; always in PostgreSQL compatibility mode. */
    H2,
    /** Production and clustering (Quartz clustered JobStore). */
    POSTGRESQL;

    /** From {@link java.sql.DatabaseMetaData#getDatabaseProductName()}. */
    public static Vendor fromProductName(String productName) {
        String p = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
        if (p.contains("h2")) {
            return H2;
        }
        if (p.contains("postgres")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("Unsupported database product: " + productName
                + " (Callback Desk runs on H2 and PostgreSQL)");
    }
}
