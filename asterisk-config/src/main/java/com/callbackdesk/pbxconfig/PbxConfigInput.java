package com.callbackdesk.pbxconfig;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an Asterisk configuration for Callback Desk is made from: where the desk listens, the AMI
 * user, the carrier trunk, the phones (operator and consultants) and the caller ID customers see.
 * Secrets (AMI secret, trunk and phone passwords) arrive here already decided; nothing is looked up.
 *
 * @param deskAddress        the address Asterisk reaches the desk's FastAGI server at
 * @param fastAgiPort        the desk's FastAGI port
 * @param ami                manager.conf's listener and user
 * @param sipBind            the SIP UDP listener, address:port
 * @param trunk              the carrier
 * @param operator           the phone callers reach when the IVR cannot serve them
 * @param operatorContact    a fixed SIP URI for the operator's phone, or null when the phone registers
 * @param consultants        one phone per active consultant
 * @param callerId           what customers' phones show on a callback, e.g. {@code "Callback Desk" <100>}
 * @param callerIdByCategory a different caller ID per callback category (may be empty)
 */
public record PbxConfigInput(String deskAddress, int fastAgiPort, Ami ami, String sipBind, Trunk trunk, Phone operator,
                             String operatorContact, List<Phone> consultants, String callerId,
                             Map<String, String> callerIdByCategory) {

    public PbxConfigInput {
        Objects.requireNonNull(deskAddress, "deskAddress");
        Objects.requireNonNull(ami, "ami");
        Objects.requireNonNull(sipBind, "sipBind");
        Objects.requireNonNull(trunk, "trunk");
        Objects.requireNonNull(operator, "operator");
        consultants = List.copyOf(consultants);
        Objects.requireNonNull(callerId, "callerId");
        callerIdByCategory = Map.copyOf(callerIdByCategory);
    }

    /**
     * The example the shipped files in {@code asterisk/} are written from: the desk and Asterisk on one
     * host, a carrier at a documentation address (203.0.113.10) with digest authentication, one
     * consultant (alice), and passwords that say they must be changed.
     */
    public static PbxConfigInput example() {
        return new PbxConfigInput("127.0.0.1", 4573,
                new Ami("127.0.0.1", 5038, "callbackdesk", "change-me-callbackdesk", "127.0.0.1"), "0.0.0.0:5060",
                new Trunk("203.0.113.10", 5060, List.of("203.0.113.0/24"), "callbackdesk", "change-me-trunk", false,
                        List.of("ulaw", "alaw")),
                new Phone("operator", "operator", "change-me-operator"), null,
                List.of(new Phone("alice", "alice", "change-me-alice")), "\"Callback Desk\" <100>", Map.of());
    }

    /**
     * manager.conf: where the AMI listens and who may log in.
     *
     * @param bindAddress the address the AMI listens on (the desk's ami.host)
     * @param permit      the one address allowed to log in (the desk's)
     */
    public record Ami(String bindAddress, int port, String username, String secret, String permit) {
    }

    /**
     * The carrier's SIP trunk.
     *
     * @param address  the carrier's SIP server, an IP address
     * @param match    the addresses or CIDR blocks the carrier's calls come from (at least the address)
     * @param username digest user for calls out and registration, or null for a trunk that trusts our address
     * @param password the digest password, with a username
     * @param register whether Asterisk registers to the carrier
     * @param codecs   allowed codecs in preference order (ulaw, alaw, g722, gsm)
     */
    public record Trunk(String address, int port, List<String> match, String username, String password,
                        boolean register, List<String> codecs) {
        public Trunk {
            match = List.copyOf(match);
            codecs = List.copyOf(codecs);
        }
    }

    /**
     * A desk phone: a PJSIP endpoint that registers with a digest password.
     *
     * @param endpoint the PJSIP endpoint name (what {@code PJSIP/<name>} dials)
     * @param owner    whose phone it is (a consultant's login, or "operator"), for the comment
     * @param password its digest password
     */
    public record Phone(String endpoint, String owner, String password) {
    }
}
