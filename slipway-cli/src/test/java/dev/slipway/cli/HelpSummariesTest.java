package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command's summary (what {@code slipway --help} and {@code slipway CMD --help} list: the first line of its
 * header or description) is one whole sentence, so no listing cuts one mid-way.
 */
class HelpSummariesTest {

    private static void walk(CommandLine c, String path, List<String> found) {
        final CommandLine.Model.UsageMessageSpec u = c.getCommandSpec().usageMessage();
        final String[] lines = u.header().length > 0 ? u.header() : u.description();
        final String summary = lines.length == 0 ? "" : lines[0].split("%n")[0].strip();
        found.add(path + " | " + summary);
        c.getSubcommands().forEach((name, sub) -> {
            if (name.equals(sub.getCommandName())) {
                walk(sub, path + " " + name, found);
            }
        });
    }

    @Test
    void everyCommand_summaryIsAWholeSentence() {
        final List<String> all = new ArrayList<>();
        walk(new CommandLine(new Slipway()), "slipway", all);
        assertThat(all).hasSizeGreaterThan(40);
        assertThat(all).allSatisfy(line -> {
            final String summary = line.substring(line.indexOf(" | ") + 3);
            assertThat(summary).as(line).isNotEmpty().matches("[A-Z'(].*").matches("(?s).*[.?!]|.*\\.\\)");
        });
    }

    @Test
    void topLevelHelp_listsEveryCommandWithItsWholeSummary() {
        final Cli.Run run = Cli.run("--help");
        assertThat(run.code()).isZero();
        final String help = run.out().replaceAll("\\s+", " ");
        assertThat(help)
                .contains("predict Send a prediction to a model server (--url) or through a gateway (--gateway"
                        + " HOST:PORT --namespace NS --deployment NAME), exactly as Seldon's SeldonClient(gateway=\"ambassador\")"
                        + " sends it. ");
        assertThat(help).contains("completion Print a shell completion script for bash or zsh.");
    }
}
