package com.callbackdesk.demo;

import com.callbackdesk.server.CallbackDesk;
import com.callbackdesk.callback.Actor;
import com.callbackdesk.callback.AuditEntry;
import com.callbackdesk.callback.Callback;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.consultant.ConsultantState;
import com.callbackdesk.ivr.prompts.MenuOption;
import com.callbackdesk.ivr.prompts.PromptCatalogue;
import com.callbackdesk.pbxsim.CallerPersona;
import com.callbackdesk.pbxsim.ConsultantPersona;
import com.callbackdesk.pbxsim.SimulatedPbx;
import com.callbackdesk.queue.Attempt;
import com.callbackdesk.queue.Claim;
import com.callbackdesk.queue.Outcome;
import com.callbackdesk.routes.dialer.DialResult;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static com.callbackdesk.pbxsim.CallerPersona.press;

/**
 * The demo's second half: two consultants work the queue and the dialer calls back over
 * AMI through the simulated PBX. bob's phone rings out (the callback goes back to the queue for
 * another consultant); alice takes it, the caller answers, talks, rates the call in the survey,
 * and alice closes it; alice's next caller is busy (the planner plans the next attempt, which
 * Quartz fires at its time). Nothing is fast-forwarded: the demo waits until Quartz queues the
 * first callbacks at their due time, on the demo's clock.
 */
final class DemoDialing {

    private static final Actor SAM = Actor.supervisor("sam");

    private final CallbackDesk desk;
    private final SimulatedPbx pbx;
    private final Clock clock;
    private final java.time.ZoneId office;
    private final PrintStream out;

    DemoDialing(CallbackDesk desk, SimulatedPbx pbx, Clock clock, java.time.ZoneId office, PrintStream out) {
        this.desk = desk;
        this.pbx = pbx;
        this.clock = clock;
        this.office = office;
        this.out = out;
    }

    void run() {
        if (desk.dialer().isEmpty()) {
            out.println("Dialing: ami.enabled is false, no dialer.");
            return;
        }
        waitFor(() -> desk.dialer().get().connected(), Duration.ofSeconds(10));
        staffTheDesk();

        List<Long> due = awaitFirst(2);
        if (due.size() < 2) {
            out.println("Dialing: fewer than two callbacks to call back; skipped.");
            return;
        }
        out.printf("Dialing over AMI (Asterisk-Java → pbx-sim, Originate → [callback] → Dial the caller):%n");
        List<Long> dialled = new ArrayList<>();

        // Whoever is called back answers after a few rings and rates the call 5 in the survey.
        for (Callback cb : desk.store().findOpen()) {
            pbx.callee(cb.callbackNumber(), CallerPersona.named("caller " + cb.id()).answersAfter(Duration.ofSeconds(4))
                    .then(press("5"), press("#")).build());
        }
        // 1. bob claims the first; his phone rings out: back to the queue for another consultant.
        Optional<Long> first = claimAndDial("bob", cb -> { });
        first.ifPresent(id -> {
            dialled.add(id);
            waitFor(() -> state(id) == CallbackState.QUEUED, Duration.ofSeconds(20));
        });
        // 2. alice takes it: the caller answers, they talk, the caller rates the call, alice closes it.
        claimAndDial("alice", cb -> { }).ifPresent(id -> {
            if (!dialled.contains(id)) {
                dialled.add(id);
            }
            aliceCloses(id);
        });
        // 3. alice's next caller is on another call: the planner plans the next attempt.
        claimAndDial("alice", cb -> pbx.callee(cb.callbackNumber(), CallerPersona.named("caller " + cb.id()).busy().build()))
                .ifPresent(id -> {
                    dialled.add(id);
                    waitFor(() -> state(id) != CallbackState.DIALING && state(id) != CallbackState.PENDING, Duration.ofSeconds(20));
                });

        dialled.forEach(this::printCallback);
        out.println();
    }

    /** alice and bob log in, knowing every product; alice's phone answers, bob's rings out. */
    private void staffTheDesk() {
        Set<String> products = PromptCatalogue.loadDefault().products().stream().map(MenuOption::code)
                .collect(Collectors.toSet());
        for (String login : List.of("alice", "bob")) {
            desk.desk().roster().add(Demo.demoConsultant(login, products), SAM, "demo desk");
            desk.consultants().setState(login, ConsultantState.AVAILABLE, Actor.consultant(login), "logged in");
        }
        pbx.consultant(ConsultantPersona.endpoint("alice").answersAfter(Duration.ofSeconds(2)).talksFor(Duration.ofMinutes(3)));
        pbx.consultant(ConsultantPersona.endpoint("bob").noAnswer());
    }

    /**
     * Once the call and its survey are over, alice closes the callback as resolved; if a rule
     * refuses (the screenshot is not in yet), she agrees a call back in two hours instead.
     */
    private void aliceCloses(long id) {
        waitFor(() -> !desk.surveys().forCallback(id).isEmpty() && desk.dialer().get().dials().ofCallback(id)
                .stream().noneMatch(com.callbackdesk.routes.dialer.DialTracking.Dial::open), Duration.ofSeconds(20));
        if (state(id) == CallbackState.CONNECTED) {
            try {
                desk.outcomes().record(id, Actor.consultant("alice"), Outcome.resolved(), "walked the caller through it");
            } catch (com.callbackdesk.queue.OutcomeRefusedException refused) {
                out.printf("  alice cannot close #%d as resolved yet: %s%n", id, refused.getMessage());
                desk.outcomes().record(id, Actor.consultant("alice"), Outcome.callBackAt(clock.instant()
                        .plus(Duration.ofHours(2))), "call back once the screenshot is in");
                out.printf("  alice agreed a call back in two hours instead (CALL_BACK_AT)%n");
            }
        }
    }

    /** A dialled callback's state, attempts, survey and transitions. */
    private void printCallback(long id) {
        Callback cb = desk.store().find(id).orElseThrow();
        out.printf("%n  callback #%d (%s) is now %s%s%n", id, cb.callbackNumber(), cb.state(),
                cb.state() == CallbackState.SCHEDULED ? ", next attempt " + Demo.officeTime(cb.plannedAt(), office)
                        + " office time" : "");
        for (Attempt a : desk.outcomes().attempts(id)) {
            out.printf("    attempt %d by %-6s %s%n", a.attemptNo(), a.consultant(), a.outcome());
        }
        desk.surveys().forCallback(id).forEach(r -> out.printf("    survey: %s score %s (consultant %s)%n",
                r.state(), r.score(), r.consultant()));
        for (AuditEntry e : desk.store().history(id)) {
            if (e.action() == AuditEntry.Action.TRANSITION) {
                out.printf("    %s  %-24s %s -> %s  %s%n", Demo.officeTime(e.at(), office), e.actor(), e.oldState(), e.newState(), e.why());
            }
        }
    }

    /**
     * Waits for the first {@code n} callbacks due within the hour to join the queue — Quartz queues
     * each at its due time, on the demo's clock — and says what it waits for. Already queued ones count.
     */
    private List<Long> awaitFirst(int n) {
        List<Callback> first = desk.store().findOpen().stream()
                .filter(cb -> cb.state() == CallbackState.QUEUED || cb.state() == CallbackState.SCHEDULED
                        && cb.plannedAt() != null && cb.plannedAt().isBefore(clock.instant().plus(Duration.ofHours(1))))
                .sorted(java.util.Comparator.comparing((Callback cb) -> cb.state() != CallbackState.QUEUED)
                        .thenComparing(cb -> cb.plannedAt() == null ? java.time.Instant.MIN : cb.plannedAt()))
                .limit(n).toList();
        if (first.isEmpty()) {
            return List.of();
        }
        java.time.Instant last = first.stream().map(Callback::plannedAt).filter(java.util.Objects::nonNull)
                .max(java.time.Instant::compareTo).orElse(clock.instant());
        out.printf("%nThe first callbacks join the consultants' queue when they are due (Quartz, on the demo's clock):%n");
        for (Callback cb : first) {
            if (cb.state() == CallbackState.SCHEDULED) {
                out.printf("  #%-3d due %s office time: waiting%n", cb.id(), Demo.officeTime(cb.plannedAt(), office));
            }
        }
        out.flush();
        Duration wait = Duration.between(clock.instant(), last).plusSeconds(30);
        List<Long> ids = first.stream().map(Callback::id).toList();
        waitFor(() -> ids.stream().allMatch(id -> state(id) == CallbackState.QUEUED), wait.isNegative() ? Duration.ofSeconds(30) : wait);
        for (long id : ids) {
            desk.store().history(id).stream()
                    .filter(e -> e.oldState() == CallbackState.SCHEDULED && e.newState() == CallbackState.QUEUED)
                    .reduce((a, b) -> b)
                    .ifPresent(e -> out.printf("  #%-3d joined the queue at %s (%s)%n", id, Demo.officeTime(e.at(), office),
                            e.why()));
        }
        out.println();
        return ids.stream().filter(id -> state(id) == CallbackState.QUEUED).toList();
    }

    private Optional<Long> claimAndDial(String login, java.util.function.Consumer<Callback> callee) {
        Optional<Claim> claim = desk.queue().claimNext(login);
        if (claim.isEmpty()) {
            out.printf("  %s: nothing in the queue%n", login);
            return Optional.empty();
        }
        Callback cb = claim.get().callback();
        callee.accept(cb);
        DialResult r = desk.dial(cb.id(), login);
        out.printf("  %-5s claimed #%d and dialled: %s%n", login, cb.id(),
                r.accepted() ? "Originate queued (ActionID " + r.actionId() + ")" : "refused: " + r.reason());
        return Optional.of(cb.id());
    }

    private CallbackState state(long id) {
        return desk.store().find(id).orElseThrow().state();
    }

    private static void waitFor(BooleanSupplier condition, Duration atMost) {
        long until = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < until) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
