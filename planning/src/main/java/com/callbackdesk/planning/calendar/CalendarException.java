package com.callbackdesk.planning.calendar;

import java.util.List;

/** A business calendar file that cannot be used; every problem names its field. */
public final class CalendarException extends RuntimeException {

    private final List<String> problems;

    public CalendarException(List<String> problems) {
        super("Invalid business calendar: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
