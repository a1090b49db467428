package dev.slipway.cli.command;

import dev.slipway.pipeline.model.PipelineFile;
import dev.slipway.pipeline.yaml.JenkinsfileWriter;
import dev.slipway.pipeline.yaml.PipelineYamlParser;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code slipway jenkinsfile}: the declarative Jenkinsfile equivalent to the repository's jenkins-x.yml. */
@Command(
        name = "jenkinsfile",
        mixinStandardHelpOptions = true,
        description = {
            "Print the declarative Jenkinsfile equivalent to the repository's jenkins-x.yml (for teams on Jenkins).",
            "It goes to standard output; -o FILE writes it to FILE instead (e.g. -o DIR/Jenkinsfile)."
        })
public final class JenkinsfileCommand extends CliCommand {

    @Option(names = "--repo", paramLabel = "DIR", description = "The model repository. Default: the current folder.")
    Path repo = Path.of(".");

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Write it to FILE (replaced atomically). Default: standard output ('-').")
    String output;

    @Override
    public Integer call() throws Exception {
        PipelineFile file = new PipelineYamlParser().parseRepository(repo);
        String text = new JenkinsfileWriter().write(file);
        if (output == null || "-".equals(output)) {
            out().print(text);
            out().flush();
            return 0;
        }
        Path target = Path.of(output);
        dev.slipway.support.AtomicFiles.writeString(target, text);
        err().println("wrote " + target);
        return 0;
    }
}
