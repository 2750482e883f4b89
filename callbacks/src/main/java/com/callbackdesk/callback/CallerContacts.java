package com.callbackdesk.callback;

import com.callbackdesk.storage.Database;
import com.callbackdesk.storage.Jdbc;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The caller's e-mail address by callback number (table {@code caller_contact}, V24): where a
 * screenshot link goes when the caller chose e-mail. One row per number; a new
 * address replaces the old one, with who, when and why on the row. Thread-safe.
 */
public final class CallerContacts {

    private static final Logger LOG = LogManager.getLogger(CallerContacts.class);
    /** Deliberately plain: one @, no spaces, a dot in the domain. The mail server has the last word. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");

    private final Jdbc jdbc;
    private final Clock clock;

    public CallerContacts(Database database, Clock clock) {
        this(Objects.requireNonNull(database, "database").dataSource(), clock);
    }

    public CallerContacts(DataSource dataSource, Clock clock) {
        this.jdbc = new Jdbc(dataSource, "Caller contacts");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Sets (or replaces) the e-mail address of {@code callbackNumber}.
     *
     * @throws IllegalArgumentException naming the field when the number or address is malformed
     */
    public void setEmail(String callbackNumber, String email, Actor who, String why) {
        E164.require(callbackNumber, "callbackNumber");
        String address = requireEmail(email);
        Objects.requireNonNull(who, "who");
        if (why == null || why.isBlank()) {
            throw new InvalidFieldException("why", "a reason is required for every audited change");
        }
        jdbc.inTransaction(c -> {
            int updated;
            try (PreparedStatement ps = c.prepareStatement("UPDATE caller_contact SET email = ?, updated_at = ?,"
                    + " updated_by = ?, why = ? WHERE callback_number = ?")) {
                ps.setString(1, address);
                Jdbc.setInstant(ps, 2, clock.instant().truncatedTo(ChronoUnit.MICROS));
                ps.setString(3, who.toString());
                ps.setString(4, Jdbc.clip(why, 1000));
                ps.setString(5, callbackNumber);
                updated = ps.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO caller_contact (callback_number, email,"
                        + " updated_at, updated_by, why) VALUES (?, ?, ?, ?, ?)")) {
                    ps.setString(1, callbackNumber);
                    ps.setString(2, address);
                    Jdbc.setInstant(ps, 3, clock.instant().truncatedTo(ChronoUnit.MICROS));
                    ps.setString(4, who.toString());
                    ps.setString(5, Jdbc.clip(why, 1000));
                    ps.executeUpdate();
                }
            }
            return null;
        });
        LOG.info("E-mail address of {} set by {}: {}", callbackNumber, who, why);
    }

    /** The e-mail address on file for {@code callbackNumber}, if any. */
    public Optional<String> emailOf(String callbackNumber) {
        Objects.requireNonNull(callbackNumber, "callbackNumber");
        return jdbc.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT email FROM caller_contact WHERE callback_number = ?")) {
                ps.setString(1, callbackNumber);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /** The address trimmed, or an IllegalArgumentException naming the field {@code email}. */
    public static String requireEmail(String email) {
        String e = email == null ? "" : email.trim();
        if (e.length() > 254 || !EMAIL.matcher(e).matches()) {
            throw new IllegalArgumentException("email is not an e-mail address (name@domain.tld): '" + email + "'");
        }
        return e.toLowerCase(Locale.ROOT).equals(e) ? e : e.substring(0, e.indexOf('@') + 1)
                + e.substring(e.indexOf('@') + 1).toLowerCase(Locale.ROOT);
    }
}
