package com.callbackdesk.whatif.model;

import com.callbackdesk.whatif.scenario.Scenario.Shift;

/** One simulated consultant of a group, on one shift pattern. */
final class Consultant {
    final int group;
    final Shift shift;
    boolean onShift;
    boolean busy;
    double busySince;
    double shiftEndAt;

    Consultant(int group, Shift shift) {
        this.group = group;
        this.shift = shift;
    }
}
