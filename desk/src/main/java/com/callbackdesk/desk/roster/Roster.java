package com.callbackdesk.desk.roster;

import com.callbackdesk.account.Role;
import com.callbackdesk.account.UserAccount;
import com.callbackdesk.account.UserAccounts;
import com.callbackdesk.callback.Actor;
import com.callbackdesk.callback.InvalidFieldException;
import com.callbackdesk.consultant.Consultant;
import com.callbackdesk.consultant.ConsultantAuditEntry;
import com.callbackdesk.consultant.ConsultantDirectory;
import com.callbackdesk.consultant.ConsultantProfile;
import com.callbackdesk.queue.CallbackQueue;
import com.callbackdesk.queue.Claim;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The roster: consultants added, edited, deactivated and listed by supervisors — the one use case
 * the command line ({@code consultant ...}, {@code account create --consultant}), the REST API
 * ({@code /api/consultants}) and the console's roster page call. Input is normalised here once
 * (codes upper-case, language tags as {@code zh-TW}) and checked with a message naming the field
 * ({@link InvalidFieldException}); every change is one audited transaction of
 * {@link ConsultantDirectory} (who, when, why, old → new).
 *
 * <p>Rules beyond the profile's own:
 * <ul>
 *   <li>the phone endpoint is a dial string Asterisk 22 takes: {@code PJSIP/<endpoint>} (optionally
 *       {@code PJSIP/<number>@<endpoint>} or {@code PJSIP/<endpoint>/sip:...}) or
 *       {@code Local/<exten>@<context>} (optionally {@code /n});
 *   <li>group, products (skills) and categories are codes: letters, digits, {@code _} and {@code -},
 *       upper-cased ({@code in-house} becomes {@code IN_HOUSE});
 *   <li>a consultant holding a callback is not deactivated: release or reassign it first.
 * </ul>
 */
public final class Roster {

    private static final Logger LOG = LogManager.getLogger(Roster.class);

    private static final Pattern PJSIP = Pattern.compile(
            "PJSIP/([A-Za-z0-9_.+*#-]+@)?[A-Za-z0-9_.-]+(/sips?:[^\\s,|&]+)?");
    private static final Pattern LOCAL = Pattern.compile("Local/[A-Za-z0-9_.+*#-]+@[A-Za-z0-9_.-]+(/[nbj]{1,3})?");
    private static final Pattern LOGIN = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern CODE = Pattern.compile("[A-Z0-9][A-Z0-9_-]{0,63}");
    private static final Pattern LANGUAGE = Pattern.compile("([a-z]{2,3})(-[a-z0-9]{2,8})?", Pattern.CASE_INSENSITIVE);

    /** The group a consultant is in when none is given. */
    public static final String DEFAULT_GROUP = "IN_HOUSE";

    private final ConsultantDirectory directory;
    private final CallbackQueue queue;
    private final UserAccounts accounts;

    public Roster(ConsultantDirectory directory, CallbackQueue queue, UserAccounts accounts) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
    }

    /**
     * A profile from what a person typed, normalised and checked (each problem names its field).
     * {@code group} null means {@link #DEFAULT_GROUP}; {@code endpoint} null means {@code PJSIP/<login>}.
     */
    public static ConsultantProfile profile(String login, String displayName, String group, Collection<String> skills,
                                            Collection<String> categories, Collection<String> languages,
                                            String endpoint, boolean supervisor) {
        String l = login == null ? null : login.strip();
        if (l == null || l.isEmpty()) {
            throw new InvalidFieldException("login", "required");
        }
        if (!LOGIN.matcher(l).matches()) {
            throw new InvalidFieldException("login", "must be 1..64 of a-z 0-9 . _ - (starting with a letter or"
                    + " digit), was '" + l + "'");
        }
        String name = displayName == null ? null : displayName.strip();
        if (name == null || name.isEmpty()) {
            throw new InvalidFieldException("displayName", "required");
        }
        if (skills == null || skills.isEmpty()) {
            throw new InvalidFieldException("skills", "at least one product code, e.g. ROUTER");
        }
        String e = endpoint == null ? "PJSIP/" + l : endpoint.strip();
        checkEndpoint(e);
        return new ConsultantProfile(l, name, group(group == null ? DEFAULT_GROUP : group), codes("skills", skills), e,
                supervisor, codes("categories", categories), languages(languages));
    }

    /** Adds a consultant (AWAY until they say they are available), audited. */
    public Consultant add(ConsultantProfile profile, Actor who, String why) {
        Objects.requireNonNull(profile, "profile");
        checkEndpoint(profile.endpoint());
        if (directory.find(profile.login()).isPresent()) {
            throw new InvalidFieldException("login", "consultant " + profile.login() + " already exists");
        }
        return directory.add(profile, who, why);
    }

    /**
     * Changes what is given of a consultant's profile and, with {@code active}, deactivates or brings
     * them back — each an audited change; nothing given changes nothing.
     *
     * @throws NoSuchElementException when there is no such consultant
     */
    public Consultant edit(String login, ConsultantChanges changes, Actor who, String why) {
        Objects.requireNonNull(changes, "changes");
        Consultant before = require(login);
        ConsultantProfile p = before.profile();
        ConsultantProfile after = profile(p.login(),
                changes.displayName() != null ? changes.displayName() : p.displayName(),
                changes.group() != null ? changes.group() : p.group(),
                changes.skills() != null ? changes.skills() : p.skills(),
                changes.categories() != null ? changes.categories() : p.categories(),
                changes.languages() != null ? changes.languages() : p.languages(),
                changes.endpoint() != null ? changes.endpoint() : p.endpoint(),
                changes.supervisor() != null ? changes.supervisor() : p.supervisor());
        if (Boolean.FALSE.equals(changes.active())) {
            refuseIfHolding(login);
        }
        Consultant result = directory.update(after, who, why);
        if (changes.active() != null && changes.active() != result.active()) {
            result = directory.setActive(login, changes.active(), who, why);
            LOG.info("Consultant {} {} by {}: {}", login, changes.active() ? "reactivated" : "deactivated", who, why);
        }
        return result;
    }

    /**
     * The consultant has left the desk: inactive and AWAY, kept for KPIs and the audit trail.
     *
     * @throws IllegalStateException while they hold a callback (release or reassign it first)
     */
    public Consultant deactivate(String login, Actor who, String why) {
        return edit(login, new ConsultantChanges(null, null, null, null, null, null, null, false), who, why);
    }

    public List<Consultant> list() {
        return directory.list();
    }

    public Optional<Consultant> find(String login) {
        return directory.find(login);
    }

    /** The consultant's audit trail, oldest first. */
    public List<ConsultantAuditEntry> history(String login) {
        require(login);
        return directory.history(login);
    }

    /**
     * Creates an account and, with {@code consultant}, links it to that consultant — adding the
     * consultant first from {@code newConsultant} when there is none with that login yet (so a fresh
     * desk is set up with one command per person). An existing consultant is linked as it is.
     * Everything the account needs is checked before the consultant is added.
     *
     * @param newConsultant the profile to add when {@code consultant} does not exist yet (its login must be {@code consultant})
     */
    public UserAccount createAccount(String login, String displayName, Role role, String consultant,
                                     ConsultantProfile newConsultant, char[] password, Actor who, String why) {
        Objects.requireNonNull(role, "role");
        if (login == null || !LOGIN.matcher(login).matches()) {
            throw new InvalidFieldException("login", "1-64 characters a-z, 0-9, '.', '_', '-' starting with a"
                    + " letter or digit, was " + login);
        }
        if (displayName == null || displayName.isBlank() || displayName.strip().length() > 128) {
            throw new InvalidFieldException("displayName", "1-128 characters required");
        }
        if (accounts.find(login).isPresent()) {
            throw new InvalidFieldException("login", "account " + login + " already exists");
        }
        if (password == null || password.length < UserAccounts.MIN_PASSWORD
                || password.length > UserAccounts.MAX_PASSWORD) {
            throw new InvalidFieldException("password", "" + UserAccounts.MIN_PASSWORD + "-"
                    + UserAccounts.MAX_PASSWORD + " characters required");
        }
        if (why == null || why.isBlank()) {
            throw new InvalidFieldException("why", "required — say why the account changes");
        }
        if (consultant != null && directory.find(consultant).isEmpty()) {
            if (newConsultant == null || !newConsultant.login().equals(consultant)) {
                throw new InvalidFieldException("consultant", "no consultant with login " + consultant);
            }
            add(newConsultant, who, why);
            LOG.info("Consultant {} added with account {}", consultant, login);
        }
        return accounts.create(login, displayName, role, consultant, password, who, why);
    }

    /**
     * Links an existing account to a consultant (null unlinks it), adding the consultant first from
     * {@code newConsultant} when there is none with that login yet — how a supervisor who already
     * has an account starts taking the queue. Audited on the account (and on the consultant when added).
     *
     * @throws NoSuchElementException when there is no such account
     */
    public UserAccount linkAccount(String login, String consultant, ConsultantProfile newConsultant, Actor who,
                                   String why) {
        if (login == null || accounts.find(login).isEmpty()) {
            throw new NoSuchElementException("no account " + login);
        }
        if (why == null || why.isBlank()) {
            throw new InvalidFieldException("why", "required — say why the account changes");
        }
        if (consultant != null && directory.find(consultant).isEmpty()) {
            if (newConsultant == null || !newConsultant.login().equals(consultant)) {
                throw new InvalidFieldException("consultant", "no consultant with login " + consultant);
            }
            add(newConsultant, who, why);
        }
        return accounts.linkConsultant(login, consultant, who, why);
    }

    // ------------------------------------------------------------------ rules

    private Consultant require(String login) {
        if (login == null || login.isBlank()) {
            throw new InvalidFieldException("login", "required");
        }
        return directory.find(login.strip()).orElseThrow(() -> new NoSuchElementException("no consultant " + login));
    }

    private void refuseIfHolding(String login) {
        Optional<Claim> held = queue.currentClaim(login);
        if (held.isPresent()) {
            throw new IllegalStateException("consultant " + login + " holds callback " + held.get().callbackId()
                    + "; release or reassign it before deactivating them");
        }
    }

    static void checkEndpoint(String endpoint) {
        if (endpoint == null || endpoint.isBlank()) {
            throw new InvalidFieldException("endpoint", "required, e.g. PJSIP/alice or Local/1001@consultants");
        }
        if (!PJSIP.matcher(endpoint).matches() && !LOCAL.matcher(endpoint).matches()) {
            throw new InvalidFieldException("endpoint", "must be PJSIP/<endpoint> (e.g. PJSIP/alice) or"
                    + " Local/<extension>@<context> (e.g. Local/1001@consultants), was '" + endpoint + "'");
        }
    }

    /** A group code: {@code in-house} → {@code IN_HOUSE}, {@code Outsourced-Acme} → {@code OUTSOURCED-ACME}. */
    static String group(String raw) {
        String g = raw.strip().toUpperCase(Locale.ROOT).replace(' ', '_');
        if (g.equals("IN-HOUSE") || g.equals("INHOUSE")) {
            g = "IN_HOUSE";
        }
        if (!CODE.matcher(g).matches()) {
            throw new InvalidFieldException("group", "a team code of letters, digits, _ and - (e.g. IN_HOUSE,"
                    + " OUTSOURCED, OUTSOURCED-ACME), was '" + raw + "'");
        }
        return g;
    }

    private static Set<String> codes(String field, Collection<String> raw) {
        Set<String> out = new TreeSet<>();
        if (raw == null) {
            return out;
        }
        for (String r : raw) {
            String c = r == null ? "" : r.strip().toUpperCase(Locale.ROOT);
            if (!CODE.matcher(c).matches()) {
                throw new InvalidFieldException(field, "codes of letters, digits, _ and - (e.g. ROUTER, NAS), was '"
                        + r + "'");
            }
            out.add(c);
        }
        return out;
    }

    private static Set<String> languages(Collection<String> raw) {
        Set<String> out = new TreeSet<>();
        if (raw == null) {
            return out;
        }
        for (String r : raw) {
            var m = LANGUAGE.matcher(r == null ? "" : r.strip());
            if (!m.matches()) {
                throw new InvalidFieldException("languages", "language codes such as en or zh-TW, was '" + r + "'");
            }
            String primary = m.group(1).toLowerCase(Locale.ROOT);
            String region = m.group(2) == null ? "" : m.group(2).length() == 3
                    ? m.group(2).toUpperCase(Locale.ROOT) : m.group(2);
            out.add(primary + region);
        }
        return out;
    }
}
