package com.callbackdesk.http.pages;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The renderer behind the caller pages: text is escaped, its own fragments are not, and gaps fail loudly. */
class PageTemplatesTest {

    private final PageTemplates templates = new PageTemplates();

    @Test
    void everyValueIsEscapedInTextAndInAttributes() {
        Html link = templates.render("link", Map.of("href", "/s/x\" onclick=\"alert(1)", "text", "<b>Tom & 'Jerry'</b>"));

        assertThat(link.markup()).isEqualTo("<p><a href=\"/s/x&quot; onclick=&quot;alert(1)\">"
                + "&lt;b&gt;Tom &amp; &#39;Jerry&#39;&lt;/b&gt;</a></p>\n");
    }

    @Test
    void aRenderedFragmentGoesIntoAPageAsMarkup() {
        Html inner = templates.render("link", Map.of("href", "/s/abc", "text", "Back"));

        Html page = templates.render("message", Map.of("text", "a < b", "more", inner));

        assertThat(page.markup()).isEqualTo("<p>a &lt; b</p>\n<p><a href=\"/s/abc\">Back</a></p>\n\n");
    }

    @Test
    void aMissingValueAnUnusedValueOrAnUnknownTemplateIsAMistake() {
        assertThatThrownBy(() -> templates.render("link", Map.of("href", "/s/abc")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("{{text}}");
        assertThatThrownBy(() -> templates.render("link", Map.of("href", "/s/abc", "text", "x", "txet", "y")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("txet");
        assertThatThrownBy(() -> templates.render("nope", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
    }

    @Test
    void theLayoutIsOneWholePage() {
        Html page = templates.render("layout", Map.of("lang", "zh-Hant-TW", "title", "標題 — Callback Desk",
                "heading", "標題", "body", Html.EMPTY, "languageSwitch", Html.EMPTY));

        assertThat(page.markup()).startsWith("<!DOCTYPE html>\n<html lang=\"zh-Hant-TW\">")
                .contains("<meta charset=\"utf-8\">").contains("<title>標題 — Callback Desk</title>")
                .contains("<h1>標題</h1>").endsWith("</html>\n").doesNotContain("{{");
    }
}
