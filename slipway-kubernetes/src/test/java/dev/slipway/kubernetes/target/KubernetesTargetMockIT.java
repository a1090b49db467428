package dev.slipway.kubernetes.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.slipway.artifact.ArtifactRef;
import dev.slipway.artifact.ArtifactStore;
import dev.slipway.artifact.ImageResolver;
import dev.slipway.artifact.ServerImageBuilder;
import dev.slipway.gitops.env.ClusterTarget;
import dev.slipway.gitops.spec.Manifest;
import dev.slipway.gitops.spec.SpecParser;
import dev.slipway.gitops.target.Condition;
import dev.slipway.gitops.target.ConditionType;
import dev.slipway.gitops.target.DeploymentStatus;
import dev.slipway.kubernetes.render.Labels;
import dev.slipway.kubernetes.render.RenderMode;
import dev.slipway.testing.LocalRegistry;
import dev.slipway.testing.SeldonManifests;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Tests for {@link KubernetesTarget} against a Kubernetes API mock ({@link MockCluster}: fabric8's
 * kubernetes-server-mock in CRUD mode) with the {@link StatusSimulator} playing the controllers.
 */
class KubernetesTargetMockIT {

    static final String NS = "production";

    @TempDir
    Path data;

    MockCluster cluster;
    KubernetesClient client;
    StatusSimulator simulator;

    @BeforeEach
    void start() {
        cluster = new MockCluster();
        client = cluster.client();
        simulator = new StatusSimulator(client);
    }

    @AfterEach
    void stop() {
        simulator.close();
        client.close();
        cluster.close();
    }

    KubernetesTarget target(RenderMode mode) {
        return new KubernetesTarget(
                new KubernetesTarget.Settings("", mode, NS, "registry.local/slipway-server:1"),
                cluster.client(),
                new InventoryFiles(data.resolve("kubernetes")),
                ManifestPublisher.none(),
                Clock.systemUTC());
    }

    static Manifest iris(int replicas, String... nodes) {
        final StringBuilder graph = new StringBuilder(
                "{name: " + nodes[0] + ", implementation: SKLEARN_SERVER," + " modelUri: 's3://models/iris'");
        if (nodes.length > 1) {
            graph.append(", children: [{name: ")
                    .append(nodes[1])
                    .append(", implementation: SKLEARN_SERVER, modelUri: " + "'s3://models/iris2'}]");
        }
        graph.append("}");
        return new SpecParser()
                .parse(SeldonManifests.deployment("iris", """
        - name: default
          replicas: %d
          graph: %s
        """).formatted(replicas, graph), "iris.yaml", null);
    }

    List<String> live(String kind) {
        return switch (kind) {
            case "Deployment" ->
                client.apps().deployments().inNamespace(NS).list().getItems().stream()
                        .map(d -> d.getMetadata().getName())
                        .sorted()
                        .toList();
            case "Service" ->
                client.services().inNamespace(NS).list().getItems().stream()
                        .map(d -> d.getMetadata().getName())
                        .sorted()
                        .toList();
            case "PodDisruptionBudget" ->
                client.policy().v1().podDisruptionBudget().inNamespace(NS).list().getItems().stream()
                        .map(d -> d.getMetadata().getName())
                        .sorted()
                        .toList();
            default -> throw new IllegalArgumentException(kind);
        };
    }

    @Test
    void apply_native_objectsAppliedThenHealthyOnceControllersReport() {
        try (KubernetesTarget target = target(RenderMode.NATIVE)) {
            final DeploymentStatus applied =
                    target.apply(iris(2, "classifier"), NS).join();
            assertThat(applied.ready()).isFalse();
            assertThat(applied.condition(ConditionType.PROGRESSING))
                    .get()
                    .extracting(Condition::message)
                    .asString()
                    .contains("Deployment production/iris-default-classifier: 0/2 available");
            assertThat(live("Deployment")).containsExactly("iris-default-classifier", "slipway-gateway");
            assertThat(live("Service")).containsExactly("iris-default-classifier", "slipway-gateway");
            assertThat(live("PodDisruptionBudget")).containsExactly("iris-default-classifier");
            assertThat(client.apps()
                            .deployments()
                            .inNamespace(NS)
                            .withName("iris-default-classifier")
                            .get()
                            .getMetadata()
                            .getManagedFields())
                    .isNotNull();
            simulator.settle();
            final DeploymentStatus status = target.status(NS, "iris").orElseThrow();
            assertThat(status.ready()).isTrue();
            assertThat(status.replicas()).hasSize(2);
            assertThat(target.list()).extracting(DeploymentStatus::name).containsExactly("iris");
        }
    }

    @Test
    void managedObjectDeletedByHand_notLive_thenRecreatedByTheNextApply_foreignObjectsUntouched() {
        client.resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("theirs")
                        .withNamespace(NS)
                        .endMetadata()
                        .addToData("k", "v")
                        .build())
                .create();
        try (KubernetesTarget target = target(RenderMode.NATIVE)) {
            target.apply(iris(1, "classifier"), NS).join();
            simulator.settle();
            assertThat(target.status(NS, "iris"))
                    .get()
                    .extracting(DeploymentStatus::ready)
                    .isEqualTo(true);
            client.apps()
                    .deployments()
                    .inNamespace(NS)
                    .withName("iris-default-classifier")
                    .delete();
            assertThat(target.status(NS, "iris"))
                    .as("a deleted object makes the deployment not live")
                    .isEmpty();
            target.apply(iris(1, "classifier"), NS).join();
            assertThat(live("Deployment")).contains("iris-default-classifier");
            client.apps()
                    .deployments()
                    .inNamespace(NS)
                    .withName("iris-default-classifier")
                    .edit(d -> {
                        d.getSpec().setReplicas(5);
                        return d;
                    });
            assertThat(target.status(NS, "iris"))
                    .as("a drifted field makes it not live")
                    .isEmpty();
            target.apply(iris(1, "classifier"), NS).join();
            assertThat(client.apps()
                            .deployments()
                            .inNamespace(NS)
                            .withName("iris-default-classifier")
                            .get()
                            .getSpec()
                            .getReplicas())
                    .isEqualTo(1);
            assertThat(target.delete(NS, "iris").join()).isTrue();
            assertThat(live("Deployment")).isEmpty();
            assertThat(client.configMaps()
                            .inNamespace(NS)
                            .withName("theirs")
                            .get()
                            .getData())
                    .containsEntry("k", "v");
        }
    }

    @Test
    void newSpec_prunesTheObjectsItNoLongerHas_rollbackBringsThemBack() {
        try (KubernetesTarget target = target(RenderMode.NATIVE)) {
            target.apply(iris(2, "classifier", "explainer"), NS).join();
            assertThat(live("Deployment"))
                    .containsExactly("iris-default-classifier", "iris-default-explainer", "slipway-gateway");
            target.apply(iris(1, "classifier"), NS).join();
            assertThat(live("Deployment")).containsExactly("iris-default-classifier", "slipway-gateway");
            assertThat(live("PodDisruptionBudget")).isEmpty();
            target.apply(iris(2, "classifier", "explainer"), NS).join();
            assertThat(live("Deployment"))
                    .containsExactly("iris-default-classifier", "iris-default-explainer", "slipway-gateway");
            assertThat(live("PodDisruptionBudget"))
                    .containsExactly("iris-default-classifier", "iris-default-explainer");
        }
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "403 | Forbidden | deployments.apps \"iris-default-classifier\" is forbidden: User \"slipway\" cannot"
                        + " patch resource",
                "422 | Invalid | Deployment.apps \"iris-default-classifier\" is invalid: spec.template.spec.containers[0]"
                        + ".resources.requests: Invalid value: \"2Gi\": must be less than or equal to memory limit"
            })
    void apiRefusesAnObject_rbacOrInvalid_stalledNamingItWithTheApiMessage_appliedObjectsStayRecorded(
            int code, String reason, String message) {
        cluster.refuse("PATCH", "/deployments/iris-default-classifier", code, reason, message);
        try (KubernetesTarget target = target(RenderMode.NATIVE)) {
            assertThatThrownBy(() -> target.apply(iris(1, "classifier"), NS).join())
                    .isInstanceOf(CompletionException.class)
                    .hasMessageContaining("apply Deployment production/iris-default-classifier");
            final DeploymentStatus status = target.status(NS, "iris").orElseThrow();
            assertThat(status.ready()).isFalse();
            assertThat(status.condition(ConditionType.STALLED))
                    .get()
                    .extracting(Condition::message)
                    .asString()
                    .contains("apply Deployment production/iris-default-classifier")
                    .contains(message.substring(message.indexOf(" is ")))
                    .contains("HTTP " + code);
            final ObjectInventory inv = new InventoryFiles(data.resolve("kubernetes"))
                    .load(NS, "iris")
                    .orElseThrow();
            assertThat(inv.objects()).extracting(a -> a.ref().kind()).containsExactly("ConfigMap", "Service");
            assertThat(inv.digest()).as("not recorded as applied").isEmpty();
            cluster.allowAll();
            target.apply(iris(1, "classifier"), NS).join();
            assertThat(target.failure(NS, "iris")).isEmpty();
            assertThat(target.delete(NS, "iris").join()).isTrue();
            assertThat(client.configMaps().inNamespace(NS).list().getItems()).isEmpty();
        }
    }

    @Test
    void registryRefusesThePush_stalledNamingTheFieldAndTheRegistry_nothingAppliedNorRecorded(@TempDir Path dir)
            throws Exception {
        assumeTrue(LocalRegistry.available(), "docker-registry is not installed (.ci/run installs it)");
        final ArtifactStore store = new ArtifactStore(dir.resolve("store"));
        final Path jar = dir.resolve("in/scorer.jar");
        java.nio.file.Files.createDirectories(jar.getParent());
        try (java.util.zip.ZipOutputStream zip =
                new java.util.zip.ZipOutputStream(java.nio.file.Files.newOutputStream(jar))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("com/acme/Scorer.class"));
            zip.write(new byte[] {(byte) 0xCA, (byte) 0xFE});
            zip.closeEntry();
        }
        final Path archive = dir.resolve("scorer.tar");
        new ServerImageBuilder()
                .build(
                        new ServerImageBuilder.Request(
                                ArtifactRef.parse("scorer:1"), List.of(jar), "com.acme.Scorer", null),
                        archive);
        store.publish(ArtifactRef.parse("scorer:1"), archive);
        final Manifest custom = new SpecParser().parse(SeldonManifests.deployment("scored", """
        - name: default
          componentSpecs:
          - spec:
              containers:
              - {name: scorer, image: 'scorer:1'}
          graph: {name: scorer, type: MODEL}
        """), "scored.yaml", null);
        try (LocalRegistry readOnly = LocalRegistry.startReadOnly(dir.resolve("registry"));
                KubernetesTarget target = new KubernetesTarget(
                        new KubernetesTarget.Settings("", RenderMode.NATIVE, NS, "registry.local/slipway-server:1"),
                        cluster.client(),
                        new InventoryFiles(data.resolve("kubernetes")),
                        new ClusterPublisher(
                                new ClusterTarget("native", "", readOnly.host() + "/ml", null),
                                new ImageResolver(store, dir.resolve("cache"), null),
                                ServerImageBuilder.SCRATCH,
                                Map.of()),
                        Clock.systemUTC())) {
            final String field = "spec.predictors[0].componentSpecs[0].spec.containers[0].image";
            assertThatThrownBy(() -> target.apply(custom, NS).join())
                    .isInstanceOf(CompletionException.class)
                    .hasMessageContaining(field)
                    .hasMessageContaining("cannot push scorer:1 to " + readOnly.host() + "/ml/scorer:1");
            assertThat(target.status(NS, "scored").orElseThrow().condition(ConditionType.STALLED))
                    .get()
                    .extracting(Condition::message)
                    .asString()
                    .contains(field, "cannot push scorer:1");
            assertThat(new InventoryFiles(data.resolve("kubernetes")).load(NS, "scored"))
                    .as("nothing applied, nothing recorded")
                    .isEmpty();
            assertThat(live("Deployment")).isEmpty();
        }
    }

    @Test
    void rolloutPastItsProgressDeadline_stalled() {
        simulator.failRollout("iris-default-classifier");
        try (KubernetesTarget target = target(RenderMode.NATIVE)) {
            target.apply(iris(1, "classifier"), NS).join();
            simulator.settle();
            assertThat(target.status(NS, "iris").orElseThrow().condition(ConditionType.STALLED))
                    .get()
                    .extracting(Condition::message)
                    .asString()
                    .contains("Deployment production/iris-default-classifier: progress deadline exceeded");
        }
    }

    @Test
    void seldonMode_theResourceAsPromoted_healthFromStatusState() {
        try (KubernetesTarget target = target(RenderMode.SELDON)) {
            target.apply(iris(1, "classifier"), NS).join();
            assertThat(live("Deployment")).as("no gateway in mode seldon").isEmpty();
            final var sd = client.genericKubernetesResources(StatusSimulator.SELDON)
                    .inNamespace(NS)
                    .withName("iris")
                    .get();
            assertThat(sd.getMetadata().getLabels()).containsEntry(Labels.MANAGED_BY, "slipway");
            assertThat(target.status(NS, "iris").orElseThrow().condition(ConditionType.PROGRESSING))
                    .isPresent();
            simulator.settle();
            assertThat(target.status(NS, "iris").orElseThrow().ready()).isTrue();
            simulator.failRollout("iris");
            simulator.settle();
            assertThat(target.status(NS, "iris").orElseThrow().condition(ConditionType.STALLED))
                    .get()
                    .extracting(Condition::message)
                    .asString()
                    .contains("state Failed: Cannot find modelUri");
        }
    }

    @Test
    void unreachableCluster_stalledWithTheReason_andMissingContextRefusedByName(@TempDir Path dir) throws Exception {
        final int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        final Path kubeconfig = cluster.kubeconfig(dir, "prod");
        java.nio.file.Files.writeString(
                kubeconfig,
                java.nio.file.Files.readString(kubeconfig).replace(cluster.url(), "http://127.0.0.1:" + port));
        final ClusterConnector connector = new ClusterConnector(kubeconfig);
        assertThatThrownBy(() -> connector.connect("staging"))
                .isInstanceOf(ClusterException.class)
                .hasMessageContaining("context 'staging' does not exist in")
                .hasMessageContaining("(contexts: prod)");
        try (KubernetesTarget target = new KubernetesTarget(
                new KubernetesTarget.Settings("prod", RenderMode.NATIVE, NS, "img"),
                connector.connect("prod"),
                new InventoryFiles(data.resolve("kubernetes")),
                ManifestPublisher.none(),
                Clock.systemUTC())) {
            assertThatThrownBy(() -> target.apply(iris(1, "classifier"), NS).join())
                    .hasMessageContaining("cluster unreachable");
            final Optional<DeploymentStatus> status = target.status(NS, "iris");
            assertThat(status)
                    .get()
                    .extracting(s ->
                            s.condition(ConditionType.STALLED).orElseThrow().message())
                    .asString()
                    .contains("cluster unreachable");
        }
    }
}
