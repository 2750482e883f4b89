package com.callbackdesk.whatif.model;

/** A business day in virtual seconds: when the office opens and closes and when consultants' shift ends. */
public record OfficeDay(double opens, double closes, double shiftEnd) {
}
