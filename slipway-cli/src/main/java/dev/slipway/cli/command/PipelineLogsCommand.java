package dev.slipway.cli.command;

import dev.slipway.cli.backend.RunsBackend;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code slipway pipeline logs RUN [-f]}: a run's log (secrets masked), optionally followed until the run ends. */
@Command(
        name = "logs",
        mixinStandardHelpOptions = true,
        description = "Print a run's log; with -f, keep printing until the run ends.")
final class PipelineLogsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataDir data;

    @Mixin
    ServerOption server;

    @Parameters(paramLabel = "RUN", description = "The run's id, or a unique prefix of it.")
    String id;

    @Option(
            names = {"-f", "--follow"},
            description = "Follow the log until the run ends.")
    boolean follow;

    /** Where a log comes from: its bytes so far, and whether the run has ended (asked before reading). */
    interface Source {
        byte[] read() throws Exception;

        boolean ended();
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        RunsBackend backend = PipelineRuns.backend(data, server);
        String runId = backend.get(id).id();
        follow(out, follow, new Source() {
            @Override
            public byte[] read() {
                return backend.log(runId);
            }

            @Override
            public boolean ended() {
                return backend.ended(runId);
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
