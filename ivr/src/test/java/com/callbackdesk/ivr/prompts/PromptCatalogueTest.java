package com.callbackdesk.ivr.prompts;

import com.callbackdesk.ivr.intake.IntakePrompts;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PromptCatalogueTest {

    @Test
    void shippedCatalogueHasEveryIntakePromptInEnglishAndTraditionalChinese() {
        PromptCatalogue catalogue = PromptCatalogue.loadDefault().requireKeys(IntakePrompts.ALL);

        assertThat(catalogue.languages()).extracting(CallerLanguage::code).containsExactly("en", "zh-TW");
        assertThat(catalogue.soundFile("en", "number.enter")).isEqualTo("callback-desk/en/enter-number");
        assertThat(catalogue.soundFile("zh-TW", "number.enter")).isEqualTo("callback-desk/zh-TW/enter-number");
        assertThat(catalogue.products()).extracting(MenuOption::key).doesNotHaveDuplicates().isNotEmpty();
        assertThat(catalogue.categories()).anyMatch(MenuOption::needsScreen).anyMatch(c -> !c.needsScreen());
    }

    @Test
    void matchesAsteriskChannelLanguages() {
        PromptCatalogue catalogue = PromptCatalogue.loadDefault();
        assertThat(catalogue.matchChannelLanguage("zh_TW")).map(CallerLanguage::code).contains("zh-TW");
        assertThat(catalogue.matchChannelLanguage("zh")).map(CallerLanguage::code).contains("zh-TW");
        assertThat(catalogue.matchChannelLanguage("en")).map(CallerLanguage::code).contains("en");
        assertThat(catalogue.matchChannelLanguage("fr")).isEmpty();
    }

    @Test
    void aKeyMissingInOneLanguageIsNamedWithTheLanguage() {
        String yaml = """
                languages:
                  - code: en
                    key: "1"
                    prompts: { welcome: en/welcome, goodbye: en/goodbye }
                  - code: zh-TW
                    key: "2"
                    prompts: { welcome: zh/welcome }
                menus:
                  products: [ { key: "1", code: ROUTER } ]
                  categories: [ { key: "1", code: OTHER } ]
                """;
        assertThatThrownBy(() -> load(yaml))
                .isInstanceOf(PromptCatalogueException.class)
                .hasMessageContaining("'goodbye'").hasMessageContaining("zh-TW");
    }

    @Test
    void wordsForAKeyThatIsNoPromptAreRefusedNamingIt() {
        String yaml = """
                languages:
                  - code: en
                    key: "1"
                    voice: en
                    prompts: { welcome: en/welcome }
                    texts: { welcome: "Welcome.", welcom: "Typo." }
                menus:
                  products: [ { key: "1", code: ROUTER } ]
                  categories: [ { key: "1", code: OTHER } ]
                """;
        assertThatThrownBy(() -> load(yaml))
                .isInstanceOf(PromptCatalogueException.class)
                .hasMessage("test.yaml: language en has a text for 'welcom', which is no prompt");
    }

    @Test
    void voiceAndWordsAreOptional() {
        CallerLanguage en = load("""
                languages:
                  - { code: en, key: "1", prompts: { welcome: en/welcome } }
                menus:
                  products: [ { key: "1", code: ROUTER } ]
                  categories: [ { key: "1", code: OTHER } ]
                """).language("en").orElseThrow();
        assertThat(en.voice()).isNull();
        assertThat(en.texts()).isEmpty();
    }

    @Test
    void aKeyTheScriptNeedsButNoLanguageHasIsNamed() {
        PromptCatalogue catalogue = load("""
                languages:
                  - { code: en, key: "1", prompts: { welcome: en/welcome } }
                menus:
                  products: [ { key: "1", code: ROUTER } ]
                  categories: [ { key: "1", code: OTHER } ]
                """);
        assertThatThrownBy(() -> catalogue.requireKeys(List.of("welcome", "goodbye")))
                .hasMessageContaining("'goodbye'").hasMessageContaining("en");
    }

    @Test
    void menuKeysMustBeUniqueSingleDigits() {
        assertThatThrownBy(() -> load("""
                languages:
                  - { code: en, key: "1", prompts: { welcome: en/welcome } }
                menus:
                  products: [ { key: "1", code: ROUTER }, { key: "1", code: NAS } ]
                  categories: [ { key: "1", code: OTHER } ]
                """)).hasMessageContaining("products").hasMessageContaining("key 1");
        assertThatThrownBy(() -> load("""
                languages:
                  - { code: en, key: "1", prompts: { welcome: en/welcome } }
                menus:
                  products: [ { key: "10", code: ROUTER } ]
                  categories: [ { key: "1", code: OTHER } ]
                """)).hasMessageContaining("ROUTER");
    }

    @Test
    void typosInTheFileAreRefused() {
        assertThatThrownBy(() -> load("""
                languages:
                  - { code: en, key: "1", prompt: { welcome: en/welcome } }
                """)).isInstanceOf(PromptCatalogueException.class).hasMessageContaining("test.yaml");
    }

    private static PromptCatalogue load(String yaml) {
        return PromptCatalogue.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml");
    }
}
