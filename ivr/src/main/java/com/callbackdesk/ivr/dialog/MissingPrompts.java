package com.callbackdesk.ivr.dialog;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sound files Asterisk did not have when the IVR asked it to play them (GET DATA or STREAM FILE
 * answered {@code result=-1} while the caller was still on the line). Each file is logged as an
 * ERROR once per process — a missing file stays missing, one line says so — and counted every
 * time a caller met it. Safe to use from every call thread.
 */
public final class MissingPrompts {

    private static final Logger LOG = LogManager.getLogger(MissingPrompts.class);
    /** Files already logged in this process, whichever counter met them. */
    private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    /** Notes that {@code file} was missing on a live channel; logs it the first time in this process. */
    public void missing(String file, String languageCode) {
        counts.computeIfAbsent(file, f -> new LongAdder()).increment();
        if (LOGGED.add(file)) {
            LOG.error("sound file {} ({}) is missing on the PBX: callers are not hearing it "
                    + "(render the set with `callback-desk prompts render` and install it)", file, languageCode);
        }
    }

    /** How often callers met each missing file. */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((file, n) -> out.put(file, n.sum()));
        return Collections.unmodifiableMap(out);
    }

    /** Times any missing file was met. */
    public long total() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }
}
