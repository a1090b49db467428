package dev.slipway.gitops.target.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.gitops.spec.SeldonDeployment;
import dev.slipway.gitops.spec.SpecParser;
import dev.slipway.support.ReplicaIdentity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests for {@link PackPolicy}. */
class PackPolicyTest {

    private static LaunchSpec launch(String implementation, String uri, Map<String, String> env) {
        return new LaunchSpec("clf", implementation, uri, List.of("method=predict_proba"), null, null, env, null);
    }

    @ParameterizedTest
    @CsvSource({
        "SKLEARN_SERVER, /models/iris",
        "XGBOOST_SERVER, file:///models/iris",
        "ONNX_SERVER, file:/models/iris",
        "MLFLOW_SERVER, ./model",
    })
    void whyNot_builtInRuntimeWithALocalModel_isPackable(String implementation, String uri) {
        final Map<String, String> planned =
                Map.of(ReplicaIdentity.PREDICTOR_LABELS_ENV, "{}", ReplicaIdentity.IMAGE_ENV, implementation);
        assertThat(PackPolicy.whyNot(launch(implementation, uri, planned))).isNull();
    }

    @ParameterizedTest
    @CsvSource({
        "PYTHON, /models/iris, built-in runtimes",
        "TENSORFLOW_SERVER, /models/iris, built-in runtimes",
        "SKLEARN_SERVER, s3://bucket/iris, is remote",
        "SKLEARN_SERVER, gs://bucket/iris, is remote",
        "SKLEARN_SERVER, https://host/iris.tar.gz, is remote",
    })
    void whyNot_otherRuntimesAndRemoteModels_sayWhy(String implementation, String uri, String why) {
        assertThat(PackPolicy.whyNot(launch(implementation, uri, Map.of()))).contains(why);
    }

    @Test
    void whyNot_customServerOrContainerEnv_sayWhy() {
        assertThat(PackPolicy.whyNot(
                        new LaunchSpec("c", null, "/m", List.of(), "com.acme.C", "/c.jar", Map.of(), null)))
                .contains("custom server");
        assertThat(PackPolicy.whyNot(launch("SKLEARN_SERVER", "/m", Map.of("SLIPWAY_JAVA_OPTS", "-Xmx2g"))))
                .contains("env [SLIPWAY_JAVA_OPTS]");
        assertThat(PackPolicy.whyNot(launch("SKLEARN_SERVER", null, Map.of()))).contains("no modelUri");
    }

    private static SeldonDeployment deployment(String metadataAnnotation) {
        final String yaml = """
                apiVersion: machinelearning.seldon.io/v1
                kind: SeldonDeployment
                metadata: {name: iris%s}
                spec: {predictors: [{name: default, graph: {name: clf, implementation: SKLEARN_SERVER, modelUri: /m}}]}
                """.formatted(metadataAnnotation);
        return new SpecParser().parse(yaml, "test.yaml", null).deployment();
    }

    @Test
    void requested_annotationWinsOverTheFlag() {
        final SeldonDeployment plain = deployment("");
        final SeldonDeployment on = deployment(", annotations: {slipway.dev/pack-models: \"true\"}");
        final SeldonDeployment off = deployment(", annotations: {slipway.dev/pack-models: \"false\"}");
        final PackPolicy flag = new PackPolicy(new PackConfig(true, 2));
        final PackPolicy noFlag = new PackPolicy(PackConfig.onRequest());
        assertThat(flag.requested(plain)).isTrue();
        assertThat(flag.requested(off)).isFalse();
        assertThat(noFlag.requested(plain)).isFalse();
        assertThat(noFlag.requested(on)).isTrue();
    }
}
