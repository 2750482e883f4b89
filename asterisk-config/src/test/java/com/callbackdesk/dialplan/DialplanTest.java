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

    /** Story 8: the survey transfer is guaranteed by the dialplan, not by a consultant's memory. */
    @Test
    void everyCallbackDialTransfersTheCustomerToTheSurvey() {
        List<Priority> dials = shipped.requireContext("callback").applications("Dial");
        assertThat(dials).isNotEmpty();
        Pattern transfer = Pattern.compile("(?:^|[^A-Za-z])F\\(([^^)]+)\\^([^^)]+)\\^(\\d+)\\)");
        for (Priority dial : dials) {
            List<String> args = dial.args();
            assertThat(args).as("Dial at line %d has options", dial.line()).hasSizeGreaterThanOrEqualTo(3);
            Matcher m = transfer.matcher(args.get(2));
            assertThat(m.find()).as("Dial at line %d carries F(context^exten^priority)", dial.line()).isTrue();
            DialplanContext survey = shipped.requireContext(m.group(1));
            Extension exten = survey.match(m.group(2)).orElseThrow();
            assertThat(exten.priority(Integer.parseInt(m.group(3)))).isPresent();
            assertThat(survey.applications("AGI")).extracting(p -> p.args().get(0)).contains("${FASTAGI}/survey");
        }
        // The survey reads the callback id on the customer's channel: it must be inherited (__).
        assertThat(shipped.requireContext("callback").applications("Set"))
                .extracting(Priority::rawArgs).anyMatch(a -> a.startsWith("__CALLBACK_ID="));
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
