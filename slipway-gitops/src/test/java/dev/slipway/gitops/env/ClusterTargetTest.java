package dev.slipway.gitops.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.gitops.spec.SpecException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests for {@link ClusterTarget}: {@code target: {kind: kubernetes, …}} in {@code environments.yaml}. */
class ClusterTargetTest {

    private static Environments parse(String yaml) {
        return Environments.parse(yaml.getBytes(StandardCharsets.UTF_8), "environments.yaml");
    }

    @Test
    void parse_kubernetesTarget_allFieldsAndRoundTrip() {
        final Environments envs = parse("""
        environments:
        - name: staging
        - name: production
          promotion: approval
          approvers: [alice]
          target: {kind: kubernetes, mode: native, context: prod-admin@prod, namespace: models,
                   registry: 127.0.0.1:5000/ml, artifacts: s3://ml-models/prod/}
        """);
        final Environment prod = envs.require("production");
        assertThat(prod.onKubernetes()).isTrue();
        assertThat(prod.target()).isEqualTo("kubernetes");
        assertThat(prod.namespace()).isEqualTo("models");
        assertThat(prod.cluster())
                .isEqualTo(new ClusterTarget("native", "prod-admin@prod", "127.0.0.1:5000/ml", "s3://ml-models/prod"));
        assertThat(envs.require("staging").onKubernetes()).isFalse();
        assertThat(Environments.parse(envs.toYaml().getBytes(StandardCharsets.UTF_8), "again"))
                .isEqualTo(envs);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{kind: nomad, mode: native}|environments[0].target.kind: 'nomad' is not a target kind",
                "{kind: kubernetes}|environments[0].target.mode: is required",
                "{kind: kubernetes, mode: helm}|environments[0].target.mode: 'helm' is not a mode (native or seldon)",
                "{kind: kubernetes, mode: native, registry: 'https://r.example/x'}|environments[0].target.registry:",
                "{kind: kubernetes, mode: native, artifacts: 'file:///etc'}|environments[0].target.artifacts:",
                "{kind: kubernetes, mode: native, context: 'a b'}|environments[0].target.context:",
                "{kind: kubernetes, mode: native, colour: red}|environments[0].target.colour: unknown field",
                "{kind: kubernetes, mode: native, namespace: other}|environments[0].target.namespace: 'other' differs",
                "cloud|environments[0].target: unknown target 'cloud'"
            })
    void parse_badTarget_namesTheField(String target, String message) {
        assertThatThrownBy(
                        () -> parse("environments:\n- name: staging\n  namespace: staging\n  target: " + target + "\n"))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("environments.yaml")
                .hasMessageContaining(message);
    }
}
