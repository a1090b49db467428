package dev.slipway.cli.command;

import dev.slipway.cli.quickstart.ModelRepositoryTemplate;
import dev.slipway.cli.quickstart.Quickstart;
import dev.slipway.cli.quickstart.QuickstartFailure;
import dev.slipway.cli.quickstart.QuickstartOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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
public final class QuickstartCommand extends CliCommand {

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description =
                    "The quickstart's folder (emptied when a previous quickstart made it). Default: $SLIPWAY_DATA_DIR, else $HOME/.slipway/quickstart.")
    Path dataDir;

    @Option(names = "--exit-when-done", description = "Stop everything after the last step and exit.")
    boolean exitWhenDone;

    @Mixin
    PlaneAddress listen = new PlaneAddress();

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
        final PrintWriter out = out();
        final PrintWriter err = err();
        final Path data = dev.slipway.cli.backend.Settings.fromEnvironment().dataDir(dataDir, "quickstart");
        final Duration limit = timeout;
        final QuickstartOptions options = new QuickstartOptions(
                data,
                listen.host,
                listen.gatewayPort,
                listen.apiPort,
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
