package com.callbackdesk.http.console;

import com.callbackdesk.http.HttpSettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import com.callbackdesk.queue.QueueDepthHistory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.io.InputStream;
import java.util.Map;

/**
 * The web console (issue 6): its static files (plain HTML/CSS/JS modules, packaged under
 * {@code console/} on the classpath — no build step, no CDN) under {@code /console/}, and the
 * supervisor's "try it first" what-if endpoint {@code POST /api/whatif} (with
 * {@code GET /api/whatif/scenarios}), and the dashboard's queue depth over the day
 * {@code GET /api/dashboard/queue-depth}. REST DSL paths on the shared {@link HttpSettings} listener
 * (see {@link #configure()} for why not plain {@code undertow:} consumers); everything else the console does goes through the REST API.
 */
public final class ConsoleRoutes extends RouteBuilder {

    private static final Logger LOG = LogManager.getLogger(ConsoleRoutes.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROOT = "console/";

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "json", "application/json");

    /**
     * Header carrying the authenticated login to the what-if run (for its log line). The
     * {@code supervisorOnly} processor (the REST API's check) sets it, or answers 401/403 and
     * stops the route.
     */
    public static final String USER = "CallbackDeskUser";

    private final TryItFirst whatIf;
    private final Processor supervisorOnly;
    private final QueueDepthHistory depth;
    private final Clock clock;
    private final ZoneId office;

    public ConsoleRoutes(TryItFirst whatIf, Processor supervisorOnly, QueueDepthHistory depth,
                         Clock clock, ZoneId office) {
        this.whatIf = whatIf;
        this.supervisorOnly = supervisorOnly;
        this.depth = depth;
        this.clock = clock;
        this.office = office;
    }

    /**
     * REST DSL paths on the REST API's {@code restConfiguration()} (not plain {@code undertow:}
     * consumers): camel-undertow 4.8 gives a port one root handler, chosen by the first consumer
     * started on it — a REST one serves only REST DSL consumers, a plain one only plain ones — so
     * everything on the shared listener must be the same kind, and the API is REST DSL.
     */
    @Override
    public void configure() {
        rest()
                .get("/console").to("direct:console-root")
                .get("/console/{file}").to("direct:console-file")
                .get("/console/js/{file}").to("direct:console-js")
                .get("/api/whatif/scenarios").to("direct:whatif-scenarios")
                .post("/api/whatif").to("direct:whatif-run")
                .get("/api/dashboard/queue-depth").to("direct:dashboard-queue-depth");

        for (String r : new String[] {"console-root", "console-file", "console-js"}) {
            from("direct:" + r).routeId(r).process(this::serveStatic);
        }

        from("direct:whatif-scenarios").routeId("whatif-scenarios")
                .process(supervisorOnly)
                .process(e -> json(e.getMessage(), 200, whatIf.scenarios()));

        from("direct:dashboard-queue-depth").routeId("dashboard-queue-depth")
                .process(supervisorOnly)
                .process(this::queueDepth);

        from("direct:whatif-run").routeId("whatif-run")
                .process(supervisorOnly)
                .process(this::runWhatIf);
    }

    private void runWhatIf(Exchange e) throws IOException {
        Message m = e.getMessage();
        String who = m.getHeader(USER, "unknown", String.class);
        JsonNode body;
        try {
            String text = m.getBody(String.class);
            body = text == null || text.isBlank() ? null : JSON.readTree(text);
        } catch (IOException ex) {
            error(m, 400, null, java.util.List.of("body: not valid JSON: " + ex.getMessage().lines().findFirst().orElse("")));
            return;
        }
        try {
            json(m, 200, whatIf.run(body, who));
        } catch (TryItFirst.InvalidRequest ex) {
            LOG.info("what-if for {} refused: {}", who, ex.getMessage());
            error(m, 400, "the what-if request is invalid", ex.problems());
        } catch (TryItFirst.Busy ex) {
            error(m, 409, ex.getMessage(), null);
        }
    }

    /** Queue depth by hour over today's office day (or {@code from}/{@code to}), replayed from the audit trail. */
    private void queueDepth(Exchange e) throws IOException {
        Message m = e.getMessage();
        Instant from;
        Instant to;
        try {
            LocalDate today = LocalDate.now(clock.withZone(office));
            String f = m.getHeader("from", String.class);
            String t = m.getHeader("to", String.class);
            from = f == null || f.isBlank() ? today.atStartOfDay(office).toInstant() : parseInstant("from", f);
            to = t == null || t.isBlank() ? today.plusDays(1).atStartOfDay(office).toInstant() : parseInstant("to", t);
            ObjectNode answer = JSON.createObjectNode();
            answer.put("from", from.toString());
            answer.put("to", to.toString());
            answer.put("zone", office.getId());
            var points = answer.putArray("points");
            for (QueueDepthHistory.Point p : depth.between(from, to, Duration.ofHours(1))) {
                ObjectNode n = points.addObject();
                n.put("from", p.from().toString());
                n.put("hour", p.from().atZone(office).toLocalTime().toString());
                n.put("atStart", p.atStart());
                n.put("peak", p.peak());
                n.put("atEnd", p.atEnd());
            }
            json(m, 200, answer);
        } catch (IllegalArgumentException ex) {
            error(m, 400, null, java.util.List.of(ex.getMessage()));
        }
    }

    private static Instant parseInstant(String field, String text) {
        try {
            return Instant.parse(text);
        } catch (java.time.format.DateTimeParseException ex) {
            throw new IllegalArgumentException(field + ": an ISO-8601 instant such as 2026-11-25T01:00:00Z, was '" + text + "'");
        }
    }

    private void serveStatic(Exchange e) throws IOException {
        Message m = e.getMessage();
        String uri = m.getHeader(Exchange.HTTP_URI, "", String.class);
        int q = uri.indexOf('?');
        String path = q >= 0 ? uri.substring(0, q) : uri;
        if (path.equals("/console")) {
            m.setHeader(Exchange.HTTP_RESPONSE_CODE, 302);
            m.setHeader("Location", "/console/");
            m.setBody("");
            return;
        }
        String rel = path.startsWith("/console/") ? path.substring("/console/".length()) : "";
        if (rel.isEmpty()) {
            rel = "index.html";
        }
        if (rel.contains("..") || rel.contains("\\") || rel.startsWith("/") || !rel.matches("[A-Za-z0-9._/-]+")) {
            notFound(m, path);
            return;
        }
        String ext = rel.substring(rel.lastIndexOf('.') + 1);
        String type = TYPES.get(ext);
        InputStream in = type == null ? null : getClass().getClassLoader().getResourceAsStream(ROOT + rel);
        if (in == null) {
            notFound(m, path);
            return;
        }
        try (in) {
            m.setBody(in.readAllBytes());
        }
        m.removeHeaders("*");
        m.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        m.setHeader(Exchange.CONTENT_TYPE, type);
        m.setHeader("Cache-Control", "no-cache");
        m.setHeader("X-Content-Type-Options", "nosniff");
    }

    private static void notFound(Message m, String path) {
        m.removeHeaders("*");
        m.setHeader(Exchange.HTTP_RESPONSE_CODE, 404);
        m.setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=utf-8");
        m.setBody("not found: " + path);
    }

    static void json(Message m, int status, Object body) throws IOException {
        m.removeHeaders("*", USER);
        m.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        m.setHeader(Exchange.CONTENT_TYPE, "application/json");
        m.setBody(JSON.writeValueAsBytes(body));
    }

    /** Errors as docs/API.md writes them: status, error code, the first field and message, and every problem. */
    static void error(Message m, int status, String message, java.util.List<String> problems) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("status", status);
        n.put("error", switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 409 -> "conflict";
            default -> "error";
        });
        if (problems != null && !problems.isEmpty()) {
            var a = n.putArray("errors");
            for (String p : problems) {
                int colon = p.indexOf(": ");
                ObjectNode pn = a.addObject();
                pn.put("field", colon > 0 ? p.substring(0, colon) : "body");
                pn.put("rule", colon > 0 ? p.substring(colon + 2) : p);
            }
            n.put("field", a.get(0).get("field").asText());
            n.put("message", problems.get(0) + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
        } else {
            n.put("message", message);
        }
        json(m, status, n);
    }
}
