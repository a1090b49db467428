package dev.slipway.cli.command;

import dev.slipway.pipeline.model.PipelineRun;
import dev.slipway.pipeline.run.RunStore;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code slipway pipeline logs RUN [-f]}: a run's log (secrets masked), optionally followed until the run ends. */
@Command(name = "logs", mixinStandardHelpOptions = true, description = "Print a run's log; with -f, keep printing until the run ends.")
final class PipelineLogsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin DataDir data;

  @Parameters(paramLabel = "RUN", description = "The run's id, or a unique prefix of it.")
  String id;

  @Option(names = {"-f", "--follow"}, description = "Follow the log until the run ends.")
  boolean follow;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    RunStore store = new RunStore(data.runs());
    PipelineRun run = PipelineRuns.find(store, id, data);
    Path log = store.log(run.id());
    long offset = 0;
    while (true) {
      // read the record before the log: when it says done, the log is complete
      boolean done = !follow || store.find(run.id()).map(PipelineRun::isDone).orElse(true) || !store.runnerAlive(run.id());
      offset = copy(log, offset, out);
      if (done) {
        return 0;
      }
      Thread.sleep(200); // polling a file another process appends to
    }
  }

  private static long copy(Path log, long offset, PrintWriter out) throws Exception {
    if (!Files.exists(log)) {
      return offset;
    }
    try (InputStream in = Files.newInputStream(log)) {
      in.skipNBytes(offset);
      byte[] bytes = in.readAllBytes();
      // print whole lines only; a partly written line waits for the next round
      int end = bytes.length;
      while (end > 0 && bytes[end - 1] != '\n') {
        end--;
      }
      out.print(new String(bytes, 0, end, StandardCharsets.UTF_8));
      out.flush();
      return offset + end;
    }
  }
}
