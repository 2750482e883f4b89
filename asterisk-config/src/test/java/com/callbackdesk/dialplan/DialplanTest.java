package com.callbackdesk.dialplan;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DialplanTest {

    private final Dialplan shipped = Dialplan.loadDefault();

    @Test
    void inboundAnswersThenRunsTheIntakeScriptOnOurFastAgiServer() {
        Extension s = shipped.requireContext("inbound").extension("s").orElseThrow();
        List<String> apps = s.priorities().stream().map(Priority::application).toList();
        assertThat(apps).containsSubsequence("Answer", "AGI", "Hangup");
        Priority agi = shipped.requireContext("inbound").applications("AGI").get(0);
        assertThat(agi.args().get(0)).isEqualTo("${FASTAGI}/intake");
        assertThat(shipped.globals().get("FASTAGI")).startsWith("agi://").endsWith(":4573");
        assertThat(s.priority(1).orElseThrow().application()).isEqualTo("NoOp");
        assertThat(agi.number()).isEqualTo(4);
    }

    @Test
    void aDialledNumberReachesTheSameIntake() {
        Extension did = shipped.requireContext("inbound").match("0223456789").orElseThrow();
        assertThat(did.name()).isEqualTo("_X.");
        assertThat(did.priority(1).orElseThrow().application()).isEqualTo("Goto");
        assertThat(shipped.requireContext("inbound").match("s").orElseThrow().name()).isEqualTo("s");
    }

    @Test
    void theOperatorFallbackExists() {
        assertThat(shipped.requireContext("operator").extension("s")).isPresent();
    }

    /** The survey transfer is guaranteed by the dialplan, not by a consultant's memory. */
    @Test
    void everyCallbackDialTransfersTheCustomerToTheSurvey() {
        assertThat(shipped.requireContext("callback").applications("Dial")).isNotEmpty();
        assertThat(surveyTransferViolations(shipped)).isEmpty();
    }

    /** The shipped extensions.conf with the transfer or the inheritance edited out fails the rule. */
    @Test
    void theShippedDialplanFailsTheRuleWhenTheTransferOrInheritanceIsRemoved() throws Exception {
        String conf;
        try (java.io.InputStream in = Dialplan.class.getClassLoader().getResourceAsStream(Dialplan.DEFAULT_RESOURCE)) {
            conf = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertThat(conf).contains(",F(survey^s^1))", "Set(__CALLBACK_ID=", "Set(__CONSULTANT=");
        assertThat(surveyTransferViolations(Dialplan.parse(conf.replace(",F(survey^s^1))", ")"))))
                .singleElement().asString().contains("no F(context^exten^priority)");
        assertThat(surveyTransferViolations(Dialplan.parse(conf.replace("Set(__CALLBACK_ID=", "Set(CALLBACK_ID="))))
                .singleElement().asString().contains("__CALLBACK_ID");
    }

    /** The rule above must bite: each way of breaking the transfer is named. */
    @Test
    void theSurveyTransferRuleFailsADialThatWouldLoseTheSurvey() {
        String survey = """
                [survey]
                exten => s,1,NoOp(Survey for callback ${CALLBACK_ID})
                 same => n,AGI(${FASTAGI}/survey)
                 same => n,Hangup()
                """;
        String good = """
                [callback]
                exten => _+X.,1,NoOp(Callback)
                 same => n,Set(__CALLBACK_ID=${CALLBACK_ID})
                 same => n,Set(__CONSULTANT=${CONSULTANT})
                 same => n,Dial(PJSIP/${EXTEN}@trunk,30,gF(survey^s^1))
                 same => n,Hangup()
                """;
        assertThat(surveyTransferViolations(Dialplan.parse(good + survey))).isEmpty();

        assertThat(surveyTransferViolations(Dialplan.parse(good.replace(",gF(survey^s^1)", "") + survey)))
                .singleElement().asString().contains("no F(context^exten^priority)");
        assertThat(surveyTransferViolations(Dialplan.parse(good.replace("gF(survey^s^1)", "g") + survey)))
                .singleElement().asString().contains("no F(context^exten^priority)");
        assertThat(surveyTransferViolations(Dialplan.parse(good.replace("F(survey^s^1)", "F(operator^s^1)")
                + survey + "[operator]\nexten => s,1,Dial(PJSIP/operator,60)\n")))
                .singleElement().asString().contains("does not run the survey script");
        assertThat(surveyTransferViolations(Dialplan.parse(good.replace("F(survey^s^1)", "F(survey^s^9)") + survey)))
                .singleElement().asString().contains("no such priority");
        assertThat(surveyTransferViolations(Dialplan.parse(good + survey.replace("/survey)", "/intake)"))))
                .singleElement().asString().contains("does not run the survey script");
        assertThat(surveyTransferViolations(Dialplan.parse(good.replace("__CALLBACK_ID=", "CALLBACK_ID=") + survey)))
                .singleElement().asString().contains("__CALLBACK_ID");
        assertThat(surveyTransferViolations(Dialplan.parse(good.replace("__CALLBACK_ID=", "_CALLBACK_ID=") + survey)))
                .singleElement().asString().contains("__CALLBACK_ID");
        assertThat(surveyTransferViolations(Dialplan.parse(good.replace(" same => n,Set(__CONSULTANT=${CONSULTANT})\n", "")
                + survey))).singleElement().asString().contains("__CONSULTANT");
        // Inheritance set only after the Dial comes too late for the customer's channel.
        String late = """
                [callback]
                exten => _+X.,1,Dial(PJSIP/${EXTEN}@trunk,30,F(survey^s^1))
                 same => n,Set(__CALLBACK_ID=${CALLBACK_ID})
                 same => n,Set(__CONSULTANT=${CONSULTANT})
                """;
        assertThat(surveyTransferViolations(Dialplan.parse(late + survey))).hasSize(2)
                .allSatisfy(v -> assertThat(v).contains("before it"));
        // A second Dial (another extension) that forgets the transfer is caught too.
        String second = good + "exten => _X.,1,Set(__CALLBACK_ID=${CALLBACK_ID})\n same => n,Set(__CONSULTANT=x)\n"
                + " same => n,Dial(PJSIP/${EXTEN}@trunk,30)\n";
        assertThat(surveyTransferViolations(Dialplan.parse(second + survey))).singleElement().asString()
                .contains("_X.").contains("no F(context^exten^priority)");
    }

    private static final Pattern TRANSFER = Pattern.compile("F\\(([^^)]+)\\^([^^)]+)\\^(\\d+)\\)");

    /**
     * Every Dial in [callback] must (a) carry F(context^exten^priority) to an existing priority of
     * a context that runs {@code AGI(${FASTAGI}/survey)}, and (b) be preceded, in its extension,
     * by {@code Set(__CALLBACK_ID=...)} and {@code Set(__CONSULTANT=...)}, so the customer's
     * channel inherits what the survey reads. Returns what is wrong, one line per problem.
     */
    static List<String> surveyTransferViolations(Dialplan plan) {
        List<String> problems = new java.util.ArrayList<>();
        for (Extension exten : plan.requireContext("callback").extensions()) {
            for (Priority dial : exten.priorities()) {
                if (!dial.application().equalsIgnoreCase("Dial")) {
                    continue;
                }
                String where = "Dial at line " + dial.line() + " (callback," + exten.name() + "," + dial.number() + ")";
                List<String> args = dial.args();
                Matcher m = TRANSFER.matcher(args.size() >= 3 ? args.get(2) : "");
                if (!m.find()) {
                    problems.add(where + ": no F(context^exten^priority) survey transfer");
                } else {
                    java.util.Optional<DialplanContext> target = plan.context(m.group(1));
                    java.util.Optional<Priority> first = target.flatMap(c -> c.match(m.group(2)))
                            .flatMap(e -> e.priority(Integer.parseInt(m.group(3))));
                    if (first.isEmpty()) {
                        problems.add(where + ": F() goes to " + m.group(1) + "," + m.group(2) + "," + m.group(3)
                                + ", no such priority");
                    } else if (target.get().applications("AGI").stream()
                            .noneMatch(p -> !p.args().isEmpty() && p.args().get(0).endsWith("/survey"))) {
                        problems.add(where + ": F() goes to [" + m.group(1) + "], which does not run the survey script");
                    }
                }
                for (String variable : List.of("CALLBACK_ID", "CONSULTANT")) {
                    boolean inherited = exten.priorities().stream()
                            .filter(p -> p.number() < dial.number() && p.application().equalsIgnoreCase("Set"))
                            .anyMatch(p -> p.rawArgs().startsWith("__" + variable + "="));
                    if (!inherited) {
                        problems.add(where + ": no Set(__" + variable + "=...) before it, so the customer's channel"
                                + " would not inherit " + variable);
                    }
                }
            }
        }
        return problems;
    }

    @Test
    void parsesPrioritiesLabelsSameAndIncludes() {
        Dialplan plan = Dialplan.parse("""
                [globals]
                A=1 ; comment
                [ctx]
                include => other
                exten => 100,1,NoOp(first\\; not a comment)
                 same => n(again),Set(X=${A},y)
                 same => n,Goto(ctx,100,again)
                exten => _NXX,1,Hangup()
                [other]
                exten => s,1,Dial(PJSIP/alice,30,F(survey^s^1))
                """);
        DialplanContext ctx = plan.requireContext("ctx");
        Extension e = ctx.extension("100").orElseThrow();
        assertThat(e.priorities()).extracting(Priority::number).containsExactly(1, 2, 3);
        assertThat(e.priority(1).orElseThrow().rawArgs()).isEqualTo("first; not a comment");
        assertThat(e.label("again").orElseThrow().number()).isEqualTo(2);
        assertThat(e.priority(2).orElseThrow().args()).containsExactly("X=${A}", "y");
        assertThat(ctx.includes()).containsExactly("other");
        assertThat(plan.globals()).containsEntry("A", "1");
        assertThat(plan.requireContext("other").applications("dial").get(0).args())
                .containsExactly("PJSIP/alice", "30", "F(survey^s^1)");
    }

    @Test
    void matchesPatternsAsAsteriskDoes() {
        assertThat(new ExtensionPattern("_X.").matches("1")).as("\".\" is one or more").isFalse();
        assertThat(new ExtensionPattern("_X.").matches("12")).isTrue();
        assertThat(new ExtensionPattern("_X.").matches("12345")).isTrue();
        assertThat(new ExtensionPattern("_X.").matches("")).isFalse();
        assertThat(new ExtensionPattern("_NXX").matches("200")).isTrue();
        assertThat(new ExtensionPattern("_NXX").matches("100")).isFalse();
        assertThat(new ExtensionPattern("_NXX").matches("2000")).isFalse();
        assertThat(new ExtensionPattern("_[1-5]Z").matches("39")).isTrue();
        assertThat(new ExtensionPattern("_[1-5]Z").matches("60")).isFalse();
        assertThat(new ExtensionPattern("_+X.").matches("+886223456789")).isTrue();
        assertThat(new ExtensionPattern("_9!").matches("9")).isTrue();
        assertThat(new ExtensionPattern("s").matches("s")).isTrue();

        Dialplan plan = Dialplan.parse("""
                [c]
                exten => _X.,1,NoOp(any)
                exten => _NXX,1,NoOp(three)
                exten => 200,1,NoOp(literal)
                """);
        DialplanContext c = plan.requireContext("c");
        assertThat(c.match("200").orElseThrow().name()).isEqualTo("200");
        assertThat(c.match("300").orElseThrow().name()).isEqualTo("_NXX");
        assertThat(c.match("3000").orElseThrow().name()).isEqualTo("_X.");
    }

    @Test
    void refusesBrokenLinesNamingTheLine() {
        assertThatThrownBy(() -> Dialplan.parse("[c]\nexten => 1,x,NoOp()\n"))
                .isInstanceOf(DialplanException.class).hasMessageContaining("line 2");
        assertThatThrownBy(() -> Dialplan.parse("[c]\n same => n,NoOp()\n"))
                .isInstanceOf(DialplanException.class).hasMessageContaining("same");
    }
}
