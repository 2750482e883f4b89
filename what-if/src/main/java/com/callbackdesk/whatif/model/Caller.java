package com.callbackdesk.whatif.model;

import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.planning.EscalationLevel;
import com.callbackdesk.planning.Urgency;
import com.callbackdesk.planning.queue.QueueItem;
import com.callbackdesk.whatif.scenario.Scenario.Persona;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One simulated request and the caller behind it: who they are (drawn at arrival from their own
 * random stream), what the desk knows of the request, and where it is in its life. Mutable and
 * package-private: only the simulation's parts touch it, and it leaves memory once the request
 * closes and its last pending event has fired.
 */
final class Caller {
    // links of the open-request list (OpenList)
    Caller prev;
    Caller next;

    // who they are
    long id;
    SplittableRandom rng;
    Persona persona;
    int personaIndex;
    int category;
    Urgency urgency;
    EscalationLevel level;
    double arrival;
    int arrivalHour;
    boolean counted;
    LocalTime statedUntil;
    double leaveSod;
    int requestDay = -1;
    double requestDayLeave = Double.NaN;
    double selfResolveAt = Double.POSITIVE_INFINITY;
    boolean cancels;
    boolean refusesScreenshot;
    boolean wrongNumber;
    boolean askedForLater;

    // what happened
    double endOfDay;
    boolean missDecided;
    CallbackState closedAs;
    double resolvedAt = Double.NaN;
    double firstContact = Double.NaN;
    double notBefore = Double.NaN;
    final List<SimAttempt> attempts = new ArrayList<>(4);
    int token;
    int emptyWindows;
    boolean open = true;
    boolean inDial;
    int mergeCount;

    // its current attempt
    QueueItem queued;
    double queuedAt;
    double plannedAt;
    double windowLatest;

    /** What the retry planner is told about the request (what the caller said to the IVR). */
    PlanInput planInput() {
        return new PlanInput(id, urgency, arrival, statedUntil, persona.zone(), notBefore);
    }
}
