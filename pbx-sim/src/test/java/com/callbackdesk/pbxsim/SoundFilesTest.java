package com.callbackdesk.pbxsim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.callbackdesk.pbxsim.CallerPersona.press;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which sound files the simulated Asterisk finds, in Asterisk 22's order (main/file.c with
 * languageprefix), and how it answers for one it does not have: STREAM FILE and GET DATA -1 at once
 * with the caller's keys unread and the channel up, SAY DIGITS 0 with the missing digits unheard.
 */
class SoundFilesTest {

    @Test
    void lookupFollowsAsterisksLanguageOrder() {
        SoundFiles sounds = SoundFiles.listed(List.of("zh/digits/1", "en/digits/1", "en/digits/2", "callback-desk/zh-TW/welcome"));

        assertThat(sounds.find("digits/1", "zh")).contains("zh/digits/1");
        assertThat(sounds.find("digits/1", "zh_TW")).contains("zh/digits/1");      // the _variant cut off
        assertThat(sounds.find("digits/2", "zh")).contains("en/digits/2");         // then English
        assertThat(sounds.find("callback-desk/zh-TW/welcome", "en")).contains("callback-desk/zh-TW/welcome");   // then no language
        assertThat(sounds.find("digits/3", "zh")).isEmpty();
        assertThat(sounds.without(Set.of("zh/digits/1")).find("digits/1", "zh")).contains("en/digits/1");
        assertThat(sounds.without(Set.of("callback-desk/zh-TW/welcome")).exists("callback-desk/zh-TW/welcome", "zh")).isFalse();
        assertThat(SoundFiles.everyFile().without(Set.of("no-such-file")).exists("no-such-file", "en")).isFalse();
        assertThat(SoundFiles.everyFile().exists("anything", "fr")).isTrue();
        assertThat(SoundFiles.none().exists("beep", "en")).isFalse();
    }

    @Test
    void aDirectoryCountsAnyFormatAsteriskPlays(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("zh/digits"));
        Files.createDirectories(dir.resolve("callback-desk/en"));
        Files.write(dir.resolve("zh/digits/4.ulaw"), new byte[] {1});
        Files.write(dir.resolve("callback-desk/en/welcome.sln"), new byte[] {1, 2});
        Files.write(dir.resolve("callback-desk/en/notes.txt"), new byte[] {1});
        SoundFiles sounds = SoundFiles.inDirectory(dir);

        assertThat(sounds.find("digits/4", "zh")).contains("zh/digits/4");
        assertThat(sounds.exists("callback-desk/en/welcome", "zh")).isTrue();
        assertThat(sounds.exists("callback-desk/en/notes", "en")).isFalse();
        assertThat(sounds.exists("digits/4", "en")).isFalse();
        assertThat(sounds.exists(dir.resolve("zh/digits/4").toString(), "en")).isTrue();   // an absolute name as itself
    }

    @Test
    void aMissingFileIsAnsweredAsAsteriskAnswersIt() {
        SimulatedChannel channel = new SimulatedChannel(new ChannelIdentity("PJSIP/trunk-00000001", "PJSIP", "1.1", "zh",
                "+886223456789", "Mei", null, "", 1L), CallerPersona.named("mei").then(press("5")).build(), Map.of());
        channel.answered = true;
        AgiPlayback playback = new AgiPlayback(channel, PbxSettings.defaults()
                .withSounds(SoundFiles.listed(List.of("callback-desk/en/menu", "zh/digits/1"))));

        assertThat(playback.getData(List.of("callback-desk/zh-TW/menu", "3000", "1"))).containsExactly("200 result=-1");
        assertThat(playback.streamFile("callback-desk/zh-TW/menu", "")).containsExactly("200 result=-1 endpos=0");
        assertThat(channel.hungUp).isFalse();
        assertThat(channel.reactions).as("no key was read").hasSize(1);
        assertThat(channel.elapsed).as("nothing was played").isZero();

        assertThat(playback.sayDigits("12")).containsExactly("200 result=0");
        assertThat(channel.elapsed).as("only digits/1 was said").isEqualTo(java.time.Duration.ofMillis(500));
        assertThat(playback.getData(List.of("callback-desk/en/menu", "3000", "1"))).containsExactly("200 result=5");
        assertThat(channel.missingSounds).containsExactly("callback-desk/zh-TW/menu", "digits/2");
    }
}
