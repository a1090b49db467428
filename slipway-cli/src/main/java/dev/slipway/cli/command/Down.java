package dev.slipway.cli.command;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code slipway down}: stops the {@code slipway up} of a data folder cleanly (SIGTERM to the process its pid file
 * names: the API and gateway close, pipeline steps and model-server replicas are stopped, the pid file is removed).
 */
@Command(
        name = "down",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description =
                "Stop a running 'slipway up' (of --data-dir) cleanly: its replicas and pipeline steps are stopped.")
public final class Down implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataDir dataDir = new DataDir();

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            converter = DurationConverter.Positive.class,
            description = "How long to wait for it to stop. Default: 90s.")
    Duration timeout = Duration.ofSeconds(90);

    @Override
    public Integer call() throws Exception {
        final PrintWriter out = spec.commandLine().getOut();
        final Path data = dataDir.path();
        final Optional<UpPidFile.Entry> entry = UpPidFile.read(data);
        if (entry.isEmpty()) {
            out.println("nothing to stop: no slipway up runs on " + data + " (no " + UpPidFile.of(data) + ")");
            return 0;
        }
        final Optional<ProcessHandle> process = UpPidFile.running(entry.get());
        if (process.isEmpty()) {
            UpPidFile.remove(data);
            out.println("nothing to stop: slipway up (pid " + entry.get().pid() + ") on " + data
                    + " is no longer running; its stale pid file is removed");
            return 0;
        }
        out.println("stopping slipway up (pid " + entry.get().pid() + ", API "
                + entry.get().api() + ") …");
        out.flush();
        process.get().destroy();
        try {
            process.get().onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            spec.commandLine()
                    .getErr()
                    .println("error: slipway up (pid " + entry.get().pid() + ") did not stop within " + timeout
                            + "; it may still be draining: wait, or kill -9 "
                            + entry.get().pid());
            return 1;
        }
        UpPidFile.remove(data); // up removes it itself; a second time costs nothing
        out.println("stopped slipway up on " + data + ": replicas and pipeline steps stopped");
        return 0;
    }
}
