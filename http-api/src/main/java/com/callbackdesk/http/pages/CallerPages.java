package com.callbackdesk.http.pages;

import com.callbackdesk.callback.Callback;
import com.callbackdesk.planning.labels.Labels;
import com.callbackdesk.routes.screenshot.ScreenshotSettings;
import com.callbackdesk.routes.screenshot.ScreenshotTexts;
import com.callbackdesk.screenshot.ScreenshotRequest;

import java.util.Map;
import java.util.Objects;

/**
 * The pages a caller sees through the links of the screenshot step, in the language they chose at
 * intake ({@link ScreenshotTexts}), each a template under {@code pages/} inside the one layout.
 * Only rendering lives here: which page a request gets is decided by {@link ScreenshotUploads}
 * and {@link CancelLinks}. The 404, 405 and 500 pages are bilingual fixed text, as no callback
 * (so no language) is known when they are shown.
 */
final class CallerPages {

    private final ScreenshotSettings settings;
    private final ScreenshotTexts texts;
    private final PageTemplates templates;
    private final Labels labels = Labels.loadDefault();

    CallerPages(ScreenshotSettings settings, ScreenshotTexts texts, PageTemplates templates) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.texts = Objects.requireNonNull(texts, "texts");
        this.templates = Objects.requireNonNull(templates, "templates");
    }

    // ------------------------------------------------------------------ upload

    /** The upload form; after a decline it says the caller may still send one. */
    PageResponse uploadForm(LinkTarget t, boolean declinedBefore) {
        ScreenshotTexts.Texts x = textsFor(t);
        ScreenshotRequest r = t.request();
        String limit = human(settings.maxUploadBytes());
        Html declinedNote = declinedBefore
                ? templates.render("status", Map.of("text", x.get("upload.declinedNote"), "more", Html.EMPTY))
                : Html.EMPTY;
        return page(t, 200, x, "upload.title", templates.render("upload", Map.of(
                "declinedNote", declinedNote,
                "intro", x.get("upload.intro", t.callback().id(), limit),
                "uploadLink", settings.uploadLink(r.token()),
                "label", x.get("upload.label"),
                "limits", x.get("upload.limits", limit),
                "uploadButton", x.get("upload.button"),
                "declineButton", x.get("decline.button"),
                "cancelLink", cancelLink(x, r))));
    }

    /** The upload page once the screenshot is in (the caller opened the link again). */
    PageResponse alreadyHaveIt(LinkTarget t) {
        ScreenshotTexts.Texts x = textsFor(t);
        return page(t, 200, x, "received.title", message(x.get("received.text", t.callback().id()),
                cancelLink(x, t.request())));
    }

    /** The answer to the upload that was stored. */
    PageResponse received(LinkTarget t) {
        ScreenshotTexts.Texts x = textsFor(t);
        return page(t, 200, x, "received.title", status(x.get("received.text", t.callback().id()),
                cancelLink(x, t.request())));
    }

    /** A second upload, or a decline after the upload: 409. */
    PageResponse alreadyReceived(LinkTarget t) {
        ScreenshotTexts.Texts x = textsFor(t);
        return page(t, 409, x, "already.title", message(x.get("already.text", t.callback().id()), Html.EMPTY));
    }

    PageResponse tooLarge(LinkTarget t) {
        ScreenshotTexts.Texts x = textsFor(t);
        return page(t, 413, x, "tooLarge.title", message(x.get("tooLarge.text", human(settings.maxUploadBytes())),
                backLink(x, t.request())));
    }

    PageResponse noFile(LinkTarget t) {
        ScreenshotTexts.Texts x = textsFor(t);
        return page(t, 400, x, "noFile.title", message(x.get("noFile.text"), backLink(x, t.request())));
    }

    PageResponse notImage(LinkTarget t) {
        ScreenshotTexts.Texts x = textsFor(t);
        return page(t, 415, x, "notImage.title", message(x.get("notImage.text"), backLink(x, t.request())));
    }

    /** The caller said they cannot send one; they may still upload one after all. */
    PageResponse declined(LinkTarget t) {
        ScreenshotTexts.Texts x = textsFor(t);
        ScreenshotRequest r = t.request();
        Html uploadAnyway = templates.render("link", Map.of("href", settings.uploadLink(r.token()),
                "text", x.get("declined.uploadAnyway")));
        return page(t, 200, x, "declined.title", status(x.get("declined.text", t.callback().id()),
                join(uploadAnyway, cancelLink(x, r))));
    }

    // ------------------------------------------------------------------ cancel

    /** Asks to confirm: opening the link changes nothing, only the form's POST cancels. */
    PageResponse cancelConfirm(LinkTarget t) {
        Callback cb = t.callback();
        ScreenshotTexts.Texts x = textsFor(t);
        return page(t, 200, x, "cancel.title", templates.render("cancel", Map.of(
                "text", x.get("cancel.text", cb.id(), labels.label("product", cb.product(), x.language()),
                        labels.label("category", cb.category(), x.language())),
                "cancelLink", settings.cancelLink(t.request().token()),
                "cancelButton", x.get("cancel.button"),
                "keep", x.get("cancel.keep"))));
    }

    PageResponse cancelled(LinkTarget t) {
        ScreenshotTexts.Texts x = textsFor(t);
        return page(t, 200, x, "cancelled.title", status(x.get("cancelled.text", t.callback().id()), Html.EMPTY));
    }

    /** A consultant has the callback: too late to cancel here (409). */
    PageResponse beingHandled(LinkTarget t) {
        ScreenshotTexts.Texts x = textsFor(t);
        return page(t, 409, x, "handled.title", message(x.get("handled.text", t.callback().id()), Html.EMPTY));
    }

    // ------------------------------------------------------------------ no callback known

    PageResponse notFound() {
        return PageResponse.html(404, layout("en", "Link not found — Callback Desk", "Link not found / 找不到連結",
                templates.render("not-found", Map.of())));
    }

    PageResponse methodNotAllowed(String allowed) {
        return PageResponse.html(405, layout("en", "Not allowed — Callback Desk", "Not allowed",
                templates.render("method-not-allowed", Map.of("allowed", allowed))));
    }

    PageResponse error() {
        return PageResponse.html(500, layout("en", "Something went wrong — Callback Desk",
                "Something went wrong / 系統發生錯誤", templates.render("error", Map.of())));
    }

    // ------------------------------------------------------------------ parts

    private ScreenshotTexts.Texts textsFor(LinkTarget t) {
        return texts.in(t.language());
    }

    private PageResponse page(LinkTarget t, int status, ScreenshotTexts.Texts x, String titleKey, Html body) {
        String title = x.get(titleKey);
        // The switch reopens the page the caller can come back to: the upload page, or the cancel question;
        // after a cancellation there is none.
        String token = t.request().token();
        Html languageSwitch = "cancelled.title".equals(titleKey) ? Html.EMPTY
                : languageSwitch(x.language(), titleKey.startsWith("cancel.") || titleKey.startsWith("handled.")
                        ? settings.cancelLink(token) : settings.uploadLink(token));
        return PageResponse.html(status, layout(x.get("html.lang"), title + " — " + x.get("brand"), title, body,
                languageSwitch));
    }

    private Html layout(String lang, String title, String heading, Html body) {
        return layout(lang, title, heading, body, Html.EMPTY);
    }

    private Html layout(String lang, String title, String heading, Html body, Html languageSwitch) {
        return templates.render("layout", Map.of("lang", lang, "title", title, "heading", heading, "body", body,
                "languageSwitch", languageSwitch));
    }

    /** A link to the same page in the other language, named in that language (the choice is remembered). */
    private Html languageSwitch(String current, String page) {
        boolean chinese = Labels.CHINESE.equals(current);
        return templates.render("language-switch", Map.of(
                "href", page + "?lang=" + (chinese ? Labels.ENGLISH : Labels.CHINESE),
                "lang", chinese ? "en" : "zh-Hant-TW",
                "text", chinese ? "English" : "中文"));
    }

    private Html message(String text, Html more) {
        return templates.render("message", Map.of("text", text, "more", more));
    }

    private Html status(String text, Html more) {
        return templates.render("status", Map.of("text", text, "more", more));
    }

    private Html cancelLink(ScreenshotTexts.Texts x, ScreenshotRequest r) {
        return templates.render("cancel-link", Map.of("question", x.get("cancel.question"),
                "cancelLink", settings.cancelLink(r.token()), "linkText", x.get("cancel.linkText")));
    }

    private Html backLink(ScreenshotTexts.Texts x, ScreenshotRequest r) {
        return templates.render("link", Map.of("href", settings.uploadLink(r.token()), "text", x.get("back.linkText")));
    }

    private static Html join(Html first, Html second) {
        return new Html(first.markup() + second.markup());
    }

    /** The upload limit as callers read it: {@code 64 KB}, {@code 5 MB}, else bytes. */
    static String human(long bytes) {
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return (bytes / (1024 * 1024)) + " MB";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return (bytes / 1024) + " KB";
        }
        return bytes + " bytes";
    }
}
