package com.callbackdesk.queue;

import com.callbackdesk.callback.Actor;

import java.time.Instant;

/** A consultant's (or supervisor's) note on a callback. Notes are never edited or deleted. */
public record Note(long id, long callbackId, Actor author, Instant writtenAt, String body) {
}
