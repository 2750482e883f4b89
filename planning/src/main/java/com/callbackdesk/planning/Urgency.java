package com.callbackdesk.planning;

/** How urgent the caller said the problem is. Urgent callbacks come first within an escalation level. */
public enum Urgency { NORMAL, URGENT }
