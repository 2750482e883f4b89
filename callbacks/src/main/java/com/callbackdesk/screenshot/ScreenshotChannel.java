package com.callbackdesk.screenshot;

/** How the upload link reaches the caller (their choice at intake). */
public enum ScreenshotChannel { SMS, EMAIL }
