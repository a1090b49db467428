package dev.slipway.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.cli.Cli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link Completion}: the script is sourced by a real bash, which then completes commands and options. */
class CompletionTest {

    @TempDir
    Path dir;

    /** What bash's completion function offers for {@code line} (the word being completed is the last one). */
    private String complete(Path script, String... words) throws Exception {
        final StringBuilder array = new StringBuilder();
        for (final String w : words) {
            array.append(" '").append(w).append("'");
        }
        final String program = "source '" + script + "'\n"
                + "COMP_WORDS=(" + array + ")\n"
                + "COMP_CWORD=" + (words.length - 1) + "\n"
                + "COMP_LINE=\"${COMP_WORDS[*]}\"\nCOMP_POINT=${#COMP_LINE}\n"
                + "compopt() { :; }\n" // bash's compopt works only inside a completion that readline started
                + "_complete_slipway slipway \"${COMP_WORDS[COMP_CWORD]}\" \"${COMP_WORDS[COMP_CWORD-1]}\"\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        final Process bash = new ProcessBuilder("bash", "--norc", "--noprofile", "-c", program)
                .redirectErrorStream(true)
                .start();
        final String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(bash.exitValue()).as(out).isZero();
        return out;
    }

    private Path script(String shell) throws Exception {
        final Cli.Run run = Cli.run("completion", shell);
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).endsWith("\n");
        return Files.writeString(dir.resolve("slipway-" + shell), run.out());
    }

    @Test
    void bash_sourcedInBash_completesSubcommands() throws Exception {
        final Path script = script("bash");
        assertThat(complete(script, "slipway", "compl").lines()).containsExactly("completion");
        assertThat(complete(script, "slipway", "pro").lines()).contains("promote", "promotions");
    }

    @Test
    void bash_sourcedInBash_completesOptionsOfASubcommand() throws Exception {
        final Path script = script("bash");
        assertThat(complete(script, "slipway", "e2e", "--str").lines()).contains("--strict");
        assertThat(complete(script, "slipway", "get", "--outp").lines()).contains("--output");
    }

    @Test
    void zsh_isTheSameScriptWithItsNote() throws Exception {
        final String zsh = Files.readString(script("zsh"));
        assertThat(zsh).startsWith("# zsh:").contains("bashcompinit", "complete -F _complete_slipway");
    }

    @Test
    void unknownShell_isAUsageError() {
        final Cli.Run run = Cli.run("completion", "fish");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("bash", "zsh");
    }
}
