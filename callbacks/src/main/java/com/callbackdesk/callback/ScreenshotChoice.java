package com.callbackdesk.callback;

/** How the caller wants the screenshot upload link (MISSION story 7); NOT_NEEDED for categories without a screen. */
public enum ScreenshotChoice { NOT_NEEDED, SMS, EMAIL, DECLINED }
