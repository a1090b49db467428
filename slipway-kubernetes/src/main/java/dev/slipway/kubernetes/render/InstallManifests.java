package dev.slipway.kubernetes.render;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The manifests that run {@code slipway up} in a cluster ({@code slipway install --print}): its namespace, a
 * {@code ServiceAccount}, per environment namespace a {@code Role} allowing exactly the kinds Slipway applies there
 * and a {@code RoleBinding} (nothing cluster-wide), a {@code PersistentVolumeClaim} for its data folder, a
 * {@code Deployment} (one replica, {@code Recreate}: one writer of the data folder) and a {@code Service} for its API
 * and gateway. Pipeline steps keep running as processes inside that pod.
 */
public final class InstallManifests {

    /** The name of every object. */
    public static final String NAME = "slipway";

    static final int API_PORT = 8080;
    static final int GATEWAY_PORT = 8003;

    /**
     * What to install.
     *
     * @param namespace where slipway up runs
     * @param image the image with Slipway's distribution
     * @param environmentNamespaces the namespaces its environments deploy to
     * @param storage the size of the data volume, e.g. {@code 20Gi}
     */
    public record Options(String namespace, String image, List<String> environmentNamespaces, String storage) {
        public Options {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(image, "image");
            environmentNamespaces = List.copyOf(environmentNamespaces);
            Objects.requireNonNull(storage, "storage");
        }
    }

    /** The objects, in the order kubectl should create them. */
    public List<HasMetadata> render(Options o) {
        final List<HasMetadata> out = new ArrayList<>();
        out.add(new NamespaceBuilder()
                .withMetadata(new ObjectMetaBuilder()
                        .withName(o.namespace())
                        .withLabels(Map.of(Labels.MANAGED_BY, Labels.SLIPWAY))
                        .build())
                .build());
        out.add(new ServiceAccountBuilder()
                .withMetadata(meta(NAME, o.namespace()))
                .build());
        for (final String ns : o.environmentNamespaces()) {
            out.add(new RoleBuilder()
                    .withMetadata(meta(NAME, ns))
                    .withRules(rules())
                    .build());
            out.add(RolloutParts.roleBinding(meta(NAME, ns), NAME, o.namespace()));
        }
        out.add(new PersistentVolumeClaimBuilder()
                .withMetadata(meta(NAME + "-data", o.namespace()))
                .withNewSpec()
                .withAccessModes("ReadWriteOnce")
                .withNewResources()
                .addToRequests("storage", new Quantity(o.storage()))
                .endResources()
                .endSpec()
                .build());
        final Map<String, String> selector = Map.of("app.kubernetes.io/name", NAME);
        out.add(new DeploymentBuilder()
                .withMetadata(meta(NAME, o.namespace()))
                .withNewSpec()
                .withReplicas(1)
                .withNewSelector()
                .withMatchLabels(selector)
                .endSelector()
                .withNewStrategy()
                .withType("Recreate")
                .endStrategy()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(selector)
                .endMetadata()
                .withNewSpec()
                .withServiceAccountName(NAME)
                .withTerminationGracePeriodSeconds(60L)
                .addNewContainer()
                .withName(NAME)
                .withImage(o.image())
                .withCommand(NodeWorkload.COMMAND)
                .withArgs(
                        "up",
                        "--host",
                        "0.0.0.0",
                        "--data-dir",
                        "/data",
                        "--api-port",
                        Integer.toString(API_PORT),
                        "--gateway-port",
                        Integer.toString(GATEWAY_PORT))
                .addNewPort()
                .withName("api")
                .withContainerPort(API_PORT)
                .endPort()
                .addNewPort()
                .withName("gateway")
                .withContainerPort(GATEWAY_PORT)
                .endPort()
                .addNewVolumeMount()
                .withName("data")
                .withMountPath("/data")
                .endVolumeMount()
                .withNewReadinessProbe()
                .withNewTcpSocket()
                .withPort(new IntOrString("api"))
                .endTcpSocket()
                .withPeriodSeconds(5)
                .endReadinessProbe()
                .endContainer()
                .addNewVolume()
                .withName("data")
                .withNewPersistentVolumeClaim()
                .withClaimName(NAME + "-data")
                .endPersistentVolumeClaim()
                .endVolume()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build());
        out.add(new ServiceBuilder()
                .withMetadata(meta(NAME, o.namespace()))
                .withNewSpec()
                .withSelector(selector)
                .addNewPort()
                .withName("api")
                .withPort(API_PORT)
                .withTargetPort(new IntOrString("api"))
                .endPort()
                .addNewPort()
                .withName("gateway")
                .withPort(GATEWAY_PORT)
                .withTargetPort(new IntOrString("gateway"))
                .endPort()
                .endSpec()
                .build());
        return out;
    }

    /** What Slipway applies in an environment's namespace, and nothing else. */
    static List<PolicyRule> rules() {
        final List<String> all = List.of("get", "list", "watch", "create", "update", "patch", "delete");
        return List.of(
                new PolicyRuleBuilder()
                        .withApiGroups("")
                        .withResources("services", "configmaps", "serviceaccounts")
                        .withVerbs(all)
                        .build(),
                new PolicyRuleBuilder()
                        .withApiGroups("apps")
                        .withResources("deployments")
                        .withVerbs(all)
                        .build(),
                new PolicyRuleBuilder()
                        .withApiGroups("policy")
                        .withResources("poddisruptionbudgets")
                        .withVerbs(all)
                        .build(),
                new PolicyRuleBuilder()
                        .withApiGroups("autoscaling")
                        .withResources("horizontalpodautoscalers")
                        .withVerbs(all)
                        .build(),
                new PolicyRuleBuilder()
                        .withApiGroups("rbac.authorization.k8s.io")
                        .withResources("roles", "rolebindings")
                        .withVerbs(all)
                        .build(),
                new PolicyRuleBuilder()
                        .withApiGroups("machinelearning.seldon.io")
                        .withResources("seldondeployments")
                        .withVerbs(all)
                        .build());
    }

    private static ObjectMeta meta(String name, String ns) {
        final Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Labels.MANAGED_BY, Labels.SLIPWAY);
        labels.put(Labels.PART_OF, NAME);
        return new ObjectMetaBuilder()
                .withName(name)
                .withNamespace(ns)
                .withLabels(labels)
                .build();
    }
}
