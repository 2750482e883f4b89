package com.callbackdesk.pbxsim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A scripted caller: who they appear as, and what they do at each question. Each input-reading
 * AGI command (GET DATA, WAIT FOR DIGIT; STREAM FILE with escape digits when the next reaction
 * is a key press) consumes the next {@link Reaction}. When the reactions run out the caller
 * stays silent, so a script without retry limits would be caught looping.
 */
public final class CallerPersona {

    /** What the caller does when asked for input. */
    public sealed interface Reaction {
    }

    /** Keys pressed after {@code thinkTime}; '#' ends input and is not returned, as on a real keypad. */
    public record Press(String digits, Duration thinkTime) implements Reaction {
        public Press {
            if (digits == null || digits.isEmpty() || !digits.matches("[0-9*#A-D]+")) {
                throw new IllegalArgumentException("digits must be DTMF keys 0-9 * # A-D: " + digits);
            }
            Objects.requireNonNull(thinkTime, "thinkTime");
        }
    }

    /** Says nothing until the prompt times out. */
    public record Silence() implements Reaction {
    }

    /** Starts keying, then stops: GET DATA answers {@code 200 result=12 (timeout)}. */
    public record PressThenTimeout(String digits) implements Reaction {
    }

    /** Hangs up while this prompt plays. */
    public record HangUp() implements Reaction {
    }

    private final String name;
    private final String callerId;
    private final String callerIdName;
    private final String dnid;
    private final String language;
    private final List<Reaction> reactions;
    private final Duration hangUpAfter;
    private final String hangUpWhileHearing;
    private final Pickup pickup;
    private final Duration talksFor;
    private final boolean hangsUpBeforeSurvey;
    private final String outcome;

    private CallerPersona(Builder b) {
        this.name = b.name;
        this.callerId = b.callerId;
        this.callerIdName = b.callerIdName;
        this.dnid = b.dnid;
        this.language = b.language;
        this.reactions = List.copyOf(b.reactions);
        this.hangUpAfter = b.hangUpAfter;
        this.hangUpWhileHearing = b.hangUpWhileHearing;
        this.pickup = b.pickup;
        this.talksFor = b.talksFor;
        this.hangsUpBeforeSurvey = b.hangsUpBeforeSurvey;
        this.outcome = b.outcome;
    }

    public static Builder named(String name) {
        return new Builder(name);
    }

    /** A key press after the default think time, for {@link Builder#then}. */
    public static Reaction press(String digits) {
        return new Press(digits, Builder.DEFAULT_THINK_TIME);
    }

    /** Silence until the prompt times out, for {@link Builder#then}. */
    public static Reaction silence() {
        return new Silence();
    }

    /** Hanging up during the prompt, for {@link Builder#then}. */
    public static Reaction hangsUp() {
        return new HangUp();
    }

    public String name() {
        return name;
    }

    /** The presented caller ID, or null when withheld (Asterisk: {@code unknown}, presentation 67). */
    public String callerId() {
        return callerId;
    }

    public String callerIdName() {
        return callerIdName;
    }

    public String dnid() {
        return dnid;
    }

    public String language() {
        return language;
    }

    public List<Reaction> reactions() {
        return reactions;
    }

    /** Hangs up once this much call time has passed, whatever is playing; null = never. */
    public Duration hangUpAfter() {
        return hangUpAfter;
    }

    /** Hangs up while a sound file whose name ends with this plays (STREAM FILE / GET DATA); null = never. */
    public String hangUpWhileHearing() {
        return hangUpWhileHearing;
    }

    /** When called back: how the customer's phone reacts to the ringing. */
    public Pickup pickup() {
        return pickup;
    }

    /** When called back: the customer ends the conversation after this long; null = the consultant ends it. */
    public Duration talksFor() {
        return talksFor;
    }

    /** When called back: hangs up together with the consultant, so never reaches the survey. */
    public boolean hangsUpBeforeSurvey() {
        return hangsUpBeforeSurvey;
    }

    /** When called back: what the customer tells the consultant ("answered", "left-for-the-day", ...). */
    public String outcome() {
        return outcome;
    }

    @Override
    public String toString() {
        return name;
    }

    public static final class Builder {
        static final Duration DEFAULT_THINK_TIME = Duration.ofMillis(800);
        private final String name;
        private String callerId;
        private String callerIdName;
        private String dnid;
        private String language = "en";
        private final List<Reaction> reactions = new ArrayList<>();
        private Duration hangUpAfter;
        private String hangUpWhileHearing;
        private Pickup pickup = new Pickup.AnswersAfter(Duration.ofSeconds(5));
        private Duration talksFor;
        private boolean hangsUpBeforeSurvey;
        private String outcome = "answered";

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        public Builder callerId(String number) {
            this.callerId = number;
            return this;
        }

        public Builder callerIdName(String displayName) {
            this.callerIdName = displayName;
            return this;
        }

        public Builder dnid(String dialled) {
            this.dnid = dialled;
            return this;
        }

        public Builder language(String channelLanguage) {
            this.language = Objects.requireNonNull(channelLanguage, "language");
            return this;
        }

        public Builder press(String digits) {
            return press(digits, DEFAULT_THINK_TIME);
        }

        public Builder press(String digits, Duration thinkTime) {
            reactions.add(new Press(digits, thinkTime));
            return this;
        }

        public Builder timeout() {
            reactions.add(new Silence());
            return this;
        }

        public Builder pressThenTimeout(String partialDigits) {
            reactions.add(new PressThenTimeout(partialDigits));
            return this;
        }

        public Builder hangUp() {
            reactions.add(new HangUp());
            return this;
        }

        public Builder hangUpAfter(Duration callTime) {
            this.hangUpAfter = callTime;
            return this;
        }

        /** Adds reactions in order, e.g. {@code then(press("1"), silence(), hangsUp())}. */
        public Builder then(Reaction... next) {
            for (Reaction r : next) {
                reactions.add(Objects.requireNonNull(r, "reaction"));
            }
            return this;
        }

        /** Hangs up while the sound file whose name ends with {@code fileSuffix} plays. */
        public Builder hangUpWhileHearing(String fileSuffix) {
            this.hangUpWhileHearing = fileSuffix;
            return this;
        }

        // --- When the desk calls this person back (AMI Originate → [callback] → Dial) ---

        /** Picks up after {@code ringing} (default 5 s). */
        public Builder answersAfter(Duration ringing) {
            this.pickup = new Pickup.AnswersAfter(ringing);
            return this;
        }

        /** Does not pick up: Dial gives up after its timeout (DIALSTATUS=NOANSWER). */
        public Builder noAnswer() {
            this.pickup = new Pickup.NoAnswer();
            this.outcome = "no-answer";
            return this;
        }

        /** On another call (DIALSTATUS=BUSY). */
        public Builder busy() {
            this.pickup = new Pickup.Busy();
            this.outcome = "busy";
            return this;
        }

        /** Not reachable: the network reports congestion (DIALSTATUS=CONGESTION, cause 34). */
        public Builder congestion() {
            this.pickup = new Pickup.Congestion();
            this.outcome = "congestion";
            return this;
        }

        /** Ends the conversation after {@code conversation}: the consultant's dialplan continues, no survey. */
        public Builder hangsUpAfterTalking(Duration conversation) {
            this.talksFor = conversation;
            return this;
        }

        /**
         * A colleague answers: the customer has left for the day. They say so and hang up after
         * 15 s, so the customer never reaches the survey.
         */
        public Builder leftForTheDay() {
            this.talksFor = Duration.ofSeconds(15);
            this.outcome = "left-for-the-day";
            return this;
        }

        /**
         * The customer solved it already: a short call the consultant closes, then the survey
         * (the score is the next {@link #press}, if any).
         */
        public Builder solvedAlready() {
            this.outcome = "solved-already";
            return this;
        }

        /** Hangs up as soon as the consultant does, before the survey starts. */
        public Builder hangsUpBeforeSurvey() {
            this.hangsUpBeforeSurvey = true;
            return this;
        }

        public CallerPersona build() {
            return new CallerPersona(this);
        }
    }
}
