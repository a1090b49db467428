package dev.slipway.cli.command;

import dev.slipway.pipeline.model.PipelineRun;
import dev.slipway.pipeline.run.RunStore;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
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

  @Mixin ServerOption server;

  @Parameters(paramLabel = "RUN", description = "The run's id, or a unique prefix of it.")
  String id;

  @Option(names = {"-f", "--follow"}, description = "Follow the log until the run ends.")
  boolean follow;

  /** Where a log comes from: its bytes so far, and whether the run has ended (asked before reading). */
  interface Source {
    byte[] read() throws Exception;

    boolean ended();
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (server.isSet()) {
      ServerRuns client = server.client();
      String runId = client.get(id).id();
      follow(out, follow, new Source() {
        @Override
        public byte[] read() {
          return client.log(runId);
        }

        @Override
        public boolean ended() {
          return client.get(runId).isDone();
        }
      });
      return 0;
    }
    RunStore store = new RunStore(data.runs());
    PipelineRun run = PipelineRuns.find(store, id, data);
    Path log = store.log(run.id());
    BooleanSupplier ended = () -> store.find(run.id()).map(PipelineRun::isDone).orElse(true) || !store.runnerAlive(run.id());
    follow(out, follow, new Source() {
      @Override
      public byte[] read() throws Exception {
        if (!Files.exists(log)) {
          return new byte[0];
        }
        try (InputStream in = Files.newInputStream(log)) {
          return in.readAllBytes();
        }
      }

      @Override
      public boolean ended() {
        return ended.getAsBoolean();
      }
    });
    return 0;
  }

  /** Prints the log's whole lines as they come; returns once the run has ended (or at once without follow). */
  static void follow(PrintWriter out, boolean follow, Source source) throws Exception {
    long printed = 0;
    while (true) {
      // ask about the end before reading: when it has ended, what is read next is the whole log
      boolean done = !follow || source.ended();
      byte[] bytes = source.read();
      int end = bytes.length;
      if (!done) {
        while (end > printed && bytes[end - 1] != '\n') {
          end--; // a partly written line waits for the next round
        }
      }
      if (end > printed) {
        out.print(new String(bytes, (int) printed, (int) (end - printed), StandardCharsets.UTF_8));
        out.flush();
        printed = end;
      }
      if (done) {
        return;
      }
      Thread.sleep(200); // polling a log another process appends to
    }
  }
}
