package com.callbackdesk.ivr.prompts;

import com.callbackdesk.pbxsim.SoundFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The build-time check of the shipped catalogue: every entry of every language can be rendered (it
 * has words and a voice), and — where espeak-ng and sox are installed, as on CI — is rendered, in
 * every format, where Asterisk (here pbx-sim's lookup, which follows Asterisk's) finds it for a
 * channel in that language.
 */
class SoundSetTest {

    private final PromptCatalogue catalogue = PromptCatalogue.loadDefault();

    @Test
    void everyPromptOfEveryLanguageHasWordsAndAVoice() {
        assertThat(catalogue.languages()).extracting(CallerLanguage::code).containsExactly("en", "zh-TW");
        for (CallerLanguage language : catalogue.languages()) {
            assertThat(language.voice()).as(language.code() + " voice").isNotBlank();
            assertThat(language.texts().keySet()).as(language.code() + " texts").isEqualTo(language.prompts().keySet());
            assertThat(language.texts().values()).as(language.code() + " texts").allMatch(t -> !t.isBlank());
        }
    }

    @Test
    void theSetHoldsEveryPromptAndTheDigitsOfEachChannelLanguage() {
        SoundSet set = SoundSet.of(catalogue);

        for (CallerLanguage language : catalogue.languages()) {
            assertThat(set.names()).containsAll(language.prompts().values());
            for (char d = '0'; d <= '9'; d++) {
                assertThat(set.names()).contains(language.asteriskLanguage() + "/digits/" + d);
            }
        }
        assertThat(set.names()).doesNotHaveDuplicates().contains("zh/digits/0").doesNotContain("zh-TW/digits/0");
        assertThat(SoundSet.of(catalogue, List.of("zh-TW")).names())
                .allMatch(n -> n.startsWith("callback-desk/zh-TW/") || n.startsWith("zh/digits/"));
    }

    @Test
    void anUnknownLanguageIsRefusedNamingTheOnesThereAre() {
        assertThatThrownBy(() -> SoundSet.of(catalogue, List.of("fr")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("language: no language fr in the prompt catalogue (it has en, zh-TW)");
    }

    @Test
    void everyCatalogueEntryIsRenderedInEveryLanguageWhereAsteriskLooks(@TempDir Path sounds) {
        assumeTrue(SoundTools.available(), "espeak-ng or sox is not installed (" + SoundTools.HOW_TO_INSTALL
                + "): the rendered set is not checked here (CI installs them)");
        SoundSet set = SoundSet.of(catalogue);

        PromptRenderer.Report report = new PromptRenderer().render(set, sounds, null);

        assertThat(report.problems()).isEmpty();
        assertThat(PromptRenderer.missing(set, sounds)).isEmpty();
        SoundFiles asterisk = SoundFiles.inDirectory(sounds);
        for (CallerLanguage language : catalogue.languages()) {
            // Prompts are found whatever the channel's language (the survey runs on the trunk's),
            // digits in the language the IVR sets on the channel.
            for (String channelLanguage : List.of("en", language.asteriskLanguage(), "fr")) {
                for (String file : language.prompts().values()) {
                    assertThat(asterisk.exists(file, channelLanguage)).as(file + " on a channel in " + channelLanguage).isTrue();
                }
            }
            for (char d = '0'; d <= '9'; d++) {
                assertThat(asterisk.find("digits/" + d, language.asteriskLanguage()))
                        .contains(language.asteriskLanguage() + "/digits/" + d);
            }
        }
    }
}
