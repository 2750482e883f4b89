package com.callbackdesk.whatif.report;

import com.callbackdesk.whatif.model.Metric;
import com.callbackdesk.whatif.model.PolicyRun;
import com.callbackdesk.whatif.model.RunResult;
import com.callbackdesk.whatif.stats.Estimate;
import com.callbackdesk.whatif.stats.LogHistogram;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;

/**
 * Every figure as JSON, the verdict included (NaN, e.g. no contact at all, is written as null).
 * {@code betterWhen} says for each metric which way is better: lower, higher or neither.
 */
public final class JsonReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Edges (seconds) of the time-to-first-contact buckets in reports. */
    static final double[] CONTACT_EDGES = {0, 300, 900, 1800, 3600, 7200, 14_400, 28_800, 86_400, 172_800, 432_000};

    private JsonReport() {
    }

    public static String render(Comparison c) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode s = root.putObject("scenario");
        s.put("name", c.scenario().name());
        s.put("days", c.scenario().days());
        s.put("start", c.scenario().start().toString());
        s.put("replications", c.policies().get(0).runs().size());
        s.put("seed", c.scenario().seed());
        root.put("confidenceLevel", PolicyRun.LEVEL);
        ObjectNode better = root.putObject("betterWhen");
        for (Metric m : Metric.values()) {
            better.put(m.key(), m.better().name().toLowerCase(java.util.Locale.ROOT));
        }
        ArrayNode policies = root.putArray("policies");
        for (int i = 0; i < c.policies().size(); i++) {
            PolicyRun p = c.policies().get(i);
            ObjectNode pn = policies.addObject();
            pn.put("name", p.policy());
            pn.put("description", p.description());
            ObjectNode metrics = pn.putObject("metrics");
            p.estimates().forEach((m, e) -> estimate(metrics.putObject(m.key()), e));
            if (i > 0) {
                ObjectNode diff = pn.putObject("differenceToFirst");
                for (Metric m : Metric.values()) {
                    estimate(diff.putObject(m.key()), c.difference(i, m));
                }
                verdict(pn, Verdict.of(c, i));
            }
            ObjectNode hourly = pn.putObject("byHourOfDay");
            array(hourly.putArray("queueDepth"), p.queueDepthByHour());
            array(hourly.putArray("openRequests"), p.openByHour());
            array(hourly.putArray("endOfDayMissesByArrivalHour"), p.missesByHour());
            ArrayNode buckets = pn.putArray("timeToFirstContact");
            LogHistogram h = p.timeToContact();
            long[] counts = h.rebin(CONTACT_EDGES);
            for (int b = 0; b < counts.length; b++) {
                ObjectNode bn = buckets.addObject();
                bn.put("fromSeconds", CONTACT_EDGES[b]);
                if (b + 1 < CONTACT_EDGES.length) {
                    bn.put("toSeconds", CONTACT_EDGES[b + 1]);
                } else {
                    bn.putNull("toSeconds");
                }
                number(bn, "share", h.count() == 0 ? Double.NaN : counts[b] / (double) h.count());
            }
            ArrayNode reps = pn.putArray("replications");
            for (RunResult r : p.runs()) {
                ObjectNode rn = reps.addObject();
                r.metrics().forEach((m, v) -> number(rn, m.key(), v));
                rn.put("events", r.events());
                rn.put("wallSeconds", r.wallSeconds());
                rn.put("peakOpenRequests", r.peakInSystem());
                rn.put("peakPendingEvents", r.peakPendingEvents());
            }
            pn.put("events", p.events());
            pn.put("wallSeconds", p.wallSeconds());
        }
        number(root, "littleLawMaxRelativeError", c.maxLittleError());
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The verdict against the first policy: per headline figure, the finding and the sentence. */
    private static void verdict(ObjectNode pn, Verdict v) {
        ObjectNode vn = pn.putObject("verdict");
        vn.put("summary", v.summary());
        ArrayNode lines = vn.putArray("lines");
        for (Verdict.Line l : v.lines()) {
            ObjectNode ln = lines.addObject();
            ln.put("metric", l.headline().metric().key());
            ln.put("title", l.headline().title());
            ln.put("finding", l.finding().key());
            ln.put("detectable", l.finding().detectable());
            ln.put("symbol", l.finding().symbol());
            ln.put("sentence", l.sentence());
        }
    }

    private static void estimate(ObjectNode n, Estimate e) {
        number(n, "mean", e.mean());
        number(n, "halfWidth", e.halfWidth());
        n.put("n", e.n());
    }

    private static void number(ObjectNode n, String key, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            n.putNull(key);
        } else {
            n.put(key, v);
        }
    }

    private static void array(ArrayNode a, double[] values) {
        for (double v : values) {
            a.add(v);
        }
    }
}
