package com.callbackdesk.consultant;

import com.callbackdesk.planning.queue.ConsultantSkills;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A consultant as stored: profile, current state, and whether they still work here.
 *
 * @param profile    who they are (editable by supervisors)
 * @param state      available, on a call, away
 * @param stateSince when the state last changed (for "away for 40 minutes")
 * @param active     false once they left the desk (kept for KPIs and the audit trail)
 */
public record Consultant(ConsultantProfile profile, ConsultantState state, Instant stateSince, boolean active) {

    public Consultant {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(stateSince, "stateSince");
    }

    public String login() {
        return profile.login();
    }

    public String group() {
        return profile.group();
    }

    public Set<String> skills() {
        return profile.skills();
    }

    public String endpoint() {
        return profile.endpoint();
    }

    public boolean supervisor() {
        return profile.supervisor();
    }

    /** The consultant as the queue's eligibility rule sees them. */
    public ConsultantSkills queueSkills() {
        return new ConsultantSkills(profile.skills(), profile.supervisor());
    }
}
