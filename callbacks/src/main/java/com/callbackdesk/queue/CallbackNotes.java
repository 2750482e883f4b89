package com.callbackdesk.queue;

import com.callbackdesk.callback.Actor;
import com.callbackdesk.storage.Database;
import com.callbackdesk.storage.Jdbc;
import org.apache.logging.log4j.CloseableThreadContext;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Notes on a callback — context for whoever calls next ("prefers English", "router model
 * X200"). Append-only: the row (author, time, text) is its own audit record; there is no edit
 * or delete, so nobody can quietly rewrite what was said.
 */
public final class CallbackNotes {

    private static final Logger LOG = LogManager.getLogger(CallbackNotes.class);
    static final int MAX_LENGTH = 4000;

    private final Jdbc jdbc;
    private final Clock clock;

    public CallbackNotes(Database database, Clock clock) {
        this.jdbc = new Jdbc(Objects.requireNonNull(database, "database").dataSource(), "Callback notes");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Adds a note. @throws IllegalArgumentException if blank or longer than 4000 characters */
    public Note add(long callbackId, Actor author, String body) {
        Objects.requireNonNull(author, "author");
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Note note = jdbc.inTransaction(c -> insert(c, callbackId, author, at, body));
        try (CloseableThreadContext.Instance ctx = CloseableThreadContext.put("callback", Long.toString(callbackId))) {
            LOG.info("Note added by {}", author);
        }
        return note;
    }

    /** The callback's notes, oldest first. */
    public List<Note> list(long callbackId) {
        return jdbc.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, callback_id, author_kind, author_name,"
                    + " written_at, body FROM callback_note WHERE callback_id = ? ORDER BY id")) {
                ps.setLong(1, callbackId);
                List<Note> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Note(rs.getLong(1), rs.getLong(2),
                                new Actor(Actor.Kind.valueOf(rs.getString(3)), rs.getString(4)),
                                Jdbc.instant(rs, "written_at"), rs.getString(6)));
                    }
                }
                return out;
            }
        });
    }

    /** Inserts a note on {@code c} (so an outcome and its note commit together). */
    static Note insert(Connection c, long callbackId, Actor author, Instant at, String body) throws SQLException {
        Objects.requireNonNull(body, "body");
        if (body.isBlank() || body.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("A note is 1.." + MAX_LENGTH + " characters, was " + body.length());
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO callback_note (callback_id, author_kind,"
                + " author_name, written_at, body) VALUES (?, ?, ?, ?, ?)", new String[] {"id"})) {
            ps.setLong(1, callbackId);
            ps.setString(2, author.kind().name());
            ps.setString(3, author.name());
            Jdbc.setInstant(ps, 4, at);
            ps.setString(5, body);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return new Note(keys.getLong(1), callbackId, author, at, body);
            }
        }
    }
}
