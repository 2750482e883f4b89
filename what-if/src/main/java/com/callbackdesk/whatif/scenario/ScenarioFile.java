package com.callbackdesk.whatif.scenario;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * A scenario file as written (docs/WHAT-IF.md), bound by Jackson with every problem collected by
 * path; {@link ScenarioParser} turns it into a {@link Scenario}, checking ranges and cross-references.
 * Values that take several shapes (an hourly rate as one number or by hours, a distribution as a
 * duration or a mapping, days as a list or "MON-FRI", the calendar) are bound as those shapes.
 */
record ScenarioFile(String name, Long seed, Integer days, Integer replications, String start, Seconds warmup,
                    JsonNode calendar, ArrivalsFile arrivals, List<CategoryFile> categories,
                    List<PersonaFile> personas, List<GroupFile> consultants, CallsFile calls) {

    record ArrivalsFile(PoissonFile poisson, ReplayFile replay) {
    }

    record PoissonFile(Hourly perHour, Map<String, JsonNode> dayOfWeek) {
    }

    record ReplayFile(String csv, String column) {
    }

    record CategoryFile(String name, Double share, Boolean screenshot) {
    }

    record PersonaFile(String name, Double share, Double urgent, Hourly answers, Double busyShare, Double wrongNumber,
                       String zone, SelfResolvesFile selfResolves, LeavesFile leavesForTheDay, AsksFile asksForLater,
                       RefusesFile refusesScreenshot, RepeatsFile repeats) {
    }

    record SelfResolvesFile(Double probability, DistributionFile within, Double cancels) {
    }

    record LeavesFile(String around, Double sdMinutes, Double states, Double colleagueAnswers) {
    }

    record AsksFile(Double probability, DistributionFile after) {
    }

    record RefusesFile(Double probability, Double handleTimeFactor) {
    }

    record RepeatsFile(Double whilePending, DistributionFile whilePendingAfter, Double afterResolved,
                       DistributionFile afterResolvedAfter) {
    }

    record GroupFile(String group, JsonNode skills, DistributionFile handleTime, List<ShiftFile> shifts) {
    }

    record ShiftFile(Integer count, Boolean always, JsonNode days, String start, String end) {
    }

    record CallsFile(Seconds ringNoAnswer, Seconds answerAfter, Seconds shortCall) {
    }

    /** 24 hourly values: one number for every hour, or hours ("9", "08-12", "other") to numbers. */
    record Hourly(Double all, Map<String, JsonNode> byHour) {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static Hourly of(double all) {
            return new Hourly(all, null);
        }

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static Hourly of(int all) {
            return new Hourly((double) all, null);
        }

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static Hourly of(Map<String, JsonNode> byHour) {
            return new Hourly(null, byHour);
        }
    }

    /**
     * A distribution: a plain duration (constant), or a mapping with {@code kind} and its parameters.
     * {@code constant} is set for the plain duration.
     */
    record DistributionFile(String kind, Seconds mean, Seconds sd, Seconds value, Seconds min, Seconds max,
                            List<JsonNode> values, String csv, Seconds constant) {

        static final String SHAPES = "must be a duration or a distribution mapping"
                + " (kind: exponential|lognormal|empirical|constant|uniform)";

        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        static DistributionFile mapping(@com.fasterxml.jackson.annotation.JsonProperty("kind") String kind,
                                        @com.fasterxml.jackson.annotation.JsonProperty("mean") Seconds mean,
                                        @com.fasterxml.jackson.annotation.JsonProperty("sd") Seconds sd,
                                        @com.fasterxml.jackson.annotation.JsonProperty("value") Seconds value,
                                        @com.fasterxml.jackson.annotation.JsonProperty("min") Seconds min,
                                        @com.fasterxml.jackson.annotation.JsonProperty("max") Seconds max,
                                        @com.fasterxml.jackson.annotation.JsonProperty("values") List<JsonNode> values,
                                        @com.fasterxml.jackson.annotation.JsonProperty("csv") String csv) {
            return new DistributionFile(kind, mean, sd, value, min, max, values, csv, null);
        }

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static DistributionFile duration(String text) {
            double d = Seconds.parse(text);
            if (Double.isNaN(d) || d < 0) {
                throw new IllegalArgumentException(SHAPES);
            }
            return new DistributionFile(null, null, null, null, null, null, null, null, new Seconds(d));
        }

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static DistributionFile duration(int seconds) {
            return duration((double) seconds);
        }

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static DistributionFile duration(double seconds) {
            if (seconds < 0) {
                throw new IllegalArgumentException(SHAPES);
            }
            return new DistributionFile(null, null, null, null, null, null, null, null, new Seconds(seconds));
        }
    }
}
