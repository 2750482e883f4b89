package com.callbackdesk.app.console;

import com.callbackdesk.ivr.prompts.MenuOption;
import com.callbackdesk.ivr.prompts.PromptCatalogue;
import com.callbackdesk.planning.labels.Labels;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one label table covers every code of the desk in English and Traditional Chinese: a
 * constant added to any vocabulary a person meets, or a product or category added to the IVR's
 * menus, fails here until it has both labels.
 */
class LabelTableTest {

    private final Labels labels = Labels.loadDefault();

    @Test
    void everyConstantOfEveryVocabularyAPersonMeetsHasBothLabels() {
        List<String> missing = new ArrayList<>();
        ShownCodes.KINDS.forEach((type, kind) -> {
            for (Enum<?> c : type.getEnumConstants()) {
                for (String lang : List.of("en", "zh-TW")) {
                    if (labels.find(kind, c.name(), lang).filter(l -> !l.isBlank() && !l.equals(c.name())).isEmpty()) {
                        missing.add(type.getSimpleName() + "." + c + " (" + kind + ") in " + lang);
                    }
                }
            }
        });
        assertThat(missing).as("labels missing from labels/labels.yaml").isEmpty();
    }

    @Test
    void theIvrMenusAndTheTableAreOneVocabulary() {
        PromptCatalogue catalogue = PromptCatalogue.loadDefault();
        ShownCodes.menuCodes().forEach((kind, codes) -> {
            assertThat(labels.codes(kind)).as(kind).containsExactlyInAnyOrderElementsOf(codes);
            for (String code : codes) {
                assertThat(labels.find(kind, code, "zh-TW")).as(kind + " " + code).isPresent();
            }
        });
        // The catalogue's own descriptions of its menus say what the table says in English.
        for (MenuOption o : catalogue.products()) {
            assertThat(labels.label("product", o.code(), "en")).as(o.code()).isEqualTo(o.label());
        }
        for (MenuOption o : catalogue.categories()) {
            assertThat(labels.label("category", o.code(), "en")).as(o.code()).isEqualTo(o.label());
        }
    }

    @Test
    void theSetOfCodesABrowserChecksComesFromTheEnumsThemselves() {
        assertThat(ShownCodes.all()).contains("QUEUED", "NO_ANSWER", "REPUTATIONAL_RISK", "NAS", "ERROR_MESSAGE",
                "HUNG_UP_BEFORE_SCORING", "ON_CALL", "SCREENSHOT_BEFORE_RESOLVED", "IN_HOUSE", "WAITED_TOO_LONG");
    }
}
