package com.callbackdesk.demo;

import com.callbackdesk.pbxsim.CallerPersona;

import java.time.Duration;
import java.util.List;

/**
 * The demo's callers: the field's stories as scripted key presses. The intake asks, in
 * order: language (1 English, 2 中文), then — for a number that already has a waiting callback —
 * 1 cancel / 2 keep / 3 change its time; otherwise callback number (1 = the number read back, or key one + #),
 * product, problem category, urgency (1 normal, 2 urgent), reachable until (HHMM or *), and for
 * categories that need a screen, how to send the screenshot link (1 SMS, 2 e-mail, 3 decline); when
 * the callback cannot fit before the caller's end of day, 1 keeps the next-morning slot or HHMM picks a time.
 */
final class DemoCallers {

    private DemoCallers() {
    }

    static List<CallerPersona> all() {
        return List.of(
                caller("urgent-before-leaving", "+886223456789").press("1").press("1").press("1").press("1")
                        .press("2").press("1730").build(),
                caller("error-dialog-by-sms", "+886912345678").press("1").press("1").press("2").press("2")
                        .press("1").press("*").press("1").build(),
                caller("mandarin-speaker", "+886227654321").press("2").press("1").press("3").press("1")
                        .press("1").press("1600").build(),
                caller("withheld-keys-number", null).press("1").press("0223334444#").press("4").press("4")
                        .press("1").press("*").build(),
                caller("office-line-gives-mobile", "+886223456700").press("1").press("0912000111#").press("2")
                        .press("1").press("1").press("1800").build(),
                caller("wrong-product-key-first", "+886223450001").press("1").press("1").press("9").press("2")
                        .press("1").press("1").press("*").build(),
                caller("silent-at-the-menus", "+886223450002").timeout().press("1").press("1").press("1").press("4")
                        .timeout().timeout().timeout().press("*").build(),
                caller("malformed-number", null).press("1").press("12#").press("99#").press("123#").build(),
                caller("hangs-up-at-product", "+886223450003").press("1").press("1").hangUp().build(),
                caller("hangs-up-at-reachable-until", "+886223450004").press("1").press("1").press("1").press("1")
                        .press("1").hangUp().build(),
                // Recognised by their number, solved it meanwhile, cancels with one key.
                caller("solved-it-calls-to-cancel", "+886223456789").press("1").press("1").build(),
                caller("time-already-passed", "+886223450005").press("1").press("1").press("3").press("4")
                        .press("1").press("0800").press("1830").build(),
                caller("declines-screenshot", "+886223450006").press("1").press("1").press("2").press("3")
                        .press("1").press("*").press("3").build(),
                caller("screenshot-by-email", "+886223450007").press("1").press("1").press("3").press("2")
                        .press("2", Duration.ofSeconds(2)).press("1700").press("2").build(),
                caller("urgent-until-office-close", "+886223450008").press("1").press("1").press("4").press("1")
                        .press("2").press("*").build(),
                caller("mandarin-error-message", "+886912345679").press("2").press("1").press("2").press("2")
                        .press("2").press("1500").press("1").build(),
                caller("too-long-number", null).press("1").press("02234567890123456789").press("0287654321#")
                        .press("3").press("1").press("1").press("*").build(),
                caller("hangs-up-at-once", "+886223450009").hangUp().build(),
                // The same person from a withheld line keys the same number: merged, no duplicate.
                caller("same-person-withheld-line", null).press("1").press("0912345678#").press("2").press("2")
                        .press("2").press("*").press("1").build(),
                caller("billing-question", "+886223450010").press("1").press("1").press("1").press("4")
                        .press("1").press("1730").build(),
                // Gone at 10:20, too soon for a call that needs 30 minutes' lead. The IVR
                // says it moves to tomorrow morning; one keeps that, the other keys 14:00.
                caller("leaves-1020-keeps-morning", "+886223450011").press("1").press("1").press("2").press("1")
                        .press("1").press("1020").press("1").build(),
                caller("leaves-1020-picks-1400", "+886223450012").press("1").press("1").press("3").press("1")
                        .press("1").press("1020").press("1400").build());
    }

    private static CallerPersona.Builder caller(String name, String callerId) {
        return CallerPersona.named(name).callerId(callerId).callerIdName(name);
    }
}
