package com.callbackdesk.retry;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The caller's time zone, from their number: "until 17:00" means 17:00 on the caller's clock.
 * Only a number whose prefix maps to exactly one zone gives one (a Taiwanese or Japanese
 * number does; a US number spans several zones and gives none — the office's zone is used, and
 * a supervisor may change the callback's time by hand).
 */
public final class CallerTimeZones {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private CallerTimeZones() {
    }

    public static Optional<ZoneId> of(String e164) {
        if (e164 == null) {
            return Optional.empty();
        }
        try {
            Phonenumber.PhoneNumber number = PHONES.parse(e164, null);
            List<String> zones = PhoneNumberToTimeZonesMapper.getInstance().getTimeZonesForNumber(number);
            if (zones.size() != 1 || PhoneNumberToTimeZonesMapper.getUnknownTimeZone().equals(zones.get(0))) {
                return Optional.empty();
            }
            return Optional.of(ZoneId.of(zones.get(0)));
        } catch (NumberParseException | DateTimeException e) {
            return Optional.empty();
        }
    }
}
