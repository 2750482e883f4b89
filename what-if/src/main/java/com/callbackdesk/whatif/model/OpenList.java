package com.callbackdesk.whatif.model;

/** The open requests, as an intrusive doubly-linked list: O(1) in and out, iterated once at the end. */
final class OpenList {
    Caller first;

    void add(Caller x) {
        x.next = first;
        if (first != null) {
            first.prev = x;
        }
        first = x;
    }

    void remove(Caller x) {
        if (x.prev != null) {
            x.prev.next = x.next;
        } else {
            first = x.next;
        }
        if (x.next != null) {
            x.next.prev = x.prev;
        }
        x.prev = null;
        x.next = null;
    }
}
