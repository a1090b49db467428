package dev.slipway.kubernetes.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.gitops.spec.Manifest;
import dev.slipway.gitops.spec.SpecException;
import dev.slipway.gitops.spec.SpecParser;
import dev.slipway.testing.SeldonManifests;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Tests for {@link Renderer}: golden YAML for the reference's news classifier and for a graph with a router and a
 * combiner, in both modes. Regenerate the golden files with {@code -Dslipway.golden.update=true} and review the diff.
 */
class RendererTest {

    static final Path INPUTS = Path.of("src/test/resources/render");
    static final Path CRD = Path.of(
            System.getProperty("slipway.root", ".."),
            "..",
            "shared",
            "kubernetes",
            "seldondeployments-crd-v1-small.yaml");

    private final Renderer renderer = new Renderer();

    static Manifest manifest(String file) {
        return new SpecParser().parse(INPUTS.resolve(file));
    }

    @ParameterizedTest
    @CsvSource({
        "news-classifier.json, native",
        "news-classifier.json, seldon",
        "router-combiner.yaml, native",
        "router-combiner.yaml, seldon"
    })
    void render_matchesGoldenYaml(String file, String mode) throws IOException {
        final RenderOptions options =
                new RenderOptions(RenderMode.parse(mode, "mode"), "production", RenderOptions.DEFAULT_SERVER_IMAGE);
        final String yaml =
                new ObjectWriter().write(renderer.all(List.of(manifest(file)), options), ObjectWriter.Format.YAML);
        final Path golden = INPUTS.resolve(file.substring(0, file.lastIndexOf('.')) + "." + mode + ".golden.yaml");
        if (Boolean.getBoolean("slipway.golden.update")) {
            Files.writeString(golden, yaml);
        }
        assertThat(yaml).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @CsvSource({"news-classifier.json", "router-combiner.yaml"})
    void seldonMode_validAgainstSeldonCoresCrdSchema(String file) throws IOException {
        final CrdSchema schema = CrdSchema.load(CRD, "v1");
        final List<HasMetadata> objects = renderer.deployment(
                manifest(file), new RenderOptions(RenderMode.SELDON, "production", RenderOptions.DEFAULT_SERVER_IMAGE));
        assertThat(objects).hasSize(1);
        final JsonNode json = new ObjectMapper().readTree(new KubernetesSerialization().asJson(objects.get(0)));
        assertThat(schema.validate(json)).isEmpty();
        assertThat(json.path("metadata").path("namespace").asText()).isEqualTo("production");
        assertThat(json.path("metadata").path("labels").path(Labels.MANAGED_BY).asText())
                .isEqualTo("slipway");
    }

    @Test
    void crdSchema_reportsWhatTheApiServerWouldRefuseOrPrune() throws IOException {
        final CrdSchema schema = CrdSchema.load(CRD, "v1");
        final JsonNode bad = new ObjectMapper()
                .readTree("{\"apiVersion\":\"machinelearning.seldon.io/v1\","
                        + "\"kind\":\"SeldonDeployment\",\"metadata\":{\"name\":\"x\"},\"spec\":{\"predictors\":[{\"name\":\"p\","
                        + "\"replicas\":\"two\",\"graph\":{\"name\":\"m\",\"colour\":\"red\"}}]}}");
        assertThat(schema.validate(bad))
                .anyMatch(p -> p.contains("spec.predictors[0].replicas: must be an integer"))
                .anyMatch(p -> p.contains("spec.predictors[0].graph.colour: unknown field"));
    }

    @Test
    void nativeMode_routerAndCombiner_oneDeploymentAndServicePerNode() {
        final List<HasMetadata> objects = renderer.deployment(
                manifest("router-combiner.yaml"),
                new RenderOptions(RenderMode.NATIVE, "production", "registry.example/slipway-server@sha256:abc"));
        assertThat(objects.stream()
                        .filter(o -> o.getKind().equals("Deployment"))
                        .map(o -> o.getMetadata().getName()))
                .containsExactly(
                        "ensemble-main-router",
                        "ensemble-main-combiner",
                        "ensemble-main-model-a",
                        "ensemble-main-model-b",
                        "ensemble-main-model-c",
                        "ensemble-canary-model-a");
        assertThat(objects.stream().filter(o -> o.getKind().equals("Service")).count())
                .isEqualTo(6);
        final Deployment router = (Deployment) objects.get(0);
        assertThat(router.getSpec().getReplicas()).isEqualTo(2);
        assertThat(router.getSpec()
                        .getStrategy()
                        .getRollingUpdate()
                        .getMaxUnavailable()
                        .getIntVal())
                .isZero();
        assertThat(router.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
                .isEqualTo(45L);
        assertThat(router.getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry("prometheus.io/scrape", "true");
        final io.fabric8.kubernetes.api.model.Container c =
                router.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(c.getArgs()).startsWith("serve", "--class", "com.example.AbRouter");
        assertThat(c.getEnv()).extracting("name").containsExactlyElementsOf(withIdentity("EPSILON"));
        assertThat(c.getResources().getLimits().get("memory").toString()).isEqualTo("512Mi");
        assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health/ping");
        assertThat(c.getLivenessProbe()).isNotNull();
        assertThat(router.getMetadata().getLabels())
                .containsEntry(Labels.MANAGED_BY, "slipway")
                .containsEntry(Labels.PART_OF, "ensemble")
                .containsEntry(Labels.SELDON_DEPLOYMENT_ID, "ensemble");
        final Deployment modelA = deployment(objects, "ensemble-main-model-a");
        assertThat(modelA.getSpec().getReplicas()).as("the HPA owns replicas").isNull();
        assertThat(modelA.getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getImage())
                .isEqualTo("registry.example/slipway-server@sha256:abc");
        assertThat(modelA.getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getArgs())
                .containsSequence(
                        "--implementation",
                        "SKLEARN_SERVER",
                        "--model-uri",
                        "s3://models/a",
                        "--param",
                        "method=predict_proba");
        assertThat(objects)
                .filteredOn(o -> o instanceof HorizontalPodAutoscaler)
                .singleElement()
                .satisfies(
                        h -> assertThat(((HorizontalPodAutoscaler) h).getSpec().getMaxReplicas())
                                .isEqualTo(10));
        assertThat(objects)
                .filteredOn(o -> o instanceof PodDisruptionBudget)
                .extracting(o -> o.getMetadata().getName())
                .containsExactly(
                        "ensemble-main-router",
                        "ensemble-main-combiner",
                        "ensemble-main-model-a",
                        "ensemble-main-model-b",
                        "ensemble-main-model-c");
        assertThat(objects)
                .allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isEqualTo("production"));
    }

    @Test
    void nativeMode_everyNodeContainer_getsTheReplicaIdentityTheLocalRuntimeGives() {
        final String digest = "sha256:" + "c".repeat(64);
        final Manifest m =
                new SpecParser().parse(SeldonManifests.deployment("fraud", """
        - name: main
          labels: {version: v7}
          componentSpecs:
          - spec:
              containers:
              - name: scorer
                image: registry.example/ml/scorer@%s
                env:
                - {name: PREDICTIVE_UNIT_ID, value: written-by-hand}
                - {name: THRESHOLD, value: "0.5"}
          graph:
            name: scorer
            type: MODEL
            children:
            - {name: clf, implementation: SKLEARN_SERVER, modelUri: 's3://models/clf'}
        """).formatted(digest), "fraud.yaml", null);
        final List<HasMetadata> objects = renderer.deployment(m, new RenderOptions(RenderMode.NATIVE, "prod", "img"));
        final var scorer = env(objects, "fraud-main-scorer");
        assertThat(scorer.keySet()).containsExactlyElementsOf(withIdentity("THRESHOLD"));
        assertThat(scorer)
                .containsEntry("SELDON_DEPLOYMENT_ID", "fraud")
                .containsEntry("PREDICTOR_ID", "main")
                .containsEntry("PREDICTOR_LABELS", "{\"version\":\"v7\"}")
                .as("the identity wins over the container's own value")
                .containsEntry("PREDICTIVE_UNIT_ID", "scorer")
                .containsEntry("PREDICTIVE_UNIT_IMAGE", "registry.example/ml/scorer@" + digest)
                .containsEntry("SLIPWAY_NAMESPACE", "fieldRef:metadata.namespace")
                .containsEntry("SLIPWAY_REPLICA", "fieldRef:metadata.name");
        final var clf = env(objects, "fraud-main-clf");
        assertThat(clf)
                .containsEntry("PREDICTIVE_UNIT_ID", "clf")
                .containsEntry("PREDICTIVE_UNIT_IMAGE", "SKLEARN_SERVER")
                .containsEntry("SLIPWAY_REPLICA", "fieldRef:metadata.name");
        // what the model server reads back from that environment: the identity its metrics carry
        final var id = dev.slipway.support.ReplicaIdentity.fromEnvironment(scorer);
        assertThat(id.deployment()).isEqualTo("fraud");
        assertThat(id.predictorVersion()).isEqualTo("v7");
        assertThat(id.imageName()).isEqualTo("registry.example/ml/scorer");
        assertThat(id.imageVersion()).isEqualTo(digest);
    }

    private static Deployment deployment(List<HasMetadata> objects, String name) {
        return objects.stream()
                .filter(o ->
                        o instanceof Deployment && o.getMetadata().getName().equals(name))
                .map(Deployment.class::cast)
                .findFirst()
                .orElseThrow();
    }

    /** The env of the first container of Deployment {@code name}: values, or {@code fieldRef:PATH}. */
    private static java.util.Map<String, String> env(List<HasMetadata> objects, String name) {
        final Deployment d = deployment(objects, name);
        final java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        for (final io.fabric8.kubernetes.api.model.EnvVar e :
                d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()) {
            out.put(
                    e.getName(),
                    e.getValueFrom() == null
                            ? e.getValue()
                            : "fieldRef:" + e.getValueFrom().getFieldRef().getFieldPath());
        }
        return out;
    }

    @Test
    void nativeMode_customClassWithoutImage_refusedNamingTheNode() {
        final Manifest m = new SpecParser().parse(SeldonManifests.deployment("custom", """
        - name: p
          componentSpecs:
          - spec:
              containers:
              - name: m
                env: [{name: SLIPWAY_MODEL_CLASS, value: com.example.M}]
          graph: {name: m, type: MODEL}
        """), "custom.yaml", null);
        assertThatThrownBy(() -> renderer.deployment(m, new RenderOptions(RenderMode.NATIVE, "ns", "img")))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("custom.yaml")
                .hasMessageContaining("node 'm' needs an image on Kubernetes");
    }

    @Test
    void names_longNamesCutToDnsLabelsWithoutCollisions() {
        final String a = Names.node("a".repeat(40), "predictor", "node-one");
        final String b = Names.node("a".repeat(40), "predictor", "node-two");
        assertThat(a).hasSizeLessThanOrEqualTo(63).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
        assertThat(a).isNotEqualTo(b);
    }

    /** {@code own} variable, then the replica identity every node container gets, in the order rendered. */
    private static List<String> withIdentity(String own) {
        return List.of(
                own,
                "SLIPWAY_NAMESPACE",
                "SELDON_DEPLOYMENT_ID",
                "PREDICTOR_ID",
                "PREDICTOR_LABELS",
                "PREDICTIVE_UNIT_ID",
                "PREDICTIVE_UNIT_IMAGE",
                "SLIPWAY_REPLICA");
    }
}
