package dev.slipway.kubernetes.target;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.gitops.env.ClusterTarget;
import dev.slipway.gitops.env.Environment;
import dev.slipway.gitops.env.PromotionPolicy;
import dev.slipway.gitops.promote.RenderedDiff;
import dev.slipway.gitops.spec.SpecParser;
import dev.slipway.testing.SeldonManifests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link RenderedObjectsDiff}. */
class RenderedObjectsDiffTest {

    @TempDir
    Path tmp;

    static final Environment PRODUCTION = new Environment(
            "production",
            "production",
            "models",
            ClusterTarget.KIND,
            PromotionPolicy.APPROVAL,
            List.of("manager"),
            new ClusterTarget("native", null, null, "s3://team/prod"),
            null);

    static String spec(int replicas) {
        return SeldonManifests.deployment("iris", """
        - name: default
          replicas: %d
          graph: {name: classifier, implementation: SKLEARN_SERVER, modelUri: ../artifacts/abc}
        """).formatted(replicas);
    }

    RenderedDiff.Side side(Map<String, String> files) {
        return new RenderedDiff.Side(
                files, rel -> tmp.resolve("repo/production").resolve(rel).normalize(), new SpecParser());
    }

    RenderedObjectsDiff differ() {
        return new RenderedObjectsDiff(cluster -> "registry.example/slipway-server@sha256:1234", Map.of());
    }

    @Test
    void diff_firstPromotion_showsEveryObjectWithThePublishedModelUri() throws Exception {
        Files.createDirectories(tmp.resolve("repo/artifacts/abc"));
        Files.writeString(tmp.resolve("repo/artifacts/abc/model.joblib"), "model bytes");

        final String diff = differ().diff(PRODUCTION, side(Map.of()), side(Map.of("production/iris.yaml", spec(1))));

        assertThat(diff)
                .contains(
                        "# The Kubernetes objects environment 'production' applies (mode native, namespace"
                                + " models)",
                        "--- /dev/null",
                        "+++ b/rendered/production.yaml",
                        "+kind: \"Deployment\"",
                        "+  name: \"iris-default-classifier\"",
                        "+kind: \"Service\"",
                        "+  name: \"slipway-gateway\"",
                        "registry.example/slipway-server@sha256:1234");
        assertThat(diff).containsPattern("\\+ *- \"s3://team/prod/artifacts/[0-9a-f]{64}\"");
    }

    @Test
    void diff_replicasChanged_showsTheChangedFieldsOnly() throws Exception {
        Files.createDirectories(tmp.resolve("repo/artifacts/abc"));
        Files.writeString(tmp.resolve("repo/artifacts/abc/model.joblib"), "model bytes");

        final String diff = differ().diff(
                        PRODUCTION,
                        side(Map.of("production/iris.yaml", spec(1))),
                        side(Map.of("production/iris.yaml", spec(3))));

        assertThat(diff)
                .contains(
                        "--- a/rendered/production.yaml",
                        "-  replicas: 1",
                        "+  replicas: 3",
                        "+kind: \"PodDisruptionBudget\"");
        assertThat(diff).doesNotContain("+kind: \"Service\"");
    }

    @Test
    void diff_localEnvironment_addsNothing() {
        final Environment staging =
                new Environment("staging", "staging", "staging", "local", PromotionPolicy.AUTO, List.of(), null, null);

        assertThat(differ().diff(staging, side(Map.of()), side(Map.of("staging/iris.yaml", spec(1)))))
                .isEmpty();
    }

    @Test
    void diff_manifestThatCannotRender_isNamedWithItsProblem() {
        final String diff = differ().diff(
                        PRODUCTION,
                        side(Map.of()),
                        side(Map.of("production/iris.yaml", spec(1).replace("SKLEARN_SERVER", "NO_SUCH_SERVER"))));

        assertThat(diff).contains("+# production/iris.yaml: cannot render:");
    }
}
