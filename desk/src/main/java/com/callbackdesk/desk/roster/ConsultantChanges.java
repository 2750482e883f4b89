package com.callbackdesk.desk.roster;

import java.util.Collection;

/**
 * What a supervisor changes on a consultant: every field null is left as it is.
 *
 * @param active false deactivates (they left the desk), true brings them back
 */
public record ConsultantChanges(String displayName, String group, Collection<String> skills, Collection<String> categories,
                                Collection<String> languages, String endpoint, Boolean supervisor, Boolean active) {

    /** Nothing changed. */
    public static ConsultantChanges none() {
        return new ConsultantChanges(null, null, null, null, null, null, null, null);
    }
}
