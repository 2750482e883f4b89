package com.callbackdesk.whatif.report;

import com.callbackdesk.whatif.model.Metric;
import com.callbackdesk.whatif.stats.Estimate;

import java.util.Locale;

/** Number formatting shared by the text and HTML reports. */
final class Format {

    private Format() {
    }

    static String value(Metric.Kind kind, double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        return switch (kind) {
            case COUNT -> Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.1f", v);
            case DECIMAL -> String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%,.1f" : Math.abs(v) >= 1 ? "%.3f" : "%.4f", v);
            case PERCENT -> String.format(Locale.ROOT, "%.2f", v);
            case SCIENTIFIC -> String.format(Locale.ROOT, "%.1e", v);
        };
    }

    static String estimate(Metric m, Estimate e) {
        if (Double.isNaN(e.mean())) {
            return "–";
        }
        if (Double.isNaN(e.halfWidth())) {
            return value(m.kind(), e.mean());
        }
        return value(m.kind(), e.mean()) + " ± " + value(m.kind(), e.halfWidth());
    }

    static String signed(Metric m, Estimate e) {
        if (Double.isNaN(e.mean())) {
            return "–";
        }
        String s = (e.mean() > 0 ? "+" : "") + value(m.kind(), e.mean());
        return Double.isNaN(e.halfWidth()) ? s : s + " ± " + value(m.kind(), e.halfWidth());
    }

    static String seconds(double s) {
        if (s < 60) {
            return String.format(Locale.ROOT, "%.0fs", s);
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%.0fm", s / 60);
        }
        if (s < 86_400) {
            return String.format(Locale.ROOT, "%.0fh", s / 3600);
        }
        return String.format(Locale.ROOT, "%.0fd", s / 86_400);
    }
}
