package com.callbackdesk.account;

import com.callbackdesk.callback.InvalidFieldException;
import java.util.Locale;

/** What an account may do in the API: work the queue, or also tune policy and watch the desk. */
public enum Role {
    CONSULTANT,
    SUPERVISOR;

    /** Parses "consultant" / "SUPERVISOR"; @throws IllegalArgumentException naming the field. */
    public static Role parse(String s) {
        if (s != null) {
            for (Role r : values()) {
                if (r.name().equalsIgnoreCase(s.strip())) {
                    return r;
                }
            }
        }
        throw new InvalidFieldException("role", "must be consultant or supervisor, was " + s);
    }

    public String lower() {
        return name().toLowerCase(Locale.ROOT);
    }
}
