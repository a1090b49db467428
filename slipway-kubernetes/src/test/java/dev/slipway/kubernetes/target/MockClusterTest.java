package dev.slipway.kubernetes.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;

/** Tests for {@link MockCluster}: the mock API server behaves as the target's tests assume. */
class MockClusterTest {

    @Test
    void serverSideApply_createsThenUpdates_statusSubresourceWritable() {
        try (MockCluster cluster = new MockCluster();
                KubernetesClient c = cluster.client()) {
            final ConfigMap cm = new ConfigMapBuilder()
                    .withNewMetadata()
                    .withName("a")
                    .withNamespace("ns")
                    .endMetadata()
                    .addToData("k", "v")
                    .build();
            c.resource(cm).fieldManager("slipway").forceConflicts().serverSideApply();
            cm.getData().put("k", "w");
            c.resource(cm).fieldManager("slipway").forceConflicts().serverSideApply();
            assertThat(c.configMaps().inNamespace("ns").withName("a").get().getData())
                    .containsEntry("k", "w");
            final var d = new DeploymentBuilder()
                    .withNewMetadata()
                    .withName("d")
                    .withNamespace("ns")
                    .endMetadata()
                    .withNewSpec()
                    .withReplicas(2)
                    .endSpec()
                    .build();
            c.resource(d).fieldManager("slipway").forceConflicts().serverSideApply();
            var live = c.apps().deployments().inNamespace("ns").withName("d").get();
            System.out.println("GEN " + live.getMetadata().getGeneration());
            live.setStatus(
                    new DeploymentStatusBuilder().withAvailableReplicas(2).build());
            c.resource(live).updateStatus();
            assertThat(c.apps()
                            .deployments()
                            .inNamespace("ns")
                            .withName("d")
                            .get()
                            .getStatus()
                            .getAvailableReplicas())
                    .isEqualTo(2);
            d.getSpec().setReplicas(3);
            c.resource(d).fieldManager("slipway").forceConflicts().serverSideApply();
            live = c.apps().deployments().inNamespace("ns").withName("d").get();
            System.out.println("GEN2 " + live.getMetadata().getGeneration() + " " + live.getStatus());
            cluster.refuse("PATCH", "/configmaps/a", 403, "Forbidden", "configmaps \"a\" is forbidden: no");
            assertThatThrownBy(() -> c.resource(cm)
                            .fieldManager("slipway")
                            .forceConflicts()
                            .serverSideApply())
                    .isInstanceOf(KubernetesClientException.class)
                    .hasMessageContaining("forbidden");
        }
    }
}
