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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    ApiResponse scenarios(ApiCall call) {
        return ApiResponse.ok(whatIf.scenarios());
    }

    ApiResponse runWhatIf(ApiCall call) {
        String who = call.account().login();
        JsonNode body = call.hasBody() ? call.body() : null;
        try {
            return ApiResponse.ok(whatIf.run(body, who));
        } catch (TryItFirst.InvalidRequest e) {
            LOG.info("what-if for {} refused: {}", who, e.getMessage());
            throw invalid(e.problems());
        } catch (TryItFirst.Busy e) {
            throw ApiException.conflict(e.getMessage());
        }
    }

    /** Queue depth by hour over today's office day (or {@code from}/{@code to}). */
    ApiResponse queueDepth(ApiCall call) {
        LocalDate today = LocalDate.now(clock.withZone(office));
        Instant from = call.instantQuery("from");
        Instant to = call.instantQuery("to");
        from = from == null ? today.atStartOfDay(office).toInstant() : from;
        to = to == null ? today.plusDays(1).atStartOfDay(office).toInstant() : to;
        List<Map<String, Object>> points = new ArrayList<>();
        for (QueueDepthHistory.Point p : depth.between(from, to, Duration.ofHours(1))) {
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("from", p.from().toString());
            n.put("hour", p.from().atZone(office).toLocalTime().toString());
            n.put("atStart", p.atStart());
            n.put("peak", p.peak());
            n.put("atEnd", p.atEnd());
            points.add(n);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("from", from.toString());
        answer.put("to", to.toString());
        answer.put("zone", office.getId());
        answer.put("points", points);
        return ApiResponse.ok(answer);
    }

    /** The simulator's problems ("field: rule" each) as one 400 listing every one. */
    private static ApiException invalid(List<String> problems) {
        List<Map<String, Object>> errors = new ArrayList<>();
        for (String p : problems) {
            int colon = p.indexOf(": ");
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("field", colon > 0 ? p.substring(0, colon) : "body");
            e.put("rule", colon > 0 ? p.substring(colon + 2) : p);
            errors.add(e);
        }
        String message = problems.isEmpty() ? "the what-if request is invalid"
                : problems.get(0) + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "");
        return new ApiException(400, "bad_request", errors.isEmpty() ? null : (String) errors.get(0).get("field"),
                message, null).withErrors(errors);
    }
}
