package com.callbackdesk.callback;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rule the store split keeps: no code path updates a callback's state outside
 * {@link CallbackLifecycle}'s transition function. Reads every module's main sources (the
 * repository checkout around this module) for SQL that sets {@code callback.state}.
 */
class OnlyTheLifecycleChangesStateTest {

    /** Adjacent string literals joined ("..." + "...") so a statement split over lines reads whole. */
    private static final Pattern CONCAT = Pattern.compile("\"\\s*\\+\\s*\"");
    private static final Pattern UPDATE_CALLBACK = Pattern.compile("UPDATE\\s+callback\\s+SET\\s+(.*?)\\s+WHERE",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern SETS_STATE = Pattern.compile("(^|[\\s,])state\\s*=", Pattern.CASE_INSENSITIVE);

    @Test
    void onlyCallbackLifecycleWritesTheStateColumn() throws IOException {
        Path repository = Path.of("").toAbsolutePath().getParent();
        List<String> writers = new ArrayList<>();
        try (Stream<Path> files = Files.walk(repository)) {
            files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().contains("src" + java.io.File.separator + "main"))
                    .filter(p -> setsCallbackState(read(p)))
                    .forEach(p -> writers.add(p.getFileName().toString()));
        }
        assertThat(writers).containsExactly("CallbackLifecycle.java");
    }

    @Test
    void theCheckSeesAStatementSplitOverLines() {
        assertThat(setsCallbackState("ps = c.prepareStatement(\"UPDATE callback SET updated_at = ?,\"\n"
                + "        + \" state = ? WHERE id = ?\");")).isTrue();
        assertThat(setsCallbackState("\"UPDATE callback SET merge_count = merge_count + 1, urgency = ? WHERE id = ?\""))
                .isFalse();
        assertThat(setsCallbackState("\"UPDATE consultant SET state = ? WHERE login = ?\"")).isFalse();
    }

    private static boolean setsCallbackState(String source) {
        Matcher m = UPDATE_CALLBACK.matcher(CONCAT.matcher(source).replaceAll(""));
        while (m.find()) {
            if (SETS_STATE.matcher(m.group(1)).find()) {
                return true;
            }
        }
        return false;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
