package com.callbackdesk.callback;

/** How the caller wants the screenshot upload link; NOT_NEEDED for categories without a screen. */
public enum ScreenshotChoice { NOT_NEEDED, SMS, EMAIL, DECLINED }
