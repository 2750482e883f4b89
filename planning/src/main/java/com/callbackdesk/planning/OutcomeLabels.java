package com.callbackdesk.planning;

import com.callbackdesk.planning.labels.Labels;

import java.util.Locale;
import java.util.Objects;

/**
 * What a contact-centre person reads for an {@link OutcomeCode}, in English and Traditional
 * Chinese: the words for history, audit and figures, never the enum name. The words are the
 * desk's one label table's ({@link Labels}, kind {@code outcome}), where every code has both.
 */
public final class OutcomeLabels {

    private OutcomeLabels() {
    }

    /** The English label. */
    public static String label(OutcomeCode code) {
        return Labels.loadDefault().label("outcome", Objects.requireNonNull(code, "code"), Labels.ENGLISH);
    }

    /** The label in Traditional Chinese for {@code zh} locales (zh-TW, zh-Hant), English otherwise. */
    public static String label(OutcomeCode code, Locale locale) {
        Objects.requireNonNull(code, "code");
        boolean chinese = locale != null && "zh".equals(locale.getLanguage());
        return Labels.loadDefault().label("outcome", code, chinese ? Labels.CHINESE : Labels.ENGLISH);
    }
}
