package com.callbackdesk.screenshot;

/** How the upload link reaches the caller (their choice at intake, MISSION story 7). */
public enum ScreenshotChannel { SMS, EMAIL }
