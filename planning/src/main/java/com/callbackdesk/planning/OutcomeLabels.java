package com.callbackdesk.planning;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What a contact-centre person reads for an {@link OutcomeCode}, in English and Traditional
 * Chinese: the words for history, audit and figures, never the enum name. Every code has both.
 */
public final class OutcomeLabels {

    private static final Map<OutcomeCode, String> EN = new EnumMap<>(OutcomeCode.class);
    private static final Map<OutcomeCode, String> ZH_TW = new EnumMap<>(OutcomeCode.class);

    static {
        put(OutcomeCode.CONSULTANT_NO_ANSWER, "Consultant did not answer", "專員未接聽");
        put(OutcomeCode.CONSULTANT_CANCELLED, "Consultant hung up while the caller's phone rang",
                "專員在客戶電話響鈴時掛斷");
        put(OutcomeCode.PBX_RESTART, "Phone system restarted during the call", "通話期間電話系統重新啟動");
        put(OutcomeCode.NO_ANSWER, "No answer", "無人接聽");
        put(OutcomeCode.BUSY, "Busy", "忙線");
        put(OutcomeCode.CONGESTION, "Network congestion", "網路壅塞");
        put(OutcomeCode.INTERRUPTED, "Call interrupted (no result from the phone system)", "通話中斷（電話系統無回應）");
        put(OutcomeCode.ANSWERED, "Answered", "已接聽");
        put(OutcomeCode.RESOLVED, "Resolved", "已解決");
        put(OutcomeCode.CALL_BACK_AT, "Call back at the caller's time", "依客戶指定時間回電");
        put(OutcomeCode.LEFT_FOR_THE_DAY, "Caller has left for the day", "客戶今日已離開");
        put(OutcomeCode.ESCALATE, "Escalated", "已升級處理");
        put(OutcomeCode.WRONG_NUMBER, "Wrong number", "號碼錯誤");
    }

    private OutcomeLabels() {
    }

    private static void put(OutcomeCode code, String en, String zhTw) {
        EN.put(code, en);
        ZH_TW.put(code, zhTw);
    }

    /** The English label. */
    public static String label(OutcomeCode code) {
        return EN.get(Objects.requireNonNull(code, "code"));
    }

    /** The label in Traditional Chinese for {@code zh} locales (zh-TW, zh-Hant), English otherwise. */
    public static String label(OutcomeCode code, Locale locale) {
        Objects.requireNonNull(code, "code");
        if (locale != null && "zh".equals(locale.getLanguage())) {
            return ZH_TW.get(code);
        }
        return EN.get(code);
    }
}
