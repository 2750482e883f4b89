package com.callbackdesk.http.api;

import com.callbackdesk.http.console.TryItFirst;
import com.callbackdesk.queue.QueueDepthHistory;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * The console's supervisor tools (docs/CONSOLE.md): "try it first" — the what-if simulator run
 * live against a proposed policy ({@code GET /api/whatif/scenarios}, {@code POST /api/whatif}) —
 * and the dashboard's queue depth over the day ({@code GET /api/dashboard/queue-depth}),
 * replayed from the audit trail.
 */
final class ConsoleHandlers {

    private static final Logger LOG = LogManager.getLogger(ConsoleHandlers.class);

    private final TryItFirst whatIf;
    private final QueueDepthHistory depth;
    private final Clock clock;
    private final ZoneId office;

    ConsoleHandlers(TryItFirst whatIf, QueueDepthHistory depth, Clock clock, ZoneId office) {
        this.whatIf = whatIf;
        this.depth = depth;
        this.clock = clock;
        this.office = office;
    }

    record DepthPoint(String from, String hour, long atStart, long peak, long atEnd) {
    }

    record QueueDepth(String from, String to, String zone, String now, List<DepthPoint> points) {
    }

    ApiResponse scenarios(ApiCall call) {
        return ApiResponse.ok(whatIf.scenarios());
    }

    ApiResponse runWhatIf(ApiCall call) {
        String who = call.account().login();
        JsonNode body = call.hasBody() ? call.bind(JsonNode.class) : null;
        try {
            return ApiResponse.ok(whatIf.run(body, who));
        } catch (TryItFirst.InvalidRequest e) {
            LOG.info("what-if for {} refused: {}", who, e.getMessage());
            throw invalid(e.problems());
        } catch (TryItFirst.Busy e) {
            throw ApiException.conflict(e.getMessage());
        }
    }

    /**
     * Queue depth by hour over today's office day up to now (or {@code from}/{@code to}); never
     * past now: the hours still to come have no depth yet.
     */
    ApiResponse queueDepth(ApiCall call) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.now(clock.withZone(office));
        Instant from = call.instantQuery("from");
        Instant to = call.instantQuery("to");
        from = from == null ? today.atStartOfDay(office).toInstant() : from;
        to = to == null ? today.plusDays(1).atStartOfDay(office).toInstant() : to;
        if (to.isAfter(now)) {
            to = now.isAfter(from) ? now : from.plusSeconds(1);
        }
        List<DepthPoint> points = depth.between(from, to, Duration.ofHours(1)).stream()
                .map(p -> new DepthPoint(p.from().toString(), p.from().atZone(office).toLocalTime().toString(),
                        p.atStart(), p.peak(), p.atEnd()))
                .toList();
        return ApiResponse.ok(new QueueDepth(from.toString(), to.toString(), office.getId(), now.toString(), points));
    }

    /** The simulator's problems ("field: rule" each) as one 400 listing every one. */
    private static ApiException invalid(List<String> problems) {
        List<FieldProblem> errors = FieldProblem.of(problems, "body");
        String message = problems.isEmpty() ? "the what-if request is invalid"
                : problems.get(0) + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "");
        return new ApiException(400, "bad_request", errors.isEmpty() ? null : errors.get(0).field(),
                message, null).withErrors(errors);
    }
}
