package dev.slipway.cli.command;

import dev.slipway.pipeline.model.PipelineFile;
import dev.slipway.pipeline.yaml.JenkinsfileWriter;
import dev.slipway.pipeline.yaml.PipelineYamlParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code slipway jenkinsfile}: the declarative Jenkinsfile equivalent to the repository's jenkins-x.yml. */
@Command(name = "jenkinsfile", mixinStandardHelpOptions = true,
    description = "Write the declarative Jenkinsfile equivalent to the repository's jenkins-x.yml (for teams on Jenkins).")
public final class JenkinsfileCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--repo", paramLabel = "DIR", description = "The model repository. Default: the current folder.")
  Path repo = Path.of(".");

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Where to write it; '-' for standard output. Default: DIR/Jenkinsfile.")
  String output;

  @Override
  public Integer call() throws Exception {
    PipelineFile file = new PipelineYamlParser().parseRepository(repo);
    String text = new JenkinsfileWriter().write(file);
    if ("-".equals(output)) {
      spec.commandLine().getOut().print(text);
      spec.commandLine().getOut().flush();
      return 0;
    }
    Path target = output != null ? Path.of(output) : repo.resolve("Jenkinsfile");
    Files.writeString(target, text);
    spec.commandLine().getOut().println("wrote " + target);
    return 0;
  }
}
