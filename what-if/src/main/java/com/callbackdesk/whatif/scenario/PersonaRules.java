package com.callbackdesk.whatif.scenario;

import com.callbackdesk.planning.config.ConfigProblems;
import com.callbackdesk.whatif.scenario.Scenario.Persona;
import com.callbackdesk.whatif.scenario.ScenarioFile.PersonaFile;

import java.time.LocalTime;
import java.util.Set;

/** One caller persona of a bound scenario, its traits checked with their field paths. */
final class PersonaRules {

    private final ScenarioRules rules;
    private final ConfigProblems p;
    private final Distributions distributions;

    PersonaRules(ScenarioRules rules, ConfigProblems problems, Distributions distributions) {
        this.rules = rules;
        this.p = problems;
        this.distributions = distributions;
    }

    Persona persona(String at, PersonaFile f, Set<String> names) {
        String name = p.required(at + ".name", f.name(), null);
        p.check(name == null || names.add(name), at + ".name", "persona '" + name + "' is defined twice");
        double share = rules.number(at + ".share", f.share(), 1, 0, 1e9, true);
        double urgent = rules.probability(at + ".urgent", f.urgent(), 0);
        double[] answers = rules.hourly(at + ".answers", f.answers(), 1, 0, 1, false);
        double busyShare = rules.probability(at + ".busyShare", f.busyShare(), 0.2);
        double wrong = rules.probability(at + ".wrongNumber", f.wrongNumber(), 0);
        return new Persona(name, share, urgent, answers, busyShare, selfResolves(at + ".selfResolves", f),
                leaves(at + ".leavesForTheDay", f), asksForLater(at + ".asksForLater", f),
                refuses(at + ".refusesScreenshot", f), repeats(at + ".repeats", f), wrong,
                rules.zone(at + ".zone", f.zone()));
    }

    private Scenario.SelfResolves selfResolves(String at, PersonaFile f) {
        var s = f.selfResolves();
        return s == null ? null : new Scenario.SelfResolves(rules.probability(at + ".probability", s.probability(), 1),
                distributions.of(at + ".within", s.within(), true), rules.probability(at + ".cancels", s.cancels(), 0));
    }

    private Scenario.LeavesForTheDay leaves(String at, PersonaFile f) {
        var l = f.leavesForTheDay();
        return l == null ? null : new Scenario.LeavesForTheDay(rules.time(at + ".around", l.around(), LocalTime.of(17, 0), true),
                rules.number(at + ".sdMinutes", l.sdMinutes(), 0, 0, 600, false),
                rules.probability(at + ".states", l.states(), 0),
                rules.probability(at + ".colleagueAnswers", l.colleagueAnswers(), 0));
    }

    private Scenario.AsksForLater asksForLater(String at, PersonaFile f) {
        var a = f.asksForLater();
        return a == null ? null : new Scenario.AsksForLater(rules.probability(at + ".probability", a.probability(), 1),
                distributions.of(at + ".after", a.after(), true));
    }

    private Scenario.RefusesScreenshot refuses(String at, PersonaFile f) {
        var r = f.refusesScreenshot();
        return r == null ? null : new Scenario.RefusesScreenshot(rules.probability(at + ".probability", r.probability(), 1),
                rules.number(at + ".handleTimeFactor", r.handleTimeFactor(), 1, 0.1, 100, false));
    }

    private Scenario.Repeats repeats(String at, PersonaFile f) {
        var r = f.repeats();
        if (r == null) {
            return null;
        }
        double whilePending = rules.probability(at + ".whilePending", r.whilePending(), 0);
        Distribution wpa = distributions.of(at + ".whilePendingAfter", r.whilePendingAfter(), whilePending > 0);
        double afterResolved = rules.probability(at + ".afterResolved", r.afterResolved(), 0);
        Distribution ara = distributions.of(at + ".afterResolvedAfter", r.afterResolvedAfter(), afterResolved > 0);
        return new Scenario.Repeats(whilePending, wpa, afterResolved, ara);
    }
}
