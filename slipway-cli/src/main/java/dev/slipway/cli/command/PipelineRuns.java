package dev.slipway.cli.command;

import dev.slipway.cli.backend.LocalRuns;
import dev.slipway.cli.backend.RemoteRuns;
import dev.slipway.cli.backend.RunsBackend;
import dev.slipway.cli.backend.Settings;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/** Which runs the {@code pipeline} commands read ({@link DataOrServer}), and how a run's log is followed. */
final class PipelineRuns {

    private PipelineRuns() {}

    static RunsBackend backend(DataOrServer where) {
        return backend(where, Settings.fromEnvironment());
    }

    static RunsBackend backend(DataOrServer where, Settings settings) {
        if (where.remote(settings)) {
            return new RemoteRuns(where.client(settings));
        }
        return new LocalRuns(where.data.path(settings).resolve("runs"), Clock.systemUTC());
    }

    /** Where a log comes from: its bytes so far, and whether the run has ended (asked before reading). */
    interface Source {
        byte[] read() throws Exception;

        boolean ended();
    }

    /** Prints the log of run {@code id} as it grows; returns once the run has ended (or at once without follow). */
    static void follow(PrintWriter out, boolean follow, RunsBackend runs, String id) throws Exception {
        follow(out, follow, new Source() {
            @Override
            public byte[] read() {
                return runs.log(id);
            }

            @Override
            public boolean ended() {
                return runs.ended(id);
            }
        });
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
