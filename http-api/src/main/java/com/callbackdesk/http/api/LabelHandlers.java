package com.callbackdesk.http.api;

import com.callbackdesk.planning.labels.Labels;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code GET /api/labels?lang=zh-TW}: the desk's label table in one language (kind → code →
 * label, the same table the IVR's menus and the caller pages use), the office time zone every
 * time is shown in, and the languages there are. Public (the login page is labelled too); each
 * language's answer is built once (the table only changes with a release) and the console
 * fetches it once per page load.
 */
final class LabelHandlers {

    /** What the console labels and formats with. */
    record LabelTable(String lang, List<String> languages, String officeZone,
                      Map<String, Map<String, String>> labels) {
    }

    private final Labels labels;
    private final String officeZone;
    private final Map<String, LabelTable> byLanguage = new ConcurrentHashMap<>();

    LabelHandlers(Labels labels, String officeZone) {
        this.labels = labels;
        this.officeZone = officeZone;
    }

    ApiResponse labels(ApiCall call) {
        String asked = call.query("lang");
        String lang = asked != null ? Labels.language(asked) : Labels.language(call.header("Accept-Language"));
        LabelTable table = byLanguage.computeIfAbsent(lang,
                l -> new LabelTable(l, labels.languages(), officeZone, labels.table(l)));
        return ApiResponse.ok(table);
    }
}
