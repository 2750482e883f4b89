package com.callbackdesk.planning.retry;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

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

    /**
     * Numbers already looked up. Parsing a number costs ~10 µs, and the dashboard's at-risk count
     * and the queue view look up every waiting caller on every refresh: 20,000 waiting at a peak
     * were 200 ms of parsing per refresh. The answer depends on the number
     * alone, so it never goes stale; the map is emptied when it reaches {@link #CACHE_MAX} numbers
     * (~10 MB), which bounds it and costs one re-parse of the numbers still in use.
     */
    private static final Map<String, Optional<ZoneId>> CACHE = new ConcurrentHashMap<>();
    static final int CACHE_MAX = 100_000;

    public static Optional<ZoneId> of(String e164) {
        if (e164 == null) {
            return Optional.empty();
        }
        Optional<ZoneId> known = CACHE.get(e164);
        if (known != null) {
            return known;
        }
        if (CACHE.size() >= CACHE_MAX) {
            CACHE.clear();
        }
        Optional<ZoneId> zone = lookUp(e164);
        CACHE.put(e164, zone);
        return zone;
    }

    private static Optional<ZoneId> lookUp(String e164) {
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
