package com.callbackdesk.routes.intake;

import com.callbackdesk.ivr.intake.CapturedIntake;
import com.callbackdesk.ivr.intake.CapturedIntake.ScreenshotChoice;
import com.callbackdesk.ivr.prompts.MenuOption;
import com.callbackdesk.ivr.prompts.PromptCatalogue;

import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Re-checks what the IVR captured against the same catalogue the IVR offered. The IVR validates
 * on the phone, but the desk is the last line before storage and must not trust any caller of
 * its port (a future web form, a mis-edited catalogue, a bug): each refusal names the field.
 */
public final class IntakeValidator {

    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{6,14}");

    private final Map<String, MenuOption> products;
    private final Map<String, MenuOption> categories;

    public IntakeValidator(PromptCatalogue catalogue) {
        this.products = byCode(catalogue.products());
        this.categories = byCode(catalogue.categories());
    }

    private static Map<String, MenuOption> byCode(Iterable<MenuOption> options) {
        return java.util.stream.StreamSupport.stream(options.spliterator(), false)
                .collect(Collectors.toUnmodifiableMap(MenuOption::code, Function.identity()));
    }

    public void validate(CapturedIntake intake) {
        if (intake == null) {
            throw new InvalidIntakeException("intake", "is missing");
        }
        if (!E164.matcher(intake.callbackNumber()).matches()) {
            throw new InvalidIntakeException("callbackNumber", "must be E.164 (+ and 7 to 15 digits), was '"
                    + intake.callbackNumber() + "'");
        }
        if (intake.callerId() != null && !E164.matcher(intake.callerId()).matches()) {
            throw new InvalidIntakeException("callerId", "must be E.164 or absent, was '" + intake.callerId() + "'");
        }
        if (!products.containsKey(intake.product())) {
            throw new InvalidIntakeException("product", "unknown product code '" + intake.product()
                    + "', expected one of " + products.keySet());
        }
        MenuOption category = categories.get(intake.category());
        if (category == null) {
            throw new InvalidIntakeException("category", "unknown category code '" + intake.category()
                    + "', expected one of " + categories.keySet());
        }
        // A category that needs the screen must carry the caller's choice for the link.
        if (category.needsScreen() && intake.screenshotChoice() == ScreenshotChoice.NOT_NEEDED) {
            throw new InvalidIntakeException("screenshotChoice", "category " + category.code()
                    + " needs a screenshot: SMS, EMAIL or DECLINED, not NOT_NEEDED");
        }
        if (intake.callUniqueId().isBlank()) {
            throw new InvalidIntakeException("callUniqueId", "must not be blank");
        }
    }
}
