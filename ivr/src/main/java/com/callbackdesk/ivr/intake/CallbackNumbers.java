package com.callbackdesk.ivr.intake;

import com.callbackdesk.ivr.dialog.Interpretation;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.ValidationResult;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import java.util.Objects;
import java.util.Optional;

/**
 * Phone numbers as the intake needs them: the presented caller ID and keyed numbers checked
 * with libphonenumber and normalised to E.164, so the dialer and de-duplication see one form.
 */
public final class CallbackNumbers {

    /** Asterisk's presentation values from 32 upward mean "restricted" or "unavailable". */
    private static final int PRESENTATION_RESTRICTED_FROM = 32;

    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    private final String defaultRegion;

    public CallbackNumbers(String defaultRegion) {
        this.defaultRegion = Objects.requireNonNull(defaultRegion, "defaultRegion");
        if (!util.getSupportedRegions().contains(defaultRegion)) {
            throw new IllegalArgumentException("unknown phone region " + defaultRegion);
        }
    }

    /**
     * The caller ID, if it is a real, dialable number: not withheld ({@code unknown},
     * restricted presentation) and valid for its region.
     */
    public Optional<String> usableCallerId(String agiCallerId, Integer callingPresentation) {
        if (agiCallerId == null || agiCallerId.isBlank() || "unknown".equalsIgnoreCase(agiCallerId.trim())) {
            return Optional.empty();
        }
        if (callingPresentation != null && callingPresentation >= PRESENTATION_RESTRICTED_FROM) {
            return Optional.empty();
        }
        return parseValid(agiCallerId.trim()).map(this::e164);
    }

    /** The number read back to the caller: national digits, as they would dial it ("0223456789"). */
    public String nationalDigits(String e164) {
        PhoneNumber number = parseValid(e164)
                .orElseThrow(() -> new IllegalArgumentException("not a valid number: " + e164));
        return util.format(number, PhoneNumberFormat.NATIONAL).replaceAll("[^0-9]", "");
    }

    /** A number the caller keyed: E.164, or why not (too long gets its own prompt). */
    public Interpretation<String> interpretKeyed(String digits) {
        if (digits == null || digits.isEmpty() || !digits.chars().allMatch(Character::isDigit)) {
            return Interpretation.invalid(IntakePrompts.NUMBER_INVALID);
        }
        try {
            PhoneNumber number = util.parse(digits, defaultRegion);
            if (util.isPossibleNumberWithReason(number) == ValidationResult.TOO_LONG) {
                return Interpretation.invalid(IntakePrompts.NUMBER_TOO_LONG);
            }
            return util.isValidNumber(number)
                    ? Interpretation.valid(e164(number))
                    : Interpretation.invalid(IntakePrompts.NUMBER_INVALID);
        } catch (NumberParseException e) {
            return e.getErrorType() == NumberParseException.ErrorType.TOO_LONG
                    ? Interpretation.invalid(IntakePrompts.NUMBER_TOO_LONG)
                    : Interpretation.invalid(IntakePrompts.NUMBER_INVALID);
        }
    }

    private Optional<PhoneNumber> parseValid(String text) {
        try {
            PhoneNumber number = util.parse(text, defaultRegion);
            return util.isValidNumber(number) ? Optional.of(number) : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    private String e164(PhoneNumber number) {
        return util.format(number, PhoneNumberFormat.E164);
    }
}
