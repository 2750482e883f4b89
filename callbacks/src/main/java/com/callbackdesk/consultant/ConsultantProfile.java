package com.callbackdesk.consultant;

import com.callbackdesk.callback.InvalidFieldException;

import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The part of a consultant a supervisor edits: who they are, which team, which products and
 * problem categories they can help with, which languages they speak, where their phone is.
 * Every problem is an {@link InvalidFieldException} naming the field.
 *
 * @param login       unique login (also their name in the audit trail)
 * @param displayName name shown in the console
 * @param group       team, e.g. {@code IN_HOUSE} or {@code OUTSOURCED-ACME}: data, not an enum,
 *                    so a new outsourcing vendor needs no release
 * @param skills      product codes whose callbacks this consultant takes (at least one)
 * @param endpoint    the Asterisk endpoint the dialer rings first, e.g. {@code PJSIP/alice}
 * @param supervisor  may take callbacks at reputational-risk level (those must go to a supervisor)
 * @param categories  problem category codes the consultant knows (none: not stated); shown to
 *                    supervisors choosing whom to assign — the queue matches on products
 * @param languages   language codes the consultant speaks with callers, e.g. {@code en}, {@code zh-TW}
 *                    (none: not stated)
 */
public record ConsultantProfile(String login, String displayName, String group, Set<String> skills,
                                String endpoint, boolean supervisor, Set<String> categories, Set<String> languages) {

    private static final Pattern LOGIN = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern ENDPOINT = Pattern.compile("[A-Za-z0-9]+/[^\\s,|&]{1,120}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*");

    public ConsultantProfile {
        if (login == null) {
            throw new InvalidFieldException("login", "required");
        }
        if (!LOGIN.matcher(login).matches()) {
            throw new InvalidFieldException("login", "must be 1..64 of a-z 0-9 . _ - (starting with a letter or"
                    + " digit), was '" + login + "'");
        }
        requireText(displayName, "displayName", 128);
        requireText(group, "group", 64);
        if (skills == null || skills.isEmpty()) {
            throw new InvalidFieldException("skills", "a consultant needs at least one skill (product code): " + login);
        }
        for (String s : skills) {
            requireText(s, "skills", 64);
        }
        skills = Collections.unmodifiableSet(new TreeSet<>(skills));
        if (endpoint == null) {
            throw new InvalidFieldException("endpoint", "required, e.g. PJSIP/alice");
        }
        if (!ENDPOINT.matcher(endpoint).matches()) {
            throw new InvalidFieldException("endpoint", "must look like TECH/resource, e.g. PJSIP/alice, was '"
                    + endpoint + "'");
        }
        categories = Collections.unmodifiableSet(new TreeSet<>(categories == null ? Set.of() : categories));
        for (String c : categories) {
            requireText(c, "categories", 64);
        }
        languages = Collections.unmodifiableSet(new TreeSet<>(languages == null ? Set.of() : languages));
        for (String l : languages) {
            if (l == null || l.length() > 16 || !LANGUAGE.matcher(l).matches()) {
                throw new InvalidFieldException("languages", "a language code such as en or zh-TW, was '" + l + "'");
            }
        }
    }

    /** A profile with no categories or languages stated. */
    public ConsultantProfile(String login, String displayName, String group, Set<String> skills, String endpoint,
                             boolean supervisor) {
        this(login, displayName, group, skills, endpoint, supervisor, Set.of(), Set.of());
    }

    private static void requireText(String v, String what, int max) {
        if (v == null) {
            throw new InvalidFieldException(what, "required");
        }
        if (v.isBlank() || v.length() > max) {
            throw new InvalidFieldException(what, "must be 1.." + max + " characters, was '" + v + "'");
        }
    }
}
