package com.callbackdesk.whatif.report;

import com.callbackdesk.whatif.model.Experiment;
import com.callbackdesk.whatif.model.Metric;
import com.callbackdesk.whatif.model.PolicyRun;
import com.callbackdesk.whatif.stats.Estimate;
import com.callbackdesk.whatif.stats.LogHistogram;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;

/**
 * A self-contained HTML report (no script, no stylesheet or font from anywhere else, so it opens
 * from a file without a network). It leads with the verdict — each finding with a symbol and
 * words as well as a colour — then charts, each in one unit; {@code verbose} adds the
 * diagnostics: every figure side by side, the replications with their seeds, the runs and the
 * simulator's bookkeeping check.
 */
public final class HtmlReport {
    /** Series colours: no green or red, which the verdict uses for better and worse. */
    private static final String[] COLOURS = {"#1f77b4", "#ff7f0e", "#9467bd", "#17becf", "#8c564b", "#7f7f7f"};

    private HtmlReport() {
    }

    /** The verdict and the charts. */
    public static String render(Comparison c) {
        return render(c, false);
    }

    public static String render(Comparison c, boolean verbose) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>What-if: ")
                .append(esc(c.scenario().name())).append("</title>\n<style>\n")
                .append("body{font-family:system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:2em;color:#222;max-width:1100px}\n")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{padding:3px 10px;border-bottom:1px solid #ddd;text-align:right}\n")
                .append("td:first-child,th:first-child{text-align:left}th{background:#f4f4f4}.note{color:#666;font-size:90%}\n")
                .append("svg{margin:0.5em 0 1.5em 0}.legend>span{display:inline-block;margin-right:1.5em}\n")
                .append("ul.verdict{list-style:none;padding-left:0;font-size:110%}ul.verdict li{margin:0.3em 0}\n")
                .append(".sym{display:inline-block;width:1.4em;font-weight:bold}.better{color:#1a7f37}.worse{color:#c62828}\n")
                .append(".notDetectable,.cannotTell{color:#6e7781}.changed{color:#222}.warning{color:#c62828;font-weight:bold}\n")
                .append("</style></head><body>\n");
        intro(h, c);
        if (c.policies().size() > 1) {
            for (int i = 1; i < c.policies().size(); i++) {
                verdict(h, Verdict.of(c, i));
            }
            findingsLegend(h, c);
        } else {
            headlineFigures(h, c.policies().get(0));
        }
        if (c.maxLittleError() >= TextReport.LITTLE_TOLERANCE) {
            h.append("<p class=\"warning\">The simulator's own bookkeeping check failed on some run: do not rely on these figures.</p>\n");
        }
        h.append("<h2>Charts</h2>\n");
        legend(h, c);
        hourlyCharts(h, c);
        contactChart(h, c);
        if (verbose) {
            diagnostics(h, c);
        } else {
            h.append("<p class=\"note\">Every figure, the replications with their seeds and the simulator's checks: run with <code>--verbose</code>.</p>\n");
        }
        h.append("</body></html>\n");
        return h.toString();
    }

    private static void intro(StringBuilder h, Comparison c) {
        int reps = c.policies().get(0).runs().size();
        h.append("<h1>What-if: ").append(esc(c.scenario().name())).append("</h1>\n");
        h.append("<p class=\"note\">").append(TextReport.plural(c.scenario().days(), "simulated day")).append(" from ")
                .append(esc(TextReport.DAY.format(c.scenario().start()))).append(", ").append(TextReport.plural(reps, "replication"))
                .append("; figures per run, mean of the replications.</p>\n<p>");
        for (int i = 0; i < c.policies().size(); i++) {
            h.append(i == 0 ? "" : "<br>").append("Policy ").append(Verdict.letter(i)).append(": <b>")
                    .append(esc(c.policies().get(i).policy())).append("</b>")
                    .append(i == 0 && c.policies().size() > 1 ? " (the others are compared with it)" : "");
        }
        h.append("</p>\n");
    }

    private static void verdict(StringBuilder h, Verdict v) {
        h.append("<h2>Verdict: policy ").append(v.letterB()).append(" against policy ").append(v.letterA()).append("</h2>\n");
        h.append("<p><b>").append(esc(v.summary())).append("</b></p>\n<ul class=\"verdict\">\n");
        for (Verdict.Line l : v.lines()) {
            Verdict.Finding f = l.finding();
            h.append("<li class=\"").append(f.key()).append("\" data-metric=\"").append(l.headline().metric().key())
                    .append("\" data-finding=\"").append(f.key()).append("\"><span class=\"sym\" title=\"")
                    .append(esc(f.meaning())).append("\">").append(f.symbol()).append("</span>")
                    .append(esc(l.sentence())).append("</li>\n");
        }
        h.append("</ul>\n");
    }

    private static void findingsLegend(StringBuilder h, Comparison c) {
        int reps = c.policies().get(0).runs().size();
        h.append("<p class=\"note legend\">");
        for (Verdict.Finding f : Verdict.Finding.values()) {
            if (f != Verdict.Finding.CANNOT_TELL || reps < 2) {
                h.append("<span class=\"").append(f.key()).append("\"><span class=\"sym\">").append(f.symbol())
                        .append("</span>").append(esc(f.meaning())).append("</span>");
            }
        }
        h.append("</p>\n");
        if (reps > 1) {
            h.append("<p class=\"note\">Detectable: the 95 % confidence interval of the paired difference over the ")
                    .append(reps).append(" replications (the same callers under each policy) excludes zero.</p>\n");
        }
    }

    private static void headlineFigures(StringBuilder h, PolicyRun p) {
        h.append("<h2>Headline figures</h2>\n<table><tr><th>figure</th><th>mean</th><th>95 % interval</th></tr>\n");
        for (Headline hl : Headline.values()) {
            Estimate e = p.estimate(hl.metric());
            h.append("<tr><td>").append(esc(hl.title())).append("</td><td>").append(esc(hl.format(e.mean()))).append("</td><td>")
                    .append(Double.isNaN(e.halfWidth()) ? "–" : esc(hl.format(e.low()) + " to " + hl.format(e.high())))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void diagnostics(StringBuilder h, Comparison c) {
        int reps = c.policies().get(0).runs().size();
        h.append("<h2>Diagnostics</h2>\n<h3>Every figure</h3>\n<p class=\"note\">")
                .append(reps > 1 ? "Mean ± 95 % confidence half-width over replications." : "One replication: no confidence interval.");
        if (c.policies().size() > 1) {
            h.append(" Δ is the paired difference to policy A, marked as in the verdict.");
        }
        h.append("</p>\n");
        table(h, c);
        h.append("<h3>Replications</h3>\n<table><tr><th>replication</th><th>seed</th>");
        for (int i = 0; i < c.policies().size(); i++) {
            h.append("<th>").append(Verdict.letter(i)).append(": end-of-day misses</th>");
        }
        h.append("</tr>\n");
        for (int r = 0; r < reps; r++) {
            h.append("<tr><td>").append(r + 1).append("</td><td>")
                    .append(Experiment.replicationSeed(c.scenario().seed(), r)).append("</td>");
            for (PolicyRun p : c.policies()) {
                h.append("<td>").append(r < p.runs().size()
                        ? esc(Format.value(Metric.Kind.COUNT, p.runs().get(r).get(Metric.END_OF_DAY_MISSES))) : "–").append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n<p class=\"note\">Scenario seed ").append(c.scenario().seed())
                .append("; replication r runs with the seed shown for it under every policy.</p>\n");
        h.append("<h3>Runs</h3>\n<ul>\n");
        for (int i = 0; i < c.policies().size(); i++) {
            PolicyRun p = c.policies().get(i);
            h.append("<li>Policy ").append(Verdict.letter(i)).append(", <b>").append(esc(p.policy())).append("</b>: ")
                    .append(esc(p.description()))
                    .append(String.format(Locale.ROOT, "; %,d events in %.2f s</li>%n", p.events(), p.wallSeconds()));
        }
        h.append("</ul>\n");
        double little = c.maxLittleError();
        h.append("<p class=\"note\">Little's law L = λW checked on every run (open requests and the consultant queue): largest relative difference ")
                .append(String.format(Locale.ROOT, "%.1e", little))
                .append(little < TextReport.LITTLE_TOLERANCE ? " — holds." : " — <b>VIOLATED</b>.").append("</p>\n");
    }

    private static void table(StringBuilder h, Comparison c) {
        h.append("<table><tr><th>metric</th>");
        for (int i = 0; i < c.policies().size(); i++) {
            h.append("<th>").append(Verdict.letter(i)).append(": ").append(esc(c.policies().get(i).policy())).append("</th>");
        }
        for (int i = 1; i < c.policies().size(); i++) {
            h.append("<th>Δ ").append(Verdict.letter(i)).append(" − A</th>");
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
                Estimate d = c.difference(i, m);
                Verdict.Finding f = Verdict.judge(m.better(), d);
                h.append("<td class=\"").append(f.key()).append("\" title=\"").append(esc(f.meaning())).append("\">")
                        .append(esc(Format.signed(m, d))).append(' ').append(f.symbol()).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    private static void hourlyCharts(StringBuilder h, Comparison c) {
        String[] hours = new String[24];
        for (int i = 0; i < 24; i++) {
            hours[i] = String.format(Locale.ROOT, "%02d", i);
        }
        List<double[]> depth = new ArrayList<>();
        c.policies().forEach(p -> depth.add(p.queueDepthByHour()));
        h.append("<h3>Queue depth by hour of day (requests)</h3>\n<p class=\"note\">Requests waiting for a consultant (due, not yet claimed), time-average over all simulated days and replications, office-local hour.</p>\n");
        h.append(Svg.lines(hours, depth, "waiting requests"));
        List<double[]> open = new ArrayList<>();
        c.policies().forEach(p -> open.add(p.openByHour()));
        h.append("<h3>Open requests by hour of day (requests)</h3>\n<p class=\"note\">Every request not yet closed (scheduled for later, queued or being dialled).</p>\n");
        h.append(Svg.lines(hours, open, "open requests"));

        List<double[]> misses = new ArrayList<>();
        c.policies().forEach(p -> misses.add(p.missesByHour()));
        h.append("<h3>End-of-day misses by hour the request arrived (requests)</h3>\n<p class=\"note\">Requests whose caller's end of day passed before anyone reached them (and who had not solved it themselves), per replication.</p>\n");
        h.append(Svg.bars(hours, misses, "misses per run"));
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
        h.append("<h3>Time to first contact (% of contacts)</h3>\n<p class=\"note\">Distribution over the requests that were reached, % of them, from the request to the caller answering.</p>\n");
        h.append(Svg.bars(buckets, contact, "% of contacts"));
    }

    private static void legend(StringBuilder h, Comparison c) {
        h.append("<p class=\"legend\">");
        for (int i = 0; i < c.policies().size(); i++) {
            h.append("<span><svg width=\"14\" height=\"14\" style=\"margin:0;vertical-align:middle\"><rect width=\"14\" height=\"14\" fill=\"")
                    .append(colour(i)).append("\"/></svg> Policy ").append(Verdict.letter(i)).append(": ")
                    .append(esc(c.policies().get(i).policy())).append("</span>");
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
            // 250 in fifths (50s), 100 or 200 in quarters: tick labels stay round.
            int ticks = max >= 10 && Math.abs(max / 4 - Math.rint(max / 4)) > 1e-9 ? 5 : 4;
            for (int t = 0; t <= ticks; t++) {
                double v = max * t / ticks;
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
