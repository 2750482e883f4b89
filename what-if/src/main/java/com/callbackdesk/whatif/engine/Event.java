package com.callbackdesk.whatif.engine;

/** Something that happens at a point of virtual time. */
@FunctionalInterface
public interface Event {
    void fire();
}
