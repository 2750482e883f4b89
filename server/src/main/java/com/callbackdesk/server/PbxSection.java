package com.callbackdesk.server;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code pbx:} section of callbackdesk.yaml: what {@code callback-desk pbx config} needs beyond
 * the rest of the file to write Asterisk's configuration (docs/DEPLOYMENT.md). {@code serve} does
 * not read it. Secrets are not kept here: the trunk's password comes from
 * {@code CALLBACKDESK_TRUNK_PASSWORD}, the AMI secret from {@code CALLBACKDESK_AMI_SECRET}.
 */
public final class PbxSection {

    /**
     * The IP address Asterisk reaches the desk's FastAGI server at; unset = {@code fastagi.bindAddress}
     * (which then must not be 0.0.0.0).
     */
    public String deskAddress;
    /** Asterisk's SIP listener (pjsip.conf's transport), address:port. */
    public String sipBind = "0.0.0.0:5060";
    public Trunk trunk = new Trunk();
    public Operator operator = new Operator();

    /** The carrier's SIP trunk. */
    public static final class Trunk {
        /** The carrier's SIP server: an IP address, not a host name (required by {@code pbx config}). */
        public String address;
        public int port = 5060;
        /** Addresses or CIDR blocks the carrier's calls come from; empty = {@link #address} only. */
        public List<String> match = new ArrayList<>();
        /** Digest user name for calls out (and registration); unset = the carrier trusts our address. */
        public String username;
        /** Register to the carrier (needs {@link #username}). */
        public boolean register = false;
        /** Codecs in preference order: ulaw, alaw, g722, gsm. */
        public List<String> codecs = new ArrayList<>(List.of("ulaw", "alaw"));
    }

    /** The phone callers reach when the IVR cannot serve them, or the desk cannot be reached. */
    public static final class Operator {
        /** Its PJSIP endpoint name; may be a consultant's phone. */
        public String endpoint = "operator";
        /** A fixed SIP URI (sip:operator@192.0.2.20:5060); unset = the phone registers like the consultants'. */
        public String contact;
    }
}
