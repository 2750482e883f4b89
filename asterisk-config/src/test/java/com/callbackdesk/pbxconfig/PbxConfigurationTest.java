package com.callbackdesk.pbxconfig;

import com.callbackdesk.dialplan.AsteriskModules;
import com.callbackdesk.dialplan.Dialplan;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Asterisk configuration `pbx config` writes, loaded back with the parsers and checked for loose ends. */
class PbxConfigurationTest {

    /** A desk on 192.0.2.5, a registering carrier, an operator at a fixed contact, two consultants. */
    private static PbxConfigInput desk() {
        return new PbxConfigInput("192.0.2.5", 4573,
                new PbxConfigInput.Ami("192.0.2.1", 5038, "callbackdesk", "s3cret-from-env", "192.0.2.5"),
                "0.0.0.0:5060",
                new PbxConfigInput.Trunk("198.51.100.7", 5060, List.of("198.51.100.0/28", "198.51.100.99"), "desk42",
                        "trunk-pass", true, List.of("alaw", "ulaw")),
                new PbxConfigInput.Phone("operator", "operator", "op-pass"), "sip:operator@192.0.2.20:5060",
                List.of(new PbxConfigInput.Phone("alice", "alice", "alice-pass"),
                        new PbxConfigInput.Phone("bob.desk", "bob", "bob-pass")),
                "\"Acme Support\" <+886223456789>", Map.of("billing", "\"Acme Billing\" <+886223450000>"));
    }

    @Test
    void theGeneratedConfigurationHasEverythingItReferences() {
        Map<String, String> files = PbxConfiguration.render(desk());
        assertThat(files).containsOnlyKeys("extensions.conf", "manager.conf", "pjsip.conf", "modules.conf");
        assertThat(PbxConfigCheck.problems(files)).isEmpty();

        Dialplan plan = Dialplan.parse(files.get("extensions.conf"));
        assertThat(plan.contexts()).containsKeys("inbound", "operator", "callback", "survey", "desk-unreachable");
        assertThat(plan.globals()).containsEntry("FASTAGI", "agi://192.0.2.5:4573")
                .containsEntry("OPERATOR_ENDPOINT", "PJSIP/operator")
                .containsEntry("CALLBACK_CALLERID", "\"Acme Support\" <+886223456789>")
                .containsEntry("CALLBACK_CALLERID_BILLING", "\"Acme Billing\" <+886223450000>");

        AsteriskConf modules = AsteriskConf.parse("modules.conf", files.get("modules.conf"));
        AsteriskConf.Section m = modules.section("modules").orElseThrow();
        assertThat(m.get("autoload")).contains("no");
        Set<String> loaded = new LinkedHashSet<>();
        m.all("load").forEach(loaded::add);
        m.all("require").forEach(loaded::add);
        // every application and function of the dialplan (and the scripts' EXEC Goto) has its module
        assertThat(plan.applicationsUsed()).contains("AGI", "Dial", "Playback", "GotoIf", "Goto", "Set", "Answer");
        assertThat(plan.functionsUsed()).contains("CALLERID", "CHANNEL");
        for (String module : AsteriskModules.neededBy(plan, PbxConfiguration.SCRIPT_APPLICATIONS)) {
            assertThat(loaded).contains(module + ".so");
        }
        assertThat(loaded).contains("res_agi.so", "app_dial.so", "app_playback.so", "func_callerid.so",
                "func_channel.so", "pbx_config.so", "chan_pjsip.so", "res_pjsip_session.so", "res_rtp_asterisk.so",
                "res_pjsip_endpoint_identifier_ip.so", "res_pjsip_outbound_registration.so",
                "res_pjsip_outbound_authenticator_digest.so", "codec_alaw.so", "codec_ulaw.so", "bridge_simple.so")
                .doesNotContain("chan_sip.so", "chan_skinny.so", "chan_mgcp.so");
        assertThat(m.all("require")).contains("res_agi.so", "app_dial.so", "chan_pjsip.so", "pbx_config.so");

        AsteriskConf pjsip = AsteriskConf.parse("pjsip.conf", files.get("pjsip.conf"));
        assertThat(pjsip.objects("endpoint")).containsOnlyKeys("trunk", "operator", "alice", "bob.desk");
        assertThat(pjsip.objects("identify").get("trunk-identify").list("match"))
                .containsExactly("198.51.100.0/28", "198.51.100.99");
        assertThat(pjsip.objects("aor").get("operator").get("contact")).contains("sip:operator@192.0.2.20:5060");
        assertThat(pjsip.objects("aor").get("trunk").get("contact")).contains("sip:198.51.100.7:5060");
        assertThat(pjsip.objects("auth").get("alice-auth").get("password")).contains("alice-pass");
        assertThat(pjsip.objects("endpoint").get("alice").get("context")).contains("callback");
        assertThat(pjsip.objects("endpoint").get("trunk").get("context")).contains("inbound");
        assertThat(pjsip.objects("endpoint").get("trunk").get("dtmf_mode")).contains("rfc4733");
        assertThat(pjsip.objects("registration").get("trunk-registration").get("client_uri"))
                .contains("sip:desk42@198.51.100.7:5060");

        AsteriskConf manager = AsteriskConf.parse("manager.conf", files.get("manager.conf"));
        AsteriskConf.Section user = manager.section("callbackdesk").orElseThrow();
        assertThat(user.get("secret")).contains("s3cret-from-env");
        assertThat(user.list("read")).containsExactly("call", "dtmf");
        assertThat(user.list("write")).containsExactly("originate", "reporting");
        assertThat(user.all("permit")).containsExactly("192.0.2.5/255.255.255.255");
        assertThat(manager.section("general").orElseThrow().get("bindaddr")).contains("192.0.2.1");
    }

    @Test
    void anIpAuthenticatedTrunkNeedsNoAuthenticatorAndRegistersNowhere() {
        PbxConfigInput in = desk();
        PbxConfigInput ipOnly = new PbxConfigInput(in.deskAddress(), in.fastAgiPort(), in.ami(), in.sipBind(),
                new PbxConfigInput.Trunk("198.51.100.7", 5060, List.of("198.51.100.7"), null, null, false,
                        List.of("ulaw")), in.operator(), null, List.of(), in.callerId(), Map.of());
        Map<String, String> files = PbxConfiguration.render(ipOnly);
        assertThat(PbxConfigCheck.problems(files)).isEmpty();
        assertThat(files.get("modules.conf")).doesNotContain("res_pjsip_outbound_registration",
                "res_pjsip_outbound_authenticator_digest", "codec_alaw");
        assertThat(files.get("pjsip.conf")).doesNotContain("outbound_auth", "type = registration");
    }

    /** What shipped in asterisk/ is the example rendered: the same generator, nothing edited by hand. */
    @Test
    void theShippedFilesAreTheExampleConfiguration() throws IOException {
        Map<String, String> example = PbxConfiguration.render(PbxConfigInput.example());
        for (String name : List.of("pjsip.conf", "modules.conf", "manager.conf")) {
            assertThat(shipped(name)).as(name).isEqualTo(example.get(name));
        }
        Map<String, String> files = new HashMap<>(example);
        files.put("extensions.conf", shipped("extensions.conf"));
        assertThat(PbxConfigCheck.problems(files)).isEmpty();
        assertThat(Dialplan.parse(example.get("extensions.conf")).globals())
                .isEqualTo(Dialplan.parse(shipped("extensions.conf")).globals());
        for (String name : List.of("pjsip.conf", "modules.conf", "manager.conf", "extensions.conf")) {
            assertThat(shipped(name)).as(name).doesNotContainPattern("(?i)\\(story \\d+\\)|issue \\d+");
        }
    }

    @Test
    void everyLooseEndIsNamed() {
        Map<String, String> good = PbxConfiguration.render(desk());
        assertThat(problemsAfter(good, "modules.conf", s -> s.replaceAll("load => app_playback.so[^\n]*\n", "")))
                .singleElement().asString().contains("Playback").contains("app_playback.so");
        assertThat(problemsAfter(good, "modules.conf", s -> s.replaceAll("load => func_callerid.so[^\n]*\n", "")))
                .singleElement().asString().contains("CALLERID").contains("func_callerid.so");
        assertThat(problemsAfter(good, "modules.conf", s -> s.replaceAll("load => res_speech.so[^\n]*\n", "")))
                .singleElement().asString().contains("res_agi.so needs res_speech.so");
        assertThat(problemsAfter(good, "modules.conf", s -> s.replaceAll("load => res_sorcery_astdb.so[^\n]*\n", "")))
                .singleElement().asString().contains("res_pjsip.so needs res_sorcery_astdb.so");
        assertThat(problemsAfter(good, "modules.conf", s -> s.replace("autoload = no", "autoload = yes")))
                .singleElement().asString().contains("autoload");
        assertThat(problemsAfter(good, "modules.conf", s -> s + "noload => chan_sip.so\n"))
                .singleElement().asString().contains("chan_sip does not exist in Asterisk 22");
        assertThat(problemsAfter(good, "modules.conf", s -> s.replaceAll("load => res_pjsip_endpoint_identifier_ip.so[^\n]*\n", "")))
                .singleElement().asString().contains("identify").contains("res_pjsip_endpoint_identifier_ip.so");
        assertThat(problemsAfter(good, "extensions.conf", s -> s.replace("?desk-unreachable,s,1", "?desk-unreachabel,s,1")))
                .hasSize(2).allSatisfy(p -> assertThat(p).contains("[desk-unreachabel], which does not exist"));
        assertThat(problemsAfter(good, "extensions.conf", s -> s.replace("F(survey^s^1)", "F(survey^s^7)")))
                .singleElement().asString().contains("F()").contains("survey,s,7, no such priority");
        assertThat(problemsAfter(good, "extensions.conf", s -> s.replace("OPERATOR_ENDPOINT=PJSIP/operator",
                "OPERATOR_ENDPOINT=PJSIP/reception")))
                .allSatisfy(p -> assertThat(p).contains("endpoint reception, which pjsip.conf does not define")).isNotEmpty();
        assertThat(problemsAfter(good, "extensions.conf", s -> s.replace("@trunk,", "@carrier,")))
                .singleElement().asString().contains("endpoint carrier");
        assertThat(problemsAfter(good, "extensions.conf", s -> s.replace("Playback(an-error", "Festival(an-error")))
                .singleElement().asString().contains("Festival: no known Asterisk 22 module");
        assertThat(problemsAfter(good, "pjsip.conf", s -> s.replace("match = 198.51.100.0/28", "match = sip.carrier.example")))
                .singleElement().asString().contains("sip.carrier.example is not an IP address");
        assertThat(problemsAfter(good, "pjsip.conf", s -> s.replace("aors = alice", "aors = alicia")))
                .singleElement().asString().contains("aor alicia is not defined");
        assertThat(problemsAfter(good, "pjsip.conf", s -> s.replace("context = inbound", "context = incoming")))
                .singleElement().asString().contains("context incoming does not exist");
        assertThat(problemsAfter(good, "manager.conf", s -> s.replace("read = call,dtmf", "read = call")))
                .singleElement().asString().contains("dtmf");
    }

    @Test
    void refusesWhatAsteriskWouldMisreadNamingIt() {
        PbxConfigInput in = desk();
        assertThatThrownBy(() -> PbxConfiguration.render(new PbxConfigInput(in.deskAddress(), in.fastAgiPort(),
                in.ami(), in.sipBind(), new PbxConfigInput.Trunk("sip.carrier.example", 5060,
                List.of("sip.carrier.example"), null, null, false, List.of("ulaw")), in.operator(), null,
                in.consultants(), in.callerId(), Map.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trunk address sip.carrier.example: must be the carrier's IP address")
                .hasMessageContaining("trunk match sip.carrier.example: must be an IP address or CIDR block");
        assertThatThrownBy(() -> PbxConfiguration.render(new PbxConfigInput("0.0.0.0", 4573, in.ami(), in.sipBind(),
                in.trunk(), in.operator(), null, List.of(new PbxConfigInput.Phone("bob smith", "bob", "x")),
                in.callerId(), Map.of())))
                .hasMessageContaining("desk address 0.0.0.0")
                .hasMessageContaining("bob: endpoint bob smith is not a PJSIP endpoint name");
        assertThatThrownBy(() -> PbxConfiguration.render(new PbxConfigInput(in.deskAddress(), 4573,
                new PbxConfigInput.Ami("127.0.0.1", 5038, "callbackdesk", "semi;colon", "127.0.0.1"), in.sipBind(),
                in.trunk(), in.operator(), null, in.consultants(), "Callback; Desk", Map.of())))
                .hasMessageContaining("AMI secret: must not contain ';'")
                .hasMessageContaining("caller ID Callback; Desk");
        assertThatThrownBy(() -> PbxConfiguration.render(new PbxConfigInput(in.deskAddress(), 4573, in.ami(),
                in.sipBind(), in.trunk(), in.operator(), null,
                List.of(new PbxConfigInput.Phone("alice", "alice", "a1"), new PbxConfigInput.Phone("alice", "al", "a2")),
                in.callerId(), Map.of())))
                .hasMessageContaining("al: endpoint alice is already used");
    }

    @Test
    void aCallerIdNameIsQuotedAsAsteriskWritesIt() {
        assertThat(PbxConfiguration.quotedName("Callback Desk <100>")).isEqualTo("\"Callback Desk\" <100>");
        assertThat(PbxConfiguration.quotedName("\"Callback Desk\" <100>")).isEqualTo("\"Callback Desk\" <100>");
        assertThat(PbxConfiguration.quotedName("+886223456789")).isEqualTo("+886223456789");
    }

    @Test
    void addressesAreCheckedWithoutLookingNamesUp() {
        assertThat(Addresses.isIpOrCidr("203.0.113.10")).isTrue();
        assertThat(Addresses.isIpOrCidr("203.0.113.0/24")).isTrue();
        assertThat(Addresses.isIpOrCidr("10.0.0.0/255.0.0.0")).isTrue();
        assertThat(Addresses.isIpOrCidr("2001:db8::1")).isTrue();
        assertThat(Addresses.isIpOrCidr("2001:db8::/32")).isTrue();
        assertThat(Addresses.isIpOrCidr("203.0.113.0/33")).isFalse();
        assertThat(Addresses.isIpOrCidr("256.1.1.1")).isFalse();
        assertThat(Addresses.isIpOrCidr("sip.carrier.example")).isFalse();
        assertThat(Addresses.isIpOrCidr("localhost")).isFalse();
        assertThat(Addresses.isIpOrCidr("dead:beef")).isFalse();
    }

    private static List<String> problemsAfter(Map<String, String> files, String name, UnaryOperator<String> edit) {
        Map<String, String> changed = new HashMap<>(files);
        String edited = edit.apply(files.get(name));
        assertThat(edited).as("the edit applies to " + name).isNotEqualTo(files.get(name));
        changed.put(name, edited);
        return PbxConfigCheck.problems(changed);
    }

    private static String shipped(String name) throws IOException {
        try (InputStream in = PbxConfigurationTest.class.getClassLoader().getResourceAsStream("asterisk/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
