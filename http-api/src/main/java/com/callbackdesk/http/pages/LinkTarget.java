package com.callbackdesk.http.pages;

import com.callbackdesk.callback.Callback;
import com.callbackdesk.screenshot.ScreenshotRequest;

/** What a caller's secret token leads to: its screenshot request and the callback, which is still open. */
record LinkTarget(ScreenshotRequest request, Callback callback) {
}
