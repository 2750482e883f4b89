package com.callbackdesk.whatif;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class WhatIfCliTest {

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = WhatIf.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static final String[] COMPARE = {"--scenario", "examples/scenario-month.yaml", "--policy", "examples/policy-current.yaml",
            "--policy", "examples/policy-proposed.yaml", "--days", "4", "--replications", "3"};

    @Test
    void leadsWithTheVerdictAndKeepsTheDiagnosticsBehindVerbose() {
        Run r = run(COMPARE);
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("Policy A: policy-current", "Policy B: policy-proposed", "Policy B against policy A:",
                "end-of-day callbacks", "first contact", "callers", "wastes", "attempts per contact", "consultants", "overtime",
                "detectable", "add --verbose");
        assertThat(r.out()).doesNotContain("Little", "Scenario seed", " ± ", "survey transfers", "\u001b[");

        Run verbose = run(append(COMPARE, "--verbose"));
        assertThat(verbose.status()).as(verbose.err()).isZero();
        assertThat(verbose.out()).startsWith(r.out().substring(0, r.out().indexOf("Every figure")));
        assertThat(verbose.out()).contains("A: policy-current", "B: policy-proposed", "Δ B − A", "end-of-day misses",
                "wasted callbacks", "time to first contact, p90 (min)", "attempts per contact", "consultant occupancy",
                "consultant overtime", "survey transfers", "given up: too late to call (expired)", " ± ",
                "Scenario seed 20261102", "Replications: policy B − policy A", "Little's law", "holds");
    }

    @Test
    void colouredOnATerminalUnlessNoColorOrNoColorOption() {
        String[] mmc = {"--scenario", "examples/scenario-mmc.yaml", "--days", "2", "--replications", "2",
                "--policy", "examples/policy-current.yaml", "--policy", "examples/policy-proposed.yaml"};
        assertThat(runOn(true, Map.of(), mmc).out()).contains("\u001b[");
        assertThat(runOn(true, Map.of(), append(mmc, "--no-color")).out()).doesNotContain("\u001b[");
        assertThat(runOn(true, Map.of("NO_COLOR", "1"), mmc).out()).doesNotContain("\u001b[");
        assertThat(runOn(false, Map.of(), mmc).out()).doesNotContain("\u001b[");
        assertThat(runOn(false, Map.of(), append(mmc, "--color")).out()).contains("\u001b[");
    }

    @Test
    void theSameFiguresAsJsonAndTheSameAgain() throws Exception {
        String[] args = append(COMPARE, "--json");
        Run a = run(args);
        Run b = run(args);
        assertThat(a.status()).isZero();
        JsonNode root = new ObjectMapper().readTree(a.out());
        assertThat(root.at("/policies")).hasSize(2);
        assertThat(root.at("/policies/0/metrics/endOfDayMisses/mean").isNumber()).isTrue();
        assertThat(root.at("/policies/1/differenceToFirst/wastedCallbacks/halfWidth").isNumber()).isTrue();
        assertThat(root.at("/policies/0/byHourOfDay/queueDepth")).hasSize(24);
        assertThat(root.at("/policies/0/replications")).hasSize(3);
        assertThat(root.at("/scenario/days").asInt()).isEqualTo(4);
        assertThat(root.at("/betterWhen/endOfDayMisses").asText()).isEqualTo("lower");
        assertThat(root.at("/betterWhen/contactRate").asText()).isEqualTo("higher");
        JsonNode verdict = root.at("/policies/1/verdict");
        assertThat(verdict.at("/summary").asText()).startsWith("Policy B against policy A: ");
        assertThat(verdict.at("/lines")).hasSize(7);
        assertThat(verdict.at("/lines/0/metric").asText()).isEqualTo("endOfDayMisses");
        assertThat(verdict.at("/lines/0/finding").asText()).isIn("better", "worse", "notDetectable");
        assertThat(verdict.at("/lines/0/sentence").asText()).startsWith("Policy B misses ");
        assertThat(root.at("/policies/0/verdict").isMissingNode()).isTrue();
        // reproducible: same seed, same numbers (wall times aside)
        assertThat(withoutTimes(a.out())).isEqualTo(withoutTimes(b.out()));
    }

    @Test
    void writesASelfContainedHtmlReport(@TempDir Path dir) throws Exception {
        Path html = dir.resolve("report.html");
        Run r = run(append(COMPARE, "--html", html.toString()));
        assertThat(r.status()).isZero();
        String page = Files.readString(html);
        assertThat(page).startsWith("<!DOCTYPE html>").contains("Verdict: policy B against policy A", "Queue depth by hour of day",
                "End-of-day misses by hour", "Time to first contact", "policy-proposed");
        assertThat(page.indexOf("Verdict")).isLessThan(page.indexOf("<svg xmlns"));
        assertThat(page).doesNotContain("Little", "Diagnostics");
        assertThat(page).doesNotContain("<script", "<link", "src=\"http", "href=\"http", "@import", "url(");
        assertThat(page.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http://", "https://");
        Matcher svg = Pattern.compile("<svg xmlns.*?</svg>", Pattern.DOTALL).matcher(page);
        List<String> units = new ArrayList<>();
        while (svg.find()) {
            Document chart = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(svg.group().getBytes(StandardCharsets.UTF_8))); // well-formed
            // A chart has one value axis, so one unit: every series is drawn against the same label.
            NodeList texts = chart.getElementsByTagName("text");
            List<String> axisLabels = new ArrayList<>();
            for (int i = 0; i < texts.getLength(); i++) {
                Element t = (Element) texts.item(i);
                if (t.getAttribute("transform").startsWith("rotate(-90")) {
                    axisLabels.add(t.getTextContent());
                }
            }
            assertThat(axisLabels).hasSize(1);
            units.add(axisLabels.get(0));
        }
        assertThat(units).containsExactly("waiting requests", "open requests", "misses per run", "% of contacts");

        Run verbose = run(append(COMPARE, "--verbose", "--html", html.toString()));
        assertThat(verbose.status()).isZero();
        assertThat(Files.readString(html)).contains("<h2>Diagnostics</h2>", "Little's law", "Scenario seed 20261102", "Δ B − A");
    }

    @Test
    void badInputIsNamedAndExitsWithTwo(@TempDir Path dir) throws Exception {
        Path scenario = dir.resolve("s.yaml");
        Files.writeString(scenario, "seed: 1\ndays: -3\narrivals: {poisson: {perHour: 5}}\npersonas: [{name: a, share: 1}]\n"
                + "consultants: [{group: g, handleTime: 5m, shifts: [{days: MON, start: \"09:00\", end: \"10:00\", count: 1}]}]\n");
        Run r = run("--scenario", scenario.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("is not a valid scenario", "days: must be between 1 and 3650, was -3");

        Path policy = dir.resolve("p.yaml");
        Files.writeString(policy, Files.readString(Path.of("examples/policy-current.yaml")).replace("maxAttempts: 6", "maxAttempts: 0"));
        r = run("--scenario", "examples/scenario-mmc.yaml", "--policy", policy.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("is not a valid retry policy", "maxAttempts: must be between 1 and 50, was 0");

        assertThat(run("--policy").status()).isEqualTo(2);
        assertThat(run("--frobnicate").err()).contains("unknown argument '--frobnicate'", "usage:");
        assertThat(run("--help").out()).contains("usage: what-if --scenario");
    }

    private static Run runOn(boolean terminal, Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = WhatIf.commandLine(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                terminal, environment).execute(args);
        Run r = new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.err()).isZero();
        return r;
    }

    private static String withoutTimes(String json) {
        return json.replaceAll("\"wallSeconds\" : [0-9.Ee-]+", "\"wallSeconds\" : 0");
    }

    private static String[] append(String[] a, String... more) {
        String[] out = java.util.Arrays.copyOf(a, a.length + more.length);
        System.arraycopy(more, 0, out, a.length, more.length);
        return out;
    }
}
