package dev.slipway.kubernetes.render;

import dev.slipway.gitops.env.Environment;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * ArgoCD {@code Application}s (argoproj.io/v1alpha1), one per environment, for teams that let ArgoCD sync the GitOps
 * repository instead of Slipway: source = the environment's folder on {@code main}, destination = its namespace,
 * automated sync with prune and self-heal, server-side apply. ArgoCD applies the folder as it is — SeldonDeployment
 * resources — so the cluster needs Seldon Core's operator (mode {@code seldon}); for mode {@code native} commit the
 * output of {@code slipway render} to the folder ArgoCD syncs instead.
 */
public final class ArgoApplications {

    /** Where ArgoCD itself runs. */
    public static final String ARGOCD_NAMESPACE = "argocd";
    /** ArgoCD's name for the cluster it runs in. */
    public static final String IN_CLUSTER = "https://kubernetes.default.svc";

    /**
     * What every Application shares.
     *
     * @param repoUrl the GitOps repository's URL as ArgoCD reaches it
     * @param cluster the destination API server URL
     * @param project the ArgoCD project
     */
    public record Options(String repoUrl, String cluster, String project) {
        public Options {
            Objects.requireNonNull(repoUrl, "repoUrl");
            Objects.requireNonNull(cluster, "cluster");
            Objects.requireNonNull(project, "project");
        }
    }

    /** The Applications of {@code environments}. */
    public List<GenericKubernetesResource> render(List<Environment> environments, Options options) {
        return environments.stream().map(e -> application(e, options)).toList();
    }

    private static GenericKubernetesResource application(Environment env, Options options) {
        final Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("project", options.project());
        spec.put("source", Map.of("repoURL", options.repoUrl(), "targetRevision", "main", "path", env.folder()));
        spec.put("destination", Map.of("server", options.cluster(), "namespace", env.namespace()));
        spec.put(
                "syncPolicy",
                Map.of(
                        "automated",
                        Map.of("prune", true, "selfHeal", true),
                        "syncOptions",
                        List.of("CreateNamespace=true", "ServerSideApply=true")));
        final Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Labels.MANAGED_BY, Labels.SLIPWAY);
        labels.put("slipway.dev/environment", env.name());
        final GenericKubernetesResource app = new GenericKubernetesResourceBuilder()
                .withApiVersion("argoproj.io/v1alpha1")
                .withKind("Application")
                .withNewMetadata()
                .withName("slipway-" + env.name())
                .withNamespace(ARGOCD_NAMESPACE)
                .withLabels(labels)
                .endMetadata()
                .build();
        app.setAdditionalProperty("spec", spec);
        return app;
    }
}
