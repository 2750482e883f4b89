package com.callbackdesk.app;

import com.callbackdesk.ivr.prompts.SoundTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code callback-desk prompts render}: usage, refusals with exit 2, and a real render where espeak-ng and sox are. */
class PromptsCommandTest {

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theCommandIsListedAndExplainsItself() {
        assertThat(run("--help").out()).contains("prompts");
        assertThat(run("prompts", "render", "--help").out())
                .contains("usage: callback-desk prompts render", "--out", "--recordings", "--language");
    }

    @Test
    void badUsageAndUnknownLanguagesAreRefusedWithExitTwo(@TempDir Path dir) {
        Run noOut = run("prompts", "render");
        assertThat(noOut.status()).isEqualTo(2);
        assertThat(noOut.err()).contains("--out", "usage: callback-desk prompts render");

        Run french = run("prompts", "render", "--out", dir.toString(), "--language", "fr");
        assertThat(french.status()).isEqualTo(2);
        assertThat(french.err().strip()).isEqualTo("language: no language fr in the prompt catalogue (it has en, zh-TW)");

        Run noRecordings = run("prompts", "render", "--out", dir.toString(), "--recordings", dir.resolve("nowhere").toString());
        assertThat(noRecordings.status()).isEqualTo(2);
        assertThat(noRecordings.err().strip()).startsWith("recordings: no such directory");
    }

    @Test
    void rendersTheChosenLanguageAsAsteriskLaysItOut(@TempDir Path sounds) {
        assumeTrue(SoundTools.available(), "espeak-ng or sox is not installed (" + SoundTools.HOW_TO_INSTALL + ")");

        Run r = run("prompts", "render", "--out", sounds.toString(), "--language", "zh-TW");

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("46 sound files for zh-TW", "/var/lib/asterisk/sounds/");
        assertThat(sounds.resolve("callback-desk/zh-TW/welcome.wav")).isNotEmptyFile();
        assertThat(sounds.resolve("callback-desk/zh-TW/survey-thank-you.ulaw")).isNotEmptyFile();
        assertThat(sounds.resolve("zh/digits/9.sln")).isNotEmptyFile();
        assertThat(sounds.resolve("callback-desk/en")).doesNotExist();
    }
}
