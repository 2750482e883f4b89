package com.callbackdesk.http.pages;

import java.util.Objects;

/**
 * Markup the {@link PageTemplates} produced: the one kind of value a template takes as it is.
 * Every other value is text and gets escaped, so a caller's or a consultant's words can never
 * become markup on a page.
 */
record Html(String markup) {

    static final Html EMPTY = new Html("");

    Html {
        Objects.requireNonNull(markup, "markup");
    }

    @Override
    public String toString() {
        return markup;
    }
}
