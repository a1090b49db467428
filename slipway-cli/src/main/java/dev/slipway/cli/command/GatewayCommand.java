package dev.slipway.cli.command;

import dev.slipway.controlplane.ClusterGateway;
import dev.slipway.controlplane.ServiceResolver;
import dev.slipway.kubernetes.target.ClusterConnector;
import dev.slipway.kubernetes.target.ClusterException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code slipway gateway --kubernetes-namespace NS}: the gateway Deployment of a mode-native environment runs it
 * (docs/kubernetes.md).
 */
@Command(
        name = "gateway",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "The gateway of a Kubernetes environment (mode native).",
            "It routes /seldon/NS/NAME/... (Seldon v1, Open Inference v2, gRPC) with the traffic split, shadows and graph of"
                    + " each SeldonDeployment to its nodes' Services, learning deployments live from the namespace's route"
                    + " ConfigMaps (label slipway.dev/gateway-route=true)."
        })
public final class GatewayCommand extends CliCommand {

    @Option(
            names = "--kubernetes-namespace",
            required = true,
            paramLabel = "NS",
            description = "The environment's namespace: its route ConfigMaps and Services.")
    String namespace;

    @Option(
            names = "--context",
            paramLabel = "NAME",
            description = "The kubeconfig context (KUBECONFIG, ~/.kube/config). Default: the current one; in a pod, its"
                    + " service account.")
    @Nullable
    String context;

    @Option(names = "--host", description = "Address to bind. Default: ${DEFAULT-VALUE}.")
    String host = "127.0.0.1";

    @Option(names = "--port", description = "Port (0: any free one). Default: ${DEFAULT-VALUE}.")
    int port = 8000;

    @Option(names = "--threads", description = "Event loops. Default: cores.")
    @Nullable
    Integer threads;

    @Option(
            names = "--resync",
            defaultValue = "60s",
            paramLabel = "DURATION",
            converter = DurationConverter.Positive.class,
            description = "How often the route ConfigMaps are re-listed besides the watch. Default: ${DEFAULT-VALUE}.")
    Duration resync = Duration.ofSeconds(60);

    @Option(
            names = "--resolve",
            paramLabel = "SERVICE.NS.svc:PORT=HOST:PORT",
            description =
                    "Send a Service's requests to another address (repeatable), as curl --resolve: a gateway outside"
                            + " the cluster (port-forwards), tests.")
    List<String> resolve = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        final ServiceResolver resolver;
        try {
            resolver = ServiceResolver.overriding(resolve);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        final ClusterGateway gateway;
        try {
            gateway = ClusterGateway.start(
                    ClusterConnector.fromEnvironment().connect(context),
                    namespace,
                    resolver,
                    host,
                    port,
                    threads != null ? threads : Runtime.getRuntime().availableProcessors(),
                    resync,
                    System.getenv());
        } catch (ClusterException | IllegalStateException e) {
            err().println("error: " + e.getMessage());
            return 1;
        }
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            gateway.close();
                            stopped.countDown();
                        },
                        "slipway-shutdown"));
        out().println("Slipway gateway listening on http://" + host + ":" + gateway.port() + " (namespace " + namespace
                + ", routes from its ConfigMaps labelled slipway.dev/gateway-route=true)");
        out().flush();
        stopped.await();
        return 0;
    }
}
