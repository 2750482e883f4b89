package com.callbackdesk.planning.labels;

import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.planning.EscalationLevel;
import com.callbackdesk.planning.OutcomeCode;
import com.callbackdesk.planning.Urgency;
import com.callbackdesk.planning.queue.PreDialDecision;
import com.callbackdesk.planning.retry.GiveUpReason;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LabelsTest {

    private final Labels labels = Labels.loadDefault();

    /** Fails when a constant is added to one of planning's vocabularies without its labels. */
    @Test
    void everyPlanningCodeHasAnEnglishAndAChineseLabel() {
        assertEveryConstantLabelled("callbackState", CallbackState.class);
        assertEveryConstantLabelled("outcome", OutcomeCode.class);
        assertEveryConstantLabelled("urgency", Urgency.class);
        assertEveryConstantLabelled("escalation", EscalationLevel.class);
        assertEveryConstantLabelled("giveUpReason", GiveUpReason.class);
        assertEveryConstantLabelled("preDialDecision", PreDialDecision.class);
    }

    private void assertEveryConstantLabelled(String kind, Class<? extends Enum<?>> type) {
        for (Enum<?> c : type.getEnumConstants()) {
            for (String lang : List.of("en", "zh-TW")) {
                assertThat(labels.find(kind, c.name(), lang)).as(kind + " " + c + " in " + lang).isPresent()
                        .get().asString().isNotBlank().isNotEqualTo(c.name());
            }
        }
    }

    @Test
    void labelsAreInTheAskedLanguageAndNeverTheRawCode() {
        assertThat(labels.label("category", "ERROR_MESSAGE", "en")).isEqualTo("An error message appears");
        assertThat(labels.label("category", "ERROR_MESSAGE", "zh-TW")).isEqualTo("出現錯誤訊息");
        assertThat(labels.label("product", "NAS", "zh-Hant-TW")).isEqualTo("網路儲存裝置");
        assertThat(labels.label("outcome", OutcomeCode.BUSY, "en")).isEqualTo("Busy");
        // unknown language: English; unknown code: the code as words, never the code itself
        assertThat(labels.label("urgency", "URGENT", "fr")).isEqualTo("Urgent");
        assertThat(labels.label("group", "OUTSOURCED_ACME", "en")).isEqualTo("Outsourced acme");
        assertThat(labels.label("group", (String) null, "en")).isEmpty();
    }

    @Test
    void everyEntryOfTheTableExistsInEveryLanguage() {
        assertThat(labels.languages()).containsExactly("en", "zh-TW");
        for (String kind : labels.kinds()) {
            assertThat(labels.codes(kind)).as(kind).isNotEmpty();
            for (String lang : labels.languages()) {
                Map<String, String> table = labels.table(lang).get(kind);
                assertThat(table.keySet()).isEqualTo(labels.codes(kind));
                assertThat(table.values()).allSatisfy(v -> assertThat(v).isNotBlank());
            }
        }
        assertThat(labels.table("zh-TW").get("callbackState").get("QUEUED")).isEqualTo("排隊中");
    }

    @Test
    void aTableWithAGapIsRefusedNamingEveryGap() {
        assertThatThrownBy(() -> Labels.of(List.of("en", "zh-TW"), Map.of("urgency", Map.of(
                "NORMAL", Map.of("en", "Normal"), "URGENT", Map.of("en", "Urgent", "zh-TW", " ", "fr", "Urgent")))))
                .hasMessageContaining("kinds.urgency.NORMAL.zh-TW: missing")
                .hasMessageContaining("kinds.urgency.URGENT.zh-TW: missing")
                .hasMessageContaining("kinds.urgency.URGENT.fr: not a language");
    }

    @Test
    void theDesksLanguageComesFromATagOrAnAcceptLanguageList() {
        assertThat(Labels.language("zh-TW,zh;q=0.9,en-US;q=0.8,en;q=0.7")).isEqualTo("zh-TW");
        assertThat(Labels.language("en-GB,en;q=0.9,zh-TW;q=0.8")).isEqualTo("en");
        assertThat(Labels.language("fr-FR, zh-Hant;q=0.5")).isEqualTo("zh-TW");
        assertThat(Labels.language("de")).isEqualTo("en");
        assertThat(Labels.language(null)).isEqualTo("en");
        assertThat(Labels.bestOf("de, fr")).isEmpty();
        assertThat(Labels.language("zh;q=0, en")).isEqualTo("en");
    }
}
