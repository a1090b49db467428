package dev.slipway.kubernetes.target;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.support.Mappers;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens clients of clusters named by a kubeconfig context. The kubeconfig is the one given, else {@code KUBECONFIG}'s
 * first file, else {@code ~/.kube/config}; without any, the pod's service account (in-cluster) when present. A
 * context that the kubeconfig does not list is refused naming the contexts it has. Requests time out (connect
 * {@value #CONNECT_MILLIS} ms, request {@value #REQUEST_MILLIS} ms) so an unreachable cluster never stalls the sync
 * loop.
 */
public final class ClusterConnector {

    static final int CONNECT_MILLIS = 5_000;
    static final int REQUEST_MILLIS = 15_000;
    private static final Path SERVICE_ACCOUNT = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token");

    private final Path kubeconfig;

    /** @param kubeconfig the kubeconfig file, or null to find it as kubectl does */
    public ClusterConnector(Path kubeconfig) {
        this.kubeconfig = kubeconfig;
    }

    /** The connector kubectl's rules give: {@code KUBECONFIG}, then {@code ~/.kube/config}, then in-cluster. */
    public static ClusterConnector fromEnvironment() {
        final String env = System.getenv("KUBECONFIG");
        if (env != null && !env.isBlank()) {
            return new ClusterConnector(Path.of(env.split(java.io.File.pathSeparator)[0]));
        }
        final Path home = Path.of(System.getProperty("user.home"), ".kube", "config");
        return new ClusterConnector(Files.isRegularFile(home) ? home : null);
    }

    /**
     * A client for {@code context} (null or empty: the kubeconfig's current context).
     *
     * @throws ClusterException of kind CONFIGURATION naming the problem
     */
    public KubernetesClient connect(String context) {
        final Config config;
        if (kubeconfig == null) {
            if (!Files.isRegularFile(SERVICE_ACCOUNT)) {
                throw new ClusterException(
                        ClusterException.Kind.CONFIGURATION,
                        "no kubeconfig (KUBECONFIG, ~/.kube/config)" + " and no in-cluster service account"
                                + (context == null ? "" : " for context '" + context + "'"));
            }
            if (context != null && !context.isEmpty()) {
                throw new ClusterException(
                        ClusterException.Kind.CONFIGURATION,
                        "context '" + context + "' needs a"
                                + " kubeconfig; running in-cluster only the pod's own service account is available");
            }
            config = Config.autoConfigure(null);
        } else {
            final String text;
            try {
                text = Files.readString(kubeconfig);
            } catch (IOException e) {
                throw new ClusterException(
                        ClusterException.Kind.CONFIGURATION,
                        "cannot read kubeconfig " + kubeconfig + ": " + e.getMessage(),
                        e);
            }
            final List<String> contexts = contexts(text);
            if (context != null && !context.isEmpty() && !contexts.contains(context)) {
                throw new ClusterException(
                        ClusterException.Kind.CONFIGURATION,
                        "context '" + context + "' does not exist in " + kubeconfig + " (contexts: "
                                + (contexts.isEmpty() ? "none" : String.join(", ", contexts)) + ")");
            }
            try {
                config = Config.fromKubeconfig(
                        context == null || context.isEmpty() ? null : context, text, kubeconfig.toString());
            } catch (RuntimeException e) {
                throw new ClusterException(
                        ClusterException.Kind.CONFIGURATION, "kubeconfig " + kubeconfig + ": " + e.getMessage(), e);
            }
        }
        config.setConnectionTimeout(CONNECT_MILLIS);
        config.setRequestTimeout(REQUEST_MILLIS);
        config.setRequestRetryBackoffLimit(0);
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    private static List<String> contexts(String kubeconfigText) {
        final List<String> names = new ArrayList<>();
        try {
            final JsonNode root = Mappers.yaml().readTree(kubeconfigText);
            for (final JsonNode c : root.path("contexts")) {
                names.add(c.path("name").asText());
            }
        } catch (IOException e) {
            throw new ClusterException(
                    ClusterException.Kind.CONFIGURATION, "kubeconfig is not YAML: " + e.getMessage(), e);
        }
        return names;
    }
}
