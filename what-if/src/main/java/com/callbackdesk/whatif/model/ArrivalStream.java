package com.callbackdesk.whatif.model;

import com.callbackdesk.whatif.engine.Simulator;
import com.callbackdesk.whatif.scenario.Scenario.Arrivals;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;

/**
 * When requests arrive: a non-homogeneous Poisson stream by local hour and weekday, or instants
 * replayed from a CSV file. Generated one arrival ahead (a replayed file is read line by line),
 * so nothing grows with the length of the run.
 */
final class ArrivalStream {
    private static final Logger LOG = LogManager.getLogger(ArrivalStream.class);

    private final Arrivals arrivals;
    private final Simulator sim;
    private final TimeBase tb;
    private final SplittableRandom rng;
    private final double horizon;
    private final Runnable onArrival;

    private BufferedReader replay;
    private int replayColumn = -1;
    private long replayLine;
    private long replaySkipped;

    /** {@code onArrival} runs at every arrival instant, in virtual time. */
    ArrivalStream(Arrivals arrivals, Simulator sim, TimeBase tb, SplittableRandom rng, double horizon,
                  Runnable onArrival) {
        this.arrivals = arrivals;
        this.sim = sim;
        this.tb = tb;
        this.rng = rng;
        this.horizon = horizon;
        this.onArrival = onArrival;
    }

    void start() {
        if (arrivals instanceof Arrivals.Poisson p) {
            double first = nextPoisson(p, 0);
            if (first < horizon) {
                sim.at(first, () -> poissonArrival(p));
            }
        } else if (arrivals instanceof Arrivals.Replay r) {
            try {
                replay = Files.newBufferedReader(r.csv());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + r.csv(), e);
            }
            scheduleNextReplay(r);
        }
    }

    /** Closes a replayed file and says how many rows were skipped. */
    void stop() {
        if (replay != null) {
            try {
                replay.close();
            } catch (IOException e) {
                LOG.debug("closing replay: {}", e.toString());
            }
        }
        if (replaySkipped > 0) {
            LOG.info("replay: {} rows before the first simulated day or out of order were skipped", replaySkipped);
        }
    }

    private void poissonArrival(Arrivals.Poisson p) {
        onArrival.run();
        double next = nextPoisson(p, sim.now());
        if (next < horizon) {
            sim.at(next, () -> poissonArrival(p));
        }
    }

    /** Piecewise-constant rate by local hour: draw an exponential gap at the current rate; if it crosses the hour, restart at the hour (memoryless, so exact). */
    private double nextPoisson(Arrivals.Poisson p, double t) {
        while (t < horizon) {
            int hour = tb.hourOfDay(t);
            DayOfWeek dow = tb.date(t).getDayOfWeek();
            double ratePerSecond = p.rate(hour, dow) / 3600;
            double boundary = tb.nextHour(t);
            if (ratePerSecond > 0) {
                double gap = -Math.log(1 - rng.nextDouble()) / ratePerSecond;
                if (t + gap < boundary) {
                    return t + gap;
                }
            }
            t = boundary;
        }
        return Double.POSITIVE_INFINITY;
    }

    private void scheduleNextReplay(Arrivals.Replay r) {
        try {
            String line;
            while ((line = replay.readLine()) != null) {
                replayLine++;
                double t = replayTime(r, line.trim());
                if (Double.isNaN(t)) {
                    continue; // blank, comment or header
                }
                if (t < sim.now()) {
                    replaySkipped++; // before the first simulated day, or out of order
                    continue;
                }
                if (t >= horizon) {
                    return;
                }
                sim.at(t, () -> {
                    onArrival.run();
                    scheduleNextReplay(r);
                });
                return;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The arrival time on one CSV line, or NaN for a line that holds none (blank, comment, header). */
    private double replayTime(Arrivals.Replay r, String trimmed) {
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
            return Double.NaN;
        }
        String[] cells = trimmed.split(",");
        if (replayColumn < 0) {
            replayColumn = 0;
            if (r.column() != null) {
                for (int i = 0; i < cells.length; i++) {
                    if (cells[i].trim().equalsIgnoreCase(r.column())) {
                        replayColumn = i;
                    }
                }
                return Double.NaN; // a named column means the first row is the header
            }
            if (Double.isNaN(parseInstant(cells[0].trim()))) {
                return Double.NaN; // a header row
            }
        }
        if (replayColumn >= cells.length) {
            throw new IllegalArgumentException(r.csv() + " line " + replayLine + ": no column " + (replayColumn + 1));
        }
        double t = parseInstant(cells[replayColumn].trim());
        if (Double.isNaN(t)) {
            throw new IllegalArgumentException(r.csv() + " line " + replayLine + ": not a date-time: '"
                    + cells[replayColumn] + "'");
        }
        return t;
    }

    /** ISO-8601 with offset or Z (an instant), or a local date-time in the office zone; NaN if neither. */
    private double parseInstant(String s) {
        try {
            return tb.seconds(OffsetDateTime.parse(s).toInstant());
        } catch (DateTimeParseException e) {
            try {
                return tb.seconds(Instant.parse(s));
            } catch (DateTimeParseException e2) {
                try {
                    return tb.seconds(LocalDateTime.parse(s.replace(' ', 'T')).atZone(tb.zone()).toInstant());
                } catch (DateTimeParseException e3) {
                    return Double.NaN;
                }
            }
        }
    }
}
