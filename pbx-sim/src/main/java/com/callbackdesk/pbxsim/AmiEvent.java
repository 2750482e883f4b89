package com.callbackdesk.pbxsim;

import java.util.ArrayList;
import java.util.List;

/**
 * One AMI event as Asterisk writes it: {@code Event:}, {@code Privilege: <class>,all}, then the
 * fields in order, every line ending in CRLF and a blank line after the last.
 *
 * @param eventClass the permission class (call, dtmf, dialplan, agi, system, security) a session
 *                   must be allowed to read; null for an action's list items, which go only to the
 *                   session that asked
 */
record AmiEvent(String name, String eventClass, List<String[]> fields) {

    static Builder of(String name, String eventClass) {
        return new Builder(name, eventClass);
    }

    /**
     * An item of an action's event list (CoreShowChannel, CoreShowChannelsComplete): manager.c
     * appends these to the one session with astman_append, so they carry no Privilege line.
     */
    static Builder listItem(String name) {
        return new Builder(name, null);
    }

    String wire() {
        StringBuilder sb = new StringBuilder(512);
        sb.append("Event: ").append(name).append("\r\n");
        if (eventClass != null) {
            sb.append("Privilege: ").append(eventClass).append(",all\r\n");
        }
        for (String[] f : fields) {
            sb.append(f[0]).append(": ").append(f[1]).append("\r\n");
        }
        return sb.append("\r\n").toString();
    }

    static final class Builder {
        private final String name;
        private final String eventClass;
        private final List<String[]> fields = new ArrayList<>();

        private Builder(String name, String eventClass) {
            this.name = name;
            this.eventClass = eventClass;
        }

        Builder add(String key, Object value) {
            fields.add(new String[] {key, value == null ? "" : value.toString()});
            return this;
        }

        Builder channel(AmiChannel channel) {
            return channel(channel, "");
        }

        Builder channel(AmiChannel channel, String prefix) {
            channel.appendFields(this, prefix);
            return this;
        }

        AmiEvent build() {
            return new AmiEvent(name, eventClass, List.copyOf(fields));
        }
    }
}
