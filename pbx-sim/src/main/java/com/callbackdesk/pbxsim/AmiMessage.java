package com.callbackdesk.pbxsim;

import java.util.List;

/** One AMI action as received: headers in order; names are case-insensitive, values as sent. */
record AmiMessage(List<String[]> headers) {

    String get(String name) {
        for (String[] h : headers) {
            if (h[0].equalsIgnoreCase(name)) {
                return h[1];
            }
        }
        return null;
    }

    List<String> getAll(String name) {
        return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).toList();
    }
}
