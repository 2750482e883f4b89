package com.callbackdesk.ivr.prompts;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The built-in voice: espeak-ng speaks, sox converts to what Asterisk plays (8 kHz mono: wav, sln,
 * ulaw), a recording wins over the voice. Needs Debian's espeak-ng and sox (CI installs them); a
 * machine without them skips, saying so.
 */
class PromptRendererTest {

    private static final String CATALOGUE = """
            languages:
              - code: en
                key: "1"
                voice: en
                prompts:
                  welcome: callback-desk/en/welcome
                  goodbye: callback-desk/en/goodbye
                texts:
                  welcome: "Welcome."
                  goodbye: "Goodbye."
              - code: zh-TW
                key: "2"
                asteriskLanguage: zh
                voice: cmn-latn-pinyin
                prompts:
                  welcome: callback-desk/zh-TW/welcome
                  goodbye: callback-desk/zh-TW/goodbye
                texts:
                  welcome: "歡迎。"
            menus:
              products: [{ key: "1", code: ROUTER, label: "Routers" }]
              categories: [{ key: "1", code: BILLING, label: "Billing" }]
            """;

    private PromptCatalogue catalogue;

    @BeforeEach
    void toolsPresent() {
        assumeTrue(SoundTools.available(), "espeak-ng or sox is not installed (" + SoundTools.HOW_TO_INSTALL
                + "): the built-in voice is not tested here");
        catalogue = PromptCatalogue.load(new ByteArrayInputStream(CATALOGUE.getBytes(StandardCharsets.UTF_8)), "test.yaml");
    }

    @Test
    void everySoundIsWrittenAsWavSlnAndUlawAt8kHzMono(@TempDir Path out, @TempDir Path recordings) throws IOException {
        // zh-TW "goodbye" has no text: a recording stands in for it.
        Files.createDirectories(recordings.resolve("callback-desk/zh-TW"));
        Files.write(recordings.resolve("callback-desk/zh-TW/goodbye.wav"), wav(8000, 4000));

        PromptRenderer.Report report = new PromptRenderer().render(SoundSet.of(catalogue), out, recordings);

        assertThat(report.problems()).isEmpty();
        assertThat(report.fromRecordings()).isEqualTo(1);
        assertThat(report.spoken()).isEqualTo(3 + 20);   // three prompts, 0-9 in en/ and zh/
        assertThat(PromptRenderer.missing(SoundSet.of(catalogue), out)).isEmpty();
        for (String name : List.of("callback-desk/en/welcome", "callback-desk/zh-TW/welcome", "en/digits/7", "zh/digits/7")) {
            WavFormat format = WavFormat.of(out.resolve(name + ".wav"));
            assertThat(format.audioFormat()).as(name).isEqualTo(1);            // PCM
            assertThat(format.channels()).as(name).isEqualTo(1);
            assertThat(format.sampleRate()).as(name).isEqualTo(8000);
            assertThat(format.bitsPerSample()).as(name).isEqualTo(16);
            assertThat(format.dataBytes()).as(name).isGreaterThan(1600);      // more than 0.1 s of speech
            long sln = Files.size(out.resolve(name + ".sln"));
            long ulaw = Files.size(out.resolve(name + ".ulaw"));
            // raw 16-bit samples and 8-bit μ-law of the same 8 kHz audio: the same number of samples
            assertThat(sln).as(name).isEqualTo(format.dataBytes());
            assertThat(ulaw * 2).as(name).isEqualTo(sln);
        }
        assertThat(out).isDirectoryNotContaining("glob:**/.render-*");
        // our μ-law is sox's (without dither), but for rounding at the edge of a quantisation step
        Path soxUlaw = recordings.resolve("check.ulaw");
        Process sox = new ProcessBuilder("sox", "-D", out.resolve("callback-desk/en/welcome.wav").toString(), "-t", "ul",
                soxUlaw.toString()).redirectErrorStream(true).start();
        assertThat(waitFor(sox)).isZero();
        byte[] ours = Files.readAllBytes(out.resolve("callback-desk/en/welcome.ulaw"));
        byte[] theirs = Files.readAllBytes(soxUlaw);
        assertThat(ours).hasSameSizeAs(theirs);
        int same = 0;
        for (int i = 0; i < ours.length; i++) {
            same += ours[i] == theirs[i] || (ours[i] & 0x7f) == 0x7f && (theirs[i] & 0x7f) == 0x7f ? 1 : 0;
        }
        assertThat(same).as("μ-law codes equal to sox's").isGreaterThan(ours.length * 9 / 10);
    }

    private static int waitFor(Process process) {
        try {
            process.getInputStream().readAllBytes();
            return process.waitFor();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aRecordingInAnyFormatOverridesTheVoiceInEveryFormat(@TempDir Path out, @TempDir Path recordings) throws IOException {
        SoundSet english = SoundSet.of(catalogue, List.of("en"));
        new PromptRenderer().render(english, out, null);
        long spokenSamples = Files.size(out.resolve("callback-desk/en/welcome.sln")) / 2;

        // 1.5 s recorded as raw signed linear, 8 kHz: what `sln` means to Asterisk
        Files.createDirectories(recordings.resolve("callback-desk/en"));
        byte[] wav = wav(8000, 12000);
        Files.write(recordings.resolve("callback-desk/en/welcome.sln"), java.util.Arrays.copyOfRange(wav, 44, wav.length));
        PromptRenderer.Report report = new PromptRenderer().render(english, out, recordings);

        assertThat(report.fromRecordings()).isEqualTo(1);
        assertThat(Files.size(out.resolve("callback-desk/en/welcome.sln"))).isEqualTo(24000).isNotEqualTo(spokenSamples * 2);
        assertThat(Files.size(out.resolve("callback-desk/en/welcome.ulaw"))).isEqualTo(12000);
        assertThat(WavFormat.of(out.resolve("callback-desk/en/welcome.wav")).dataBytes()).isEqualTo(24000);
        // the others are still the voice's
        assertThat(Files.size(out.resolve("callback-desk/en/goodbye.sln"))).isPositive();
    }

    @Test
    void aPromptWithNeitherWordsNorRecordingIsNamedAsAProblem(@TempDir Path out) {
        PromptRenderer.Report report = new PromptRenderer().render(SoundSet.of(catalogue), out, null);

        assertThat(report.complete()).isFalse();
        assertThat(report.problems()).singleElement().asString()
                .contains("callback-desk/zh-TW/goodbye", "zh-TW", "no text");
        assertThat(PromptRenderer.missing(SoundSet.of(catalogue), out))
                .containsExactly("callback-desk/zh-TW/goodbye.wav", "callback-desk/zh-TW/goodbye.sln",
                        "callback-desk/zh-TW/goodbye.ulaw");
    }

    @Test
    void wordsInSsmlSwitchVoicesAndTheMarkupIsNotSpoken(@TempDir Path out) throws IOException {
        PromptCatalogue ssml = PromptCatalogue.load(new ByteArrayInputStream("""
                languages:
                  - code: en
                    key: "1"
                    voice: en
                    prompts: { plain: x/plain, marked: x/marked, mixed: x/mixed }
                    texts:
                      plain: "For English, press 1."
                      marked: "<speak>For English, press 1.</speak>"
                      mixed: '<speak>For English, press 1. <voice name="cmn-latn-pinyin">中文服務請按2。</voice></speak>'
                menus:
                  products: [{ key: "1", code: ROUTER }]
                  categories: [{ key: "1", code: BILLING }]
                """.getBytes(StandardCharsets.UTF_8)), "ssml.yaml");

        assertThat(new PromptRenderer().render(SoundSet.of(ssml), out, null).problems()).isEmpty();

        long plain = Files.size(out.resolve("x/plain.sln"));
        assertThat((double) Files.size(out.resolve("x/marked.sln"))).isCloseTo(plain, org.assertj.core.data.Percentage.withPercentage(15));
        assertThat(Files.size(out.resolve("x/mixed.sln"))).isGreaterThan(plain * 3 / 2);
    }

    @Test
    void aMissingToolIsNamedWithHowToGetIt(@TempDir Path emptyPath) {
        assertThatThrownBy(() -> SoundTools.onPath(emptyPath.toString()))
                .isInstanceOf(MissingSoundToolException.class)
                .hasMessage("espeak-ng is not installed (the built-in voice needs espeak-ng and sox): "
                        + "apt-get install espeak-ng sox");
    }

    /** A 16-bit mono PCM wav of a 440 Hz tone. */
    static byte[] wav(int rate, int samples) {
        ByteBuffer b = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + samples * 2).put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(rate).putInt(rate * 2).putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(samples * 2);
        for (int i = 0; i < samples; i++) {
            b.putShort((short) (8000 * Math.sin(2 * Math.PI * 440 * i / rate)));
        }
        return b.array();
    }

    /** What a wav file's header says, read chunk by chunk (sox may add chunks before the data). */
    record WavFormat(int audioFormat, int channels, int sampleRate, int bitsPerSample, long dataBytes) {
        static WavFormat of(Path file) throws IOException {
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
            assertThat(new String(b.array(), 0, 4, StandardCharsets.US_ASCII)).as(file + " RIFF").isEqualTo("RIFF");
            assertThat(new String(b.array(), 8, 4, StandardCharsets.US_ASCII)).as(file + " WAVE").isEqualTo("WAVE");
            int pos = 12;
            int format = -1;
            int channels = -1;
            int rate = -1;
            int bits = -1;
            long data = -1;
            while (pos + 8 <= b.limit()) {
                String id = new String(b.array(), pos, 4, StandardCharsets.US_ASCII);
                int size = b.getInt(pos + 4);
                if (id.equals("fmt ")) {
                    format = b.getShort(pos + 8) & 0xffff;
                    channels = b.getShort(pos + 10);
                    rate = b.getInt(pos + 12);
                    bits = b.getShort(pos + 22);
                } else if (id.equals("data")) {
                    data = size & 0xffffffffL;
                }
                pos += 8 + size + (size & 1);
            }
            return new WavFormat(format, channels, rate, bits, data);
        }
    }
}
