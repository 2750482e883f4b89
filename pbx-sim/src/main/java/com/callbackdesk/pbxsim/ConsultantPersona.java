package com.callbackdesk.pbxsim;

import java.time.Duration;
import java.util.Objects;

/**
 * A consultant's phone behind the simulated PBX, rung by the dialer's AMI Originate
 * ({@code Channel: PJSIP/<endpoint>}): how it picks up and how long the consultant talks with the
 * customer before hanging up (which sends the customer to the survey through Dial's F() option).
 */
public final class ConsultantPersona {

    private final String endpoint;
    private final Pickup pickup;
    private final Duration talksFor;
    /** While the customer's phone rings, the consultant hangs up after this long; null = they wait. */
    private final Duration cancelsAfter;

    private ConsultantPersona(String endpoint, Pickup pickup, Duration talksFor, Duration cancelsAfter) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.pickup = Objects.requireNonNull(pickup, "pickup");
        this.talksFor = Objects.requireNonNull(talksFor, "talksFor");
        this.cancelsAfter = cancelsAfter;
    }

    /** The consultant on endpoint {@code PJSIP/<endpoint>}: answers after 3 s, talks 2 minutes. */
    public static ConsultantPersona endpoint(String endpoint) {
        return new ConsultantPersona(endpoint, new Pickup.AnswersAfter(Duration.ofSeconds(3)), Duration.ofMinutes(2),
                null);
    }

    public ConsultantPersona answersAfter(Duration ringing) {
        return new ConsultantPersona(endpoint, new Pickup.AnswersAfter(ringing), talksFor, cancelsAfter);
    }

    /** Away from the desk: the phone rings until the Originate times out. */
    public ConsultantPersona noAnswer() {
        return new ConsultantPersona(endpoint, new Pickup.NoAnswer(), talksFor, cancelsAfter);
    }

    /** Already on a call. */
    public ConsultantPersona busy() {
        return new ConsultantPersona(endpoint, new Pickup.Busy(), talksFor, cancelsAfter);
    }

    /** The consultant's phone cannot be reached (congestion: OriginateResponse Reason 8). */
    public ConsultantPersona unreachable() {
        return new ConsultantPersona(endpoint, new Pickup.Congestion(), talksFor, cancelsAfter);
    }

    /** How long the consultant talks with an answering customer before hanging up. */
    public ConsultantPersona talksFor(Duration conversation) {
        return new ConsultantPersona(endpoint, pickup, conversation, cancelsAfter);
    }

    /**
     * Impatient: once [callback]'s Dial rings the customer, the consultant hangs up after
     * {@code ringing} unless the customer answered first — Dial ends with DIALSTATUS CANCEL, as
     * app_dial reports when its calling side hangs up.
     */
    public ConsultantPersona hangsUpWhileCustomerRings(Duration ringing) {
        return new ConsultantPersona(endpoint, pickup, talksFor, Objects.requireNonNull(ringing, "ringing"));
    }

    /** How long the consultant waits for a ringing customer before hanging up; null = as long as Dial rings. */
    public Duration cancelsAfter() {
        return cancelsAfter;
    }

    public String endpoint() {
        return endpoint;
    }

    public Pickup pickup() {
        return pickup;
    }

    public Duration talksFor() {
        return talksFor;
    }

    @Override
    public String toString() {
        return "consultant " + endpoint;
    }
}
