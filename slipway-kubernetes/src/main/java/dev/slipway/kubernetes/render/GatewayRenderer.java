package dev.slipway.kubernetes.render;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import java.util.List;
import java.util.Map;

/**
 * The gateway of one environment (mode {@code native}): a {@code Deployment} running {@code slipway gateway
 * --kubernetes-namespace NS} (two replicas, rolling with {@code maxUnavailable: 0}), its {@code Service} on port
 * {@value #PORT}, and a {@code ServiceAccount} whose {@code Role} may only read ConfigMaps in the namespace: the
 * gateway watches the route ConfigMaps ({@link NativeRenderer#ROUTE_LABEL}) and learns a new or changed deployment
 * without a restart.
 */
public final class GatewayRenderer {

    /** The name of the gateway's Deployment, Service, ServiceAccount, Role and RoleBinding. */
    public static final String NAME = "slipway-gateway";
    /** The gateway's port. */
    public static final int PORT = 8000;

    /** The gateway's objects in {@code options.namespace()}. */
    public List<HasMetadata> render(RenderOptions options) {
        final String ns = options.namespace();
        final Map<String, String> selector = Map.of("app.kubernetes.io/name", NAME);
        final Map<String, String> podLabels = new java.util.TreeMap<>(selector);
        podLabels.put(Labels.MANAGED_BY, Labels.SLIPWAY);
        podLabels.put(Labels.COMPONENT, "gateway");
        return List.of(
                new ServiceAccountBuilder().withMetadata(meta(ns)).build(),
                new RoleBuilder()
                        .withMetadata(meta(ns))
                        .withRules(new PolicyRuleBuilder()
                                .withApiGroups("")
                                .withResources("configmaps")
                                .withVerbs("get", "list", "watch")
                                .build())
                        .build(),
                RolloutParts.roleBinding(meta(ns), NAME, ns),
                new DeploymentBuilder()
                        .withMetadata(meta(ns))
                        .withNewSpec()
                        .withReplicas(2)
                        .withNewSelector()
                        .withMatchLabels(selector)
                        .endSelector()
                        .withStrategy(RolloutParts.oneAtATime())
                        .withProgressDeadlineSeconds(600)
                        .withNewTemplate()
                        .withNewMetadata()
                        .withLabels(podLabels)
                        .endMetadata()
                        .withNewSpec()
                        .withServiceAccountName(NAME)
                        .withTerminationGracePeriodSeconds(NodeWorkload.DEFAULT_GRACE_SECONDS)
                        .addNewContainer()
                        .withName("gateway")
                        .withImage(options.serverImage())
                        .withCommand(NodeWorkload.COMMAND)
                        .withArgs(
                                "gateway",
                                "--kubernetes-namespace",
                                ns,
                                "--host",
                                "0.0.0.0",
                                "--port",
                                Integer.toString(PORT))
                        .addNewPort()
                        .withName("http")
                        .withContainerPort(PORT)
                        .withProtocol("TCP")
                        .endPort()
                        .withNewReadinessProbe()
                        .withNewHttpGet()
                        .withPath("/health/ping")
                        .withPort(new IntOrString("http"))
                        .endHttpGet()
                        .withPeriodSeconds(5)
                        .endReadinessProbe()
                        .withNewLivenessProbe()
                        .withNewHttpGet()
                        .withPath("/health/ping")
                        .withPort(new IntOrString("http"))
                        .endHttpGet()
                        .withInitialDelaySeconds(30)
                        .withPeriodSeconds(10)
                        .endLivenessProbe()
                        .endContainer()
                        .endSpec()
                        .endTemplate()
                        .endSpec()
                        .build(),
                new ServiceBuilder()
                        .withMetadata(meta(ns))
                        .withNewSpec()
                        .withType("ClusterIP")
                        .withSelector(selector)
                        .addNewPort()
                        .withName("http")
                        .withPort(PORT)
                        .withTargetPort(new IntOrString("http"))
                        .withProtocol("TCP")
                        .endPort()
                        .endSpec()
                        .build());
    }

    private static ObjectMeta meta(String ns) {
        final Map<String, String> labels = new java.util.LinkedHashMap<>();
        labels.put(Labels.MANAGED_BY, Labels.SLIPWAY);
        labels.put(Labels.PART_OF, NAME);
        labels.put(Labels.COMPONENT, "gateway");
        return new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
                .withName(NAME)
                .withNamespace(ns)
                .withLabels(labels)
                .build();
    }
}
