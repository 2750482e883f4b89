package com.callbackdesk.consultant;

import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The part of a consultant a supervisor edits: who they are, which team, which products they
 * can help with, where their phone is.
 *
 * @param login       unique login (also their name in the audit trail)
 * @param displayName name shown in the console
 * @param group       team, e.g. {@code IN_HOUSE} or {@code OUTSOURCED-ACME}: data, not an enum,
 *                    so a new outsourcing vendor needs no release
 * @param skills      product codes whose callbacks this consultant takes (at least one)
 * @param endpoint    the Asterisk endpoint the dialer rings first, e.g. {@code PJSIP/alice}
 * @param supervisor  may take callbacks at reputational-risk level (those must go to a supervisor)
 */
public record ConsultantProfile(String login, String displayName, String group, Set<String> skills,
                                String endpoint, boolean supervisor) {

    private static final Pattern LOGIN = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern ENDPOINT = Pattern.compile("[A-Za-z0-9]+/[^\\s,|&]{1,120}");

    public ConsultantProfile {
        Objects.requireNonNull(login, "login");
        if (!LOGIN.matcher(login).matches()) {
            throw new IllegalArgumentException("login must be 1..64 of a-z 0-9 . _ - (starting with a letter or"
                    + " digit): '" + login + "'");
        }
        requireText(displayName, "displayName", 128);
        requireText(group, "group", 64);
        Objects.requireNonNull(skills, "skills");
        if (skills.isEmpty()) {
            throw new IllegalArgumentException("A consultant needs at least one skill (product code): " + login);
        }
        for (String s : skills) {
            requireText(s, "skill", 64);
        }
        skills = Collections.unmodifiableSet(new TreeSet<>(skills));
        Objects.requireNonNull(endpoint, "endpoint");
        if (!ENDPOINT.matcher(endpoint).matches()) {
            throw new IllegalArgumentException("endpoint must look like TECH/resource, e.g. PJSIP/alice: '"
                    + endpoint + "'");
        }
    }

    private static void requireText(String v, String what, int max) {
        Objects.requireNonNull(v, what);
        if (v.isBlank() || v.length() > max) {
            throw new IllegalArgumentException(what + " must be 1.." + max + " characters: '" + v + "'");
        }
    }
}
