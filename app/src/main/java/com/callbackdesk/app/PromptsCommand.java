package com.callbackdesk.app;

import com.callbackdesk.ivr.prompts.MissingSoundToolException;
import com.callbackdesk.ivr.prompts.PromptCatalogue;
import com.callbackdesk.ivr.prompts.PromptRenderer;
import com.callbackdesk.ivr.prompts.SoundSet;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code prompts render --out DIR [--recordings DIR] [--language en|zh-TW ...]}: the IVR's sound files,
 * every prompt of the catalogue and the digits SAY DIGITS plays, spoken by espeak-ng and converted by
 * sox to 8 kHz {@code wav}, {@code sln} and {@code ulaw}, laid out for Asterisk's sounds directory; a
 * recording of the same name in {@code --recordings} replaces the voice (docs/DEPLOYMENT.md).
 */
@Command(name = "prompts", synopsisHeading = "usage: ", description = "The IVR's sound files (docs/DEPLOYMENT.md).",
        subcommands = PromptsCommand.Render.class)
final class PromptsCommand implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    boolean help;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "a prompts command is required");
    }

    /** Runs {@code prompts ...}; returns the exit status (tests). */
    static int run(String[] args, PrintStream out, PrintStream err) {
        return CommandLines.prepare(new CommandLine(new PromptsCommand()), out, err).execute(args);
    }

    @Command(name = "render", synopsisHeading = "usage: ",
            description = {"Render every prompt (and the digits) in every language to DIR, as Asterisk plays them:",
                    "8 kHz mono wav, sln and ulaw. Needs Debian's espeak-ng and sox."})
    static final class Render implements Callable<Integer> {

        @Option(names = "--out", required = true, paramLabel = "DIR",
                description = "where the sounds go (copy its contents into Asterisk's sounds directory)")
        Path out;

        @Option(names = "--recordings", paramLabel = "DIR",
                description = "real recordings, laid out as the output (callback-desk/en/welcome.wav ...): they replace "
                        + "the voice, in any of wav, sln, ulaw, alaw, gsm")
        Path recordings;

        @Option(names = "--language", paramLabel = "LANG", split = ",",
                description = "only these catalogue languages (en, zh-TW; repeatable; default: all)")
        List<String> languages;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
        boolean help;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter said = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            PromptCatalogue catalogue = PromptCatalogue.loadDefault();
            SoundSet set = languages == null || languages.isEmpty() ? SoundSet.of(catalogue) : SoundSet.of(catalogue, languages);
            PromptRenderer renderer;
            try {
                renderer = new PromptRenderer();
            } catch (MissingSoundToolException e) {
                err.println(e.getMessage());
                return 1;
            }
            PromptRenderer.Report report = renderer.render(set, out, recordings);
            report.problems().forEach(p -> err.println("not rendered: " + p));
            said.printf("%d sound files for %s in %s: %d spoken by espeak-ng, %d from recordings; each as .wav, .sln "
                            + "and .ulaw (8 kHz mono).%n", report.spoken() + report.fromRecordings(),
                    String.join(", ", set.languages().stream().map(l -> l.code()).toList()), out,
                    report.spoken(), report.fromRecordings());
            if (!report.complete()) {
                err.printf("%d sound files could not be made; callers would hear silence there.%n", report.problems().size());
                return 1;
            }
            said.printf("Copy them into Asterisk's sounds directory, e.g. cp -r %s/. /var/lib/asterisk/sounds/ "
                    + "(docs/DEPLOYMENT.md, \"Sound files\").%n", out);
            said.flush();
            return 0;
        }
    }
}
