package dev.slipway.cli.command;

import dev.slipway.cli.quickstart.ModelRepositoryTemplate;
import dev.slipway.cli.quickstart.Quickstart;
import dev.slipway.cli.quickstart.QuickstartFailure;
import dev.slipway.cli.quickstart.QuickstartOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code slipway quickstart}: the whole loop on the bundled news classifier, on this machine. */
@Command(
        name = "quickstart",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "The whole loop on this machine: a GitOps repository (staging automatic, production by approval), the control"
                    + " plane (slipway up) following it, a news-classifier model repository pushed with git to the control"
                    + " plane's git hosting, its release pipeline followed live (Test, Test integration, Promote), staging"
                    + " answering, the production promotion request approved by someone other than the author, production"
                    + " answering. Then it keeps running until Ctrl-C (or stops: --exit-when-done).",
            "Exit status with --exit-when-done: 0 when every step succeeded, 1 otherwise (the message names the step)."
        })
public final class QuickstartCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description =
                    "The quickstart's folder (emptied when a previous quickstart made it). Default: $SLIPWAY_DATA_DIR, else $HOME/.slipway/quickstart.")
    Path dataDir;

    @Option(names = "--exit-when-done", description = "Stop everything after the last step and exit.")
    boolean exitWhenDone;

    @Option(names = "--gateway-port", description = "Gateway port (0: a free one). Default: ${DEFAULT-VALUE}.")
    int gatewayPort = 8003;

    @Option(
            names = "--api-port",
            description = "REST API and git hosting port (0: a free one). Default: ${DEFAULT-VALUE}.")
    int apiPort = 8080;

    @Option(names = "--host", description = "Address to bind. Default: ${DEFAULT-VALUE}.")
    String host = "127.0.0.1";

    @Option(
            names = "--approver",
            paramLabel = "USER",
            description = "Who approves production. Default: ${DEFAULT-VALUE}.")
    String approver = "manager";

    @Option(
            names = "--timeout",
            defaultValue = "5m",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description =
                    "Limit for each waiting step (the pipeline run, staging, production). Default: ${DEFAULT-VALUE}.")
    Duration timeout = Duration.ofMinutes(5);

    @Override
    public Integer call() throws Exception {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final Path data = dev.slipway.cli.backend.Settings.fromEnvironment().dataDir(dataDir, "quickstart");
        final Duration limit = timeout;
        final QuickstartOptions options = new QuickstartOptions(
                data,
                host,
                gatewayPort,
                apiPort,
                approver,
                "Data Scientist",
                "data.scientist@example.com",
                "news-classifier",
                limit);
        final Quickstart quickstart = new Quickstart(options, ModelRepositoryTemplate.bundled(), out);
        final CountDownLatch stopped = new CountDownLatch(1);
        final Thread hook = new Thread(
                () -> {
                    quickstart.close();
                    stopped.countDown();
                },
                "slipway-quickstart-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            quickstart.run();
        } catch (QuickstartFailure e) {
            out.flush();
            err.println("quickstart failed: " + e.getMessage());
            err.flush();
            quickstart.close();
            return 1;
        }
        if (exitWhenDone) {
            quickstart.close();
            out.println("Stopped (--exit-when-done): every step succeeded.");
            out.flush();
            return 0;
        }
        out.println("Running until Ctrl-C.");
        out.flush();
        stopped.await();
        return 0;
    }
}
