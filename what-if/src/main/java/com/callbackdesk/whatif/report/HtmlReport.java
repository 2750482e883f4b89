package com.callbackdesk.whatif.report;

import com.callbackdesk.whatif.model.Metric;
import com.callbackdesk.whatif.model.PolicyRun;
import com.callbackdesk.whatif.stats.Estimate;
import com.callbackdesk.whatif.stats.LogHistogram;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;

/**
 * A self-contained HTML report: the table and three charts drawn as inline SVG (no script, no
 * stylesheet or font from anywhere else), so it opens from a file without a network.
 */
public final class HtmlReport {
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"};

    private HtmlReport() {
    }

    public static String render(Comparison c) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>What-if: ")
                .append(esc(c.scenario().name())).append("</title>\n<style>\n")
                .append("body{font-family:system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:2em;color:#222;max-width:1100px}\n")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{padding:3px 10px;border-bottom:1px solid #ddd;text-align:right}\n")
                .append("td:first-child,th:first-child{text-align:left}th{background:#f4f4f4}.note{color:#666;font-size:90%}\n")
                .append("svg{margin:0.5em 0 1.5em 0}.legend span{display:inline-block;margin-right:1.5em}\n")
                .append("</style></head><body>\n");
        intro(h, c);
        legend(h, c);
        table(h, c);
        hourlyCharts(h, c);
        contactChart(h, c);
        h.append("<h2>Runs</h2>\n<ul>\n");
        for (PolicyRun p : c.policies()) {
            h.append("<li><b>").append(esc(p.policy())).append("</b>: ").append(esc(p.description()))
                    .append(String.format(Locale.ROOT, "; %,d events in %.2f s</li>%n", p.events(), p.wallSeconds()));
        }
        h.append("</ul>\n</body></html>\n");
        return h.toString();
    }

    private static void intro(StringBuilder h, Comparison c) {
        int reps = c.policies().get(0).runs().size();
        h.append("<h1>What-if: ").append(esc(c.scenario().name())).append("</h1>\n");
        h.append("<p class=\"note\">").append(c.scenario().days()).append(" simulated day(s) from ")
                .append(c.scenario().start()).append(", ").append(reps).append(" replication(s), seed ")
                .append(c.scenario().seed()).append(". ")
                .append(reps > 1 ? "Mean ± 95 % confidence half-width over replications." : "One replication: no confidence interval.");
        if (c.policies().size() > 1) {
            h.append(" Δ is the paired difference to <b>").append(esc(c.policies().get(0).policy()))
                    .append("</b>: every replication runs the same callers under each policy.");
        }
        h.append("</p>\n");
    }

    private static void table(StringBuilder h, Comparison c) {
        h.append("<table><tr><th>metric</th>");
        for (PolicyRun p : c.policies()) {
            h.append("<th>").append(esc(p.policy())).append("</th>");
        }
        for (int i = 1; i < c.policies().size(); i++) {
            h.append("<th>Δ ").append(esc(c.policies().get(i).policy())).append("</th>");
        }
        h.append("</tr>\n");
        List<EnumMap<Metric, Estimate>> est = new ArrayList<>();
        c.policies().forEach(p -> est.add(p.estimates()));
        for (Metric m : TextReport.ROWS) {
            h.append("<tr><td>").append(esc(m.label())).append("</td>");
            for (var e : est) {
                h.append("<td>").append(esc(Format.estimate(m, e.get(m)))).append("</td>");
            }
            for (int i = 1; i < c.policies().size(); i++) {
                h.append("<td>").append(esc(Format.signed(m, c.difference(i, m)))).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
        double little = c.maxLittleError();
        h.append("<p class=\"note\">Little's law L = λW checked on every run (open requests and the consultant queue): largest relative difference ")
                .append(String.format(Locale.ROOT, "%.1e", little)).append(little < 1e-6 ? " — holds." : " — <b>VIOLATED</b>.")
                .append("</p>\n");
    }

    private static void hourlyCharts(StringBuilder h, Comparison c) {
        String[] hours = new String[24];
        for (int i = 0; i < 24; i++) {
            hours[i] = String.format(Locale.ROOT, "%02d", i);
        }
        List<double[]> depth = new ArrayList<>();
        c.policies().forEach(p -> depth.add(p.queueDepthByHour()));
        h.append("<h2>Queue depth by hour of day</h2>\n<p class=\"note\">Requests waiting for a consultant (due, not yet claimed), time-average over all simulated days and replications, office-local hour.</p>\n");
        h.append(Svg.lines(hours, depth, "waiting requests"));
        List<double[]> open = new ArrayList<>();
        c.policies().forEach(p -> open.add(p.openByHour()));
        h.append("<h3>Open requests by hour of day</h3>\n<p class=\"note\">Every request not yet closed (scheduled for later, queued or being dialled).</p>\n");
        h.append(Svg.lines(hours, open, "open requests"));

        List<double[]> misses = new ArrayList<>();
        c.policies().forEach(p -> misses.add(p.missesByHour()));
        h.append("<h2>End-of-day misses by hour the request arrived</h2>\n<p class=\"note\">Requests whose caller's end of day passed before anyone reached them (and who had not solved it themselves), per replication.</p>\n");
        h.append(Svg.bars(hours, misses, "misses"));
    }

    private static void contactChart(StringBuilder h, Comparison c) {
        double[] edges = JsonReport.CONTACT_EDGES;
        String[] buckets = new String[edges.length];
        for (int b = 0; b < edges.length; b++) {
            buckets[b] = b + 1 < edges.length ? Format.seconds(edges[b]) + "–" + Format.seconds(edges[b + 1])
                    : "≥ " + Format.seconds(edges[b]);
        }
        List<double[]> contact = new ArrayList<>();
        for (PolicyRun p : c.policies()) {
            LogHistogram hist = p.timeToContact();
            long[] counts = hist.rebin(edges);
            double[] share = new double[counts.length];
            for (int b = 0; b < counts.length; b++) {
                share[b] = hist.count() == 0 ? 0 : 100.0 * counts[b] / hist.count();
            }
            contact.add(share);
        }
        h.append("<h2>Time to first contact</h2>\n<p class=\"note\">Distribution over the requests that were reached, % of them, from the request to the caller answering.</p>\n");
        h.append(Svg.bars(buckets, contact, "% of contacts"));
    }

    private static void legend(StringBuilder h, Comparison c) {
        h.append("<p class=\"legend\">");
        for (int i = 0; i < c.policies().size(); i++) {
            h.append("<span><svg width=\"14\" height=\"14\" style=\"margin:0;vertical-align:middle\"><rect width=\"14\" height=\"14\" fill=\"")
                    .append(colour(i)).append("\"/></svg> ").append(esc(c.policies().get(i).policy())).append("</span>");
        }
        h.append("</p>\n");
    }

    static String colour(int i) {
        return COLOURS[i % COLOURS.length];
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Minimal SVG charts. */
    static final class Svg {
        private static final int W = 960;
        private static final int H = 280;
        private static final int LEFT = 60;
        private static final int RIGHT = 20;
        private static final int TOP = 15;
        private static final int BOTTOM = 40;

        private Svg() {
        }

        static String lines(String[] x, List<double[]> series, String yLabel) {
            StringBuilder s = new StringBuilder();
            double max = niceMax(series);
            frame(s, x, max, yLabel, false);
            double step = (W - LEFT - RIGHT) / (double) Math.max(1, x.length - 1);
            for (int k = 0; k < series.size(); k++) {
                StringBuilder pts = new StringBuilder();
                double[] v = series.get(k);
                for (int i = 0; i < v.length; i++) {
                    pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", LEFT + i * step, y(v[i], max)));
                }
                s.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(colour(k)).append("\" points=\"")
                        .append(pts.toString().trim()).append("\"><title>").append(esc(yLabel)).append("</title></polyline>\n");
                for (int i = 0; i < v.length; i++) {
                    s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"><title>%s: %.2f</title></circle>%n",
                            LEFT + i * step, y(v[i], max), colour(k), esc(x[i]), v[i]));
                }
            }
            return s.append("</svg>\n").toString();
        }

        static String bars(String[] x, List<double[]> series, String yLabel) {
            StringBuilder s = new StringBuilder();
            double max = niceMax(series);
            frame(s, x, max, yLabel, true);
            double slot = (W - LEFT - RIGHT) / (double) x.length;
            double bw = slot * 0.8 / series.size();
            for (int k = 0; k < series.size(); k++) {
                double[] v = series.get(k);
                for (int i = 0; i < v.length; i++) {
                    double x0 = LEFT + i * slot + slot * 0.1 + k * bw;
                    double y0 = y(v[i], max);
                    s.append(String.format(Locale.ROOT,
                            "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s: %.2f</title></rect>%n",
                            x0, y0, Math.max(0.5, bw - 1), H - BOTTOM - y0, colour(k), esc(x[i]), v[i]));
                }
            }
            return s.append("</svg>\n").toString();
        }

        private static void frame(StringBuilder s, String[] x, double max, String yLabel, boolean centred) {
            s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(W).append("\" height=\"").append(H)
                    .append("\" viewBox=\"0 0 ").append(W).append(' ').append(H).append("\" font-size=\"11\">\n");
            for (int t = 0; t <= 4; t++) {
                double v = max * t / 4;
                double yy = y(v, max);
                s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>%n", LEFT, W - RIGHT, yy, yy));
                s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT - 5, yy + 4,
                        max >= 10 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v)));
            }
            double slot = centred ? (W - LEFT - RIGHT) / (double) x.length : (W - LEFT - RIGHT) / (double) Math.max(1, x.length - 1);
            for (int i = 0; i < x.length; i++) {
                double xx = centred ? LEFT + (i + 0.5) * slot : LEFT + i * slot;
                s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", xx, H - BOTTOM + 15, esc(x[i])));
            }
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#888\"/>%n", LEFT, W - RIGHT, H - BOTTOM, H - BOTTOM));
            s.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%d\" transform=\"rotate(-90 14 %d)\" text-anchor=\"middle\">%s</text>%n",
                    (H - BOTTOM + TOP) / 2, (H - BOTTOM + TOP) / 2, esc(yLabel)));
        }

        private static double y(double v, double max) {
            return H - BOTTOM - (H - BOTTOM - TOP) * (max == 0 ? 0 : v / max);
        }

        private static double niceMax(List<double[]> series) {
            double m = 0;
            for (double[] s : series) {
                for (double v : s) {
                    if (!Double.isNaN(v)) {
                        m = Math.max(m, v);
                    }
                }
            }
            if (m <= 0) {
                return 1;
            }
            double p = Math.pow(10, Math.floor(Math.log10(m)));
            for (double f : new double[] {1, 2, 2.5, 5, 10}) {
                if (f * p >= m) {
                    return f * p;
                }
            }
            return 10 * p;
        }
    }
}
