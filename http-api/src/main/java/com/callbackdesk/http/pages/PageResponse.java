package com.callbackdesk.http.pages;

/** What one of the caller's requests gets back: status, content type and body (a page or the image's bytes). */
record PageResponse(int status, String contentType, Object body) {

    static final String HTML = "text/html; charset=UTF-8";

    static PageResponse html(int status, Html page) {
        return new PageResponse(status, HTML, page.markup());
    }
}
