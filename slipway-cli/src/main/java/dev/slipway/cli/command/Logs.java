package dev.slipway.cli.command;

import dev.slipway.api.LogQuery;
import dev.slipway.cli.backend.LocalLogs;
import dev.slipway.cli.backend.LogsBackend;
import dev.slipway.cli.backend.RemoteLogs;
import dev.slipway.cli.backend.Settings;
import dev.slipway.support.DnsLabel;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code slipway logs DEPLOYMENT} (model-server output, replicas interleaved with a {@code [NODE/replica-ID]} prefix)
 * and {@code slipway logs --up} (the control plane's own log); from the API with {@code --server}/{@code SLIPWAY_URL},
 * else from the data folder on this machine. Written to take subcommands ({@code slipway logs SUBCOMMAND …}) beside
 * the positional deployment.
 */
@Command(
        name = "logs",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        subcommands = LogsRequests.class,
        description =
                "Print a deployment's model-server output (every replica, interleaved, prefixed [NODE/replica-ID]),"
                        + " or with --up the control plane's own log. -f follows; --since 10m only the last ten minutes. 'slipway logs requests DEPLOYMENT' shows the predictions the"
                        + " built-in request-log sink of slipway up kept.")
public final class Logs implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DEPLOYMENT", description = "The deployment's name.")
    String deployment;

    @Mixin
    NamespaceOption namespace = new NamespaceOption();

    @Option(names = "--node", paramLabel = "NODE", description = "Only this graph node's replicas.")
    String node;

    @Option(names = "--replica", paramLabel = "ID", description = "Only the replica with this id (as in the prefix).")
    String replica;

    @Option(
            names = {"-f", "--follow"},
            description = "Keep printing new lines until interrupted (Ctrl-C).")
    boolean follow;

    @Option(
            names = "--since",
            paramLabel = "DURATION",
            converter = DurationConverter.Positive.class,
            description = "Only lines at most this old (e.g. 90s, 10m, 1h).")
    Duration since;

    @Option(names = "--up", description = "The control plane's own log instead (an admin's token under --auth).")
    boolean up;

    @Mixin
    DataOrServer where = new DataOrServer();

    @Override
    public Integer call() throws Exception {
        if (up == (deployment != null)) {
            throw new ParameterException(spec.commandLine(), "give a DEPLOYMENT, or --up for the control plane's log");
        }
        if (up && (node != null || replica != null)) {
            throw new ParameterException(
                    spec.commandLine(), "--node and --replica select a deployment's replicas, not --up");
        }
        final PrintWriter out = spec.commandLine().getOut();
        final LogQuery query = new LogQuery(node, replica, since, follow);
        final LogsBackend backend = backend(Settings.fromEnvironment());
        final java.util.function.Predicate<String> print = line -> {
            out.println(line);
            out.flush();
            return !out.checkError();
        };
        if (up) {
            backend.controlPlane(query, print);
        } else {
            DnsLabel.require("DEPLOYMENT", deployment);
            if (node != null) {
                DnsLabel.require("--node", node);
            }
            backend.deployment(namespace.orDefault(), deployment, query, print);
        }
        return 0;
    }

    /** The API or the data folder, as {@link DataOrServer} decides. */
    LogsBackend backend(Settings settings) {
        if (where.remote(settings)) {
            return new RemoteLogs(where.client(settings));
        }
        return new LocalLogs(where.data.path(settings), Clock.systemUTC());
    }
}
