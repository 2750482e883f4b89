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

    private ConsultantPersona(String endpoint, Pickup pickup, Duration talksFor) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.pickup = Objects.requireNonNull(pickup, "pickup");
        this.talksFor = Objects.requireNonNull(talksFor, "talksFor");
    }

    /** The consultant on endpoint {@code PJSIP/<endpoint>}: answers after 3 s, talks 2 minutes. */
    public static ConsultantPersona endpoint(String endpoint) {
        return new ConsultantPersona(endpoint, new Pickup.AnswersAfter(Duration.ofSeconds(3)), Duration.ofMinutes(2));
    }

    public ConsultantPersona answersAfter(Duration ringing) {
        return new ConsultantPersona(endpoint, new Pickup.AnswersAfter(ringing), talksFor);
    }

    /** Away from the desk: the phone rings until the Originate times out. */
    public ConsultantPersona noAnswer() {
        return new ConsultantPersona(endpoint, new Pickup.NoAnswer(), talksFor);
    }

    /** Already on a call. */
    public ConsultantPersona busy() {
        return new ConsultantPersona(endpoint, new Pickup.Busy(), talksFor);
    }

    /** The consultant's phone cannot be reached (congestion: OriginateResponse Reason 8). */
    public ConsultantPersona unreachable() {
        return new ConsultantPersona(endpoint, new Pickup.Congestion(), talksFor);
    }

    /** How long the consultant talks with an answering customer before hanging up. */
    public ConsultantPersona talksFor(Duration conversation) {
        return new ConsultantPersona(endpoint, pickup, conversation);
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
