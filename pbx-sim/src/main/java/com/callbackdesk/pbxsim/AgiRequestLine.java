package com.callbackdesk.pbxsim;

import java.util.ArrayList;
import java.util.List;

/** Parsed AGI(...) application data: the URL and the extra arguments. */
record AgiRequestLine(String url, String host, int port, String networkScript, List<String> args) {

    static AgiRequestLine parse(List<String> appArgs) {
        if (appArgs.isEmpty() || !appArgs.get(0).startsWith("agi://")) {
            throw new IllegalArgumentException("only FastAGI (agi://host[:port]/script) is simulated: " + appArgs);
        }
        String url = appArgs.get(0);
        String rest = url.substring("agi://".length());
        int slash = rest.indexOf('/');
        String hostPort = slash < 0 ? rest : rest.substring(0, slash);
        String script = slash < 0 ? "" : rest.substring(slash + 1);
        int colon = hostPort.lastIndexOf(':');
        String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
        int port = colon < 0 ? 4573 : Integer.parseInt(hostPort.substring(colon + 1));
        return new AgiRequestLine(url, host, port, script, new ArrayList<>(appArgs.subList(1, appArgs.size())));
    }
}
