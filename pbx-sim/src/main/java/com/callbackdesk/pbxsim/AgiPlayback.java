package com.callbackdesk.pbxsim;

import java.time.Duration;
import java.util.List;

/**
 * What the caller hears and keys while an AGI command plays or waits (STREAM FILE, GET DATA,
 * WAIT FOR DIGIT): sound files take their length, the caller persona's next reaction decides
 * which keys come and when, and the keys reach the channel as DTMF. Replies as res_agi writes them.
 */
final class AgiPlayback {

    private static final int SAMPLES_PER_SECOND = 8000;
    private static final int DEFAULT_FILE_SAMPLES = 16000;
    private static final long DEFAULT_GET_DATA_TIMEOUT_MS = 6000;

    private final SimulatedChannel channel;
    private final PbxSettings settings;

    AgiPlayback(SimulatedChannel channel, PbxSettings settings) {
        this.channel = channel;
        this.settings = settings;
    }

    private static List<String> ok(int result) {
        return List.of("200 result=" + result);
    }

    /** Whether Asterisk finds the file for the channel's language; a missing one is noted for the call record. */
    private boolean found(String file) {
        if (settings.sounds().exists(file, channel.language)) {
            return true;
        }
        channel.missingSounds.add(file);
        return false;
    }

    List<String> streamFile(String file, String escapeDigits) {
        if (!found(file)) {
            // ast_streamfile fails before anything is played: no wait, no key read, the channel stays up.
            return List.of("200 result=-1 endpos=0");
        }
        int samples = soundLength(file);
        if (channel.hangsUpHearing(file)) {
            // ast_waitstream returns -1 when the channel hangs up mid-file; res_agi reports the offset.
            int heard = samples / 2;
            pass(Duration.ofMillis(heard * 1000L / SAMPLES_PER_SECOND));
            return List.of("200 result=-1 endpos=" + heard);
        }
        if (!escapeDigits.isEmpty() && channel.reactions.peek() instanceof CallerPersona.Press press
                && escapeDigits.indexOf(press.digits().charAt(0)) >= 0) {
            channel.reactions.poll();
            int heard = Math.min(samples, (int) (press.thinkTime().toMillis() * SAMPLES_PER_SECOND / 1000));
            pass(press.thinkTime());
            keyed(press.digits().substring(0, 1));
            return List.of("200 result=" + (int) press.digits().charAt(0) + " endpos=" + heard);
        }
        pass(Duration.ofMillis(samples * 1000L / SAMPLES_PER_SECOND));
        return List.of("200 result=0 endpos=" + samples);
    }

    private static int soundLength(String file) {
        return "beep".equals(file) ? 2000 : DEFAULT_FILE_SAMPLES;
    }

    List<String> getData(List<String> args) {
        String file = args.get(0);
        long timeoutMs = args.size() > 1 && !args.get(1).isEmpty() ? Long.parseLong(args.get(1)) : DEFAULT_GET_DATA_TIMEOUT_MS;
        int maxDigits = args.size() > 2 && !args.get(2).isEmpty() ? Integer.parseInt(args.get(2)) : 1024;
        if (!found(file)) {
            // app.c's ast_app_getdata: the stream fails, -1 at once, no key read, the channel stays up.
            return ok(-1);
        }
        if (channel.hangsUpHearing(file)) {
            return ok(-1);
        }
        pass(Duration.ofMillis(soundLength(file) * 1000L / SAMPLES_PER_SECOND));
        CallerPersona.Reaction reaction = nextReaction();
        if (reaction instanceof CallerPersona.HangUp) {
            channel.hungUp = true;
            return ok(-1);
        }
        if (reaction instanceof CallerPersona.PressThenTimeout partial) {
            keyed(keep(partial.digits(), maxDigits));
            pass(Duration.ofMillis(timeoutMs));
            return List.of("200 result=" + keep(partial.digits(), maxDigits) + " (timeout)");
        }
        if (reaction instanceof CallerPersona.Press press) {
            pass(press.thinkTime());
            String keys = press.digits();
            int hash = keys.indexOf('#');
            String typed = hash >= 0 ? keys.substring(0, hash) : keys;
            keyed(typed.length() >= maxDigits ? typed.substring(0, maxDigits) : hash >= 0 ? keys.substring(0, hash + 1) : typed);
            if (typed.length() >= maxDigits) {
                return List.of("200 result=" + typed.substring(0, maxDigits));
            }
            if (hash >= 0) {
                return List.of("200 result=" + typed);
            }
            pass(Duration.ofMillis(timeoutMs));   // waits for more keys that never come
            return List.of("200 result=" + typed + " (timeout)");
        }
        pass(Duration.ofMillis(timeoutMs));
        return List.of("200 result= (timeout)");
    }

    /**
     * SAY DIGITS (say.c): one {@code digits/<c>} file per character in the channel's language; a
     * missing one is skipped in silence and nothing reports it: always {@code 200 result=0}.
     */
    List<String> sayDigits(String digits) {
        for (char c : digits.toCharArray()) {
            String file = digitFile(c);
            if (file != null && found(file)) {
                pass(Duration.ofMillis(500));
            }
        }
        return ok(0);
    }

    static String digitFile(char c) {
        return switch (c) {
            case '*' -> "digits/star";
            case '#' -> "digits/pound";
            case '-' -> "digits/minus";
            default -> c >= '0' && c <= '9' ? "digits/" + c : null;
        };
    }

    /** The caller's keys reach the channel as DTMF (AMI DTMFBegin/DTMFEnd). */
    private void keyed(String keys) {
        for (char c : keys.toCharArray()) {
            channel.events.dtmf(channel, c);
        }
    }

    private static String keep(String digits, int max) {
        return digits.length() > max ? digits.substring(0, max) : digits;
    }

    List<String> waitForDigit(long timeoutMs) {
        CallerPersona.Reaction reaction = nextReaction();
        if (reaction instanceof CallerPersona.HangUp) {
            channel.hungUp = true;
            return ok(-1);
        }
        String digits = reaction instanceof CallerPersona.Press p ? p.digits()
                : reaction instanceof CallerPersona.PressThenTimeout t ? t.digits() : null;
        if (digits == null) {
            pass(Duration.ofMillis(Math.max(0, timeoutMs)));
            return ok(0);
        }
        if (reaction instanceof CallerPersona.Press p) {
            pass(p.thinkTime());
        }
        keyed(digits.substring(0, 1));
        return ok(digits.charAt(0));
    }

    private CallerPersona.Reaction nextReaction() {
        CallerPersona.Reaction r = channel.reactions.poll();
        if (r == null) {
            channel.unscriptedInputs++;
            return new CallerPersona.Silence();
        }
        return r;
    }


    /** Advances the call's virtual time, and sleeps for it when the PBX runs in (scaled) real time. */
    void pass(Duration d) {
        channel.advance(d);
        sleep(d);
    }

    private void sleep(Duration d) {
        if (settings.timeScale() > 0) {
            try {
                Thread.sleep((long) (d.toMillis() * settings.timeScale()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
