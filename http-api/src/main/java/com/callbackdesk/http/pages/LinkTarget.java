package com.callbackdesk.http.pages;

import com.callbackdesk.callback.Callback;
import com.callbackdesk.screenshot.ScreenshotRequest;

/**
 * What a caller's secret token leads to: its screenshot request and the callback, which is still
 * open, and the language the page is shown in ({@link PageLanguage}).
 */
record LinkTarget(ScreenshotRequest request, Callback callback, String language) {

    /** The page in the language the caller chose at intake. */
    LinkTarget(ScreenshotRequest request, Callback callback) {
        this(request, callback, callback.language());
    }
}
