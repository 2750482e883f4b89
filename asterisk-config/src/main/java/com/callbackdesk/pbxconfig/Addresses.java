package com.callbackdesk.pbxconfig;

import java.util.regex.Pattern;

/**
 * IP addresses as Asterisk's configuration wants them: pjsip.conf's identify {@code match} takes an
 * address or a CIDR block, never a name (a name would be resolved once, at load, and then trusted
 * whatever it later points at). Checked without any DNS lookup.
 */
public final class Addresses {

    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    private Addresses() {
    }

    /** An IPv4 or IPv6 literal (IPv6 without brackets). */
    public static boolean isIp(String text) {
        if (text == null) {
            return false;
        }
        if (IPV4.matcher(text).matches()) {
            return true;
        }
        return text.contains(":") && IPV6.matcher(text).matches() && isIpv6(text);
    }

    /** An address or an address/prefix (10.0.0.0/8, 2001:db8::/32), or address/netmask (10.0.0.0/255.0.0.0). */
    public static boolean isIpOrCidr(String text) {
        if (text == null) {
            return false;
        }
        int slash = text.indexOf('/');
        if (slash < 0) {
            return isIp(text);
        }
        String address = text.substring(0, slash);
        String prefix = text.substring(slash + 1);
        if (!isIp(address)) {
            return false;
        }
        if (IPV4.matcher(prefix).matches()) {
            return !address.contains(":");
        }
        if (!prefix.matches("\\d{1,3}")) {
            return false;
        }
        int bits = Integer.parseInt(prefix);
        return bits <= (address.contains(":") ? 128 : 32);
    }

    /** 0.0.0.0 or :: — listens everywhere, but names no address to reach. */
    public static boolean isWildcard(String text) {
        return "0.0.0.0".equals(text) || "::".equals(text) || "[::]".equals(text);
    }

    public static boolean isLoopback(String text) {
        return text != null && (text.startsWith("127.") || "::1".equals(text) || "localhost".equals(text));
    }

    private static boolean isIpv6(String text) {
        String t = text;
        int doubleColon = t.indexOf("::");
        if (doubleColon >= 0 && t.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        String[] groups = t.split(":", -1);
        int count = 0;
        for (int i = 0; i < groups.length; i++) {
            String g = groups[i];
            if (g.isEmpty()) {
                continue;
            }
            if (i == groups.length - 1 && g.contains(".")) {
                if (!IPV4.matcher(g).matches()) {
                    return false;
                }
                count += 2;
                continue;
            }
            if (g.length() > 4 || !g.matches("[0-9A-Fa-f]+")) {
                return false;
            }
            count++;
        }
        return doubleColon >= 0 ? count < 8 : count == 8;
    }
}
