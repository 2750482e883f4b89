package com.callbackdesk.callback;

/** Where the callback number came from: the confirmed caller ID, or a number the caller keyed in. */
public enum NumberSource { CALLER_ID, ENTERED }
