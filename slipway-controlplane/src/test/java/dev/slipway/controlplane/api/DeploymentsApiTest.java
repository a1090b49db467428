package dev.slipway.controlplane.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.api.ApiError;
import dev.slipway.api.Condition;
import dev.slipway.api.Deployment;
import dev.slipway.api.DeploymentChange;
import dev.slipway.client.SlipwayClient;
import dev.slipway.client.SlipwayException;
import dev.slipway.controlplane.deploy.Deployments;
import dev.slipway.gitops.spec.SpecParser;
import dev.slipway.testing.SeldonManifests;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests for {@link DeploymentsApi} through the real {@link ApiServer} and {@link SlipwayClient}: every record round
 * trips; the caller's mistakes are 4xx naming the field, and nothing is stored or started.
 */
class DeploymentsApiTest {

    private static final String SPEC = SeldonManifests.deployment("%s", """
      - name: p
        replicas: %s
        graph: {name: m, implementation: SKLEARN_SERVER, modelUri: "%s"}
      """);

    @TempDir
    Path data;

    private final InMemoryTarget target = new InMemoryTarget();
    private final List<String> deleted = new ArrayList<>();
    private ApiHarness api;

    @BeforeEach
    void start() {
        final Deployments deployments =
                new Deployments(target, data, SpecParser::new, (ns, name) -> deleted.add(ns + "/" + name));
        api = new ApiHarness(replies -> List.of(new DeploymentsApi(replies, deployments)));
    }

    @AfterEach
    void stop() throws Exception {
        api.close();
    }

    private static String spec(String name) {
        return SPEC.formatted(name, "1", "file:///m");
    }

    @Test
    void apply_accepted_thenListedAndShownAsKubernetesSpellsIt() {
        assertThat(api.client.apply("ns", "iris", spec("iris")))
                .isEqualTo(DeploymentChange.accepted("ns", "iris", List.of()));
        final Deployment shown = api.client.deployment("ns", "iris");
        assertThat(shown.ready()).isTrue();
        assertThat(shown.conditions())
                .containsExactly(new Condition("Ready", "True", "Succeeded", "", InMemoryTarget.T0));
        assertThat(shown.replicas()).singleElement().satisfies(r -> {
            assertThat(r.state()).isEqualTo("Ready");
            assertThat(r.replica()).isEqualTo("0");
            assertThat(r.lastExitCode()).isNull();
            assertThat(r.logTail()).isEmpty();
        });
        assertThat(api.client.deployments(null)).containsExactly(shown);
        assertThat(api.client.deployments("ns")).containsExactly(shown);
        assertThat(api.client.deployments("other")).isEmpty();
    }

    @Test
    void applyAndWait_ready_theStatus() {
        assertThat(api.client
                        .applyAndWait("ns", "iris", spec("iris"), Duration.ofSeconds(30))
                        .ready())
                .isTrue();
    }

    @Test
    void applyAndWait_rolloutFails_409WithTheStatus() {
        assertThatThrownBy(() -> api.client.applyAndWait("ns", "broken", spec("broken"), Duration.ofSeconds(30)))
                .isInstanceOfSatisfying(SlipwayException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.getMessage()).isEqualTo("rollout failed: replica m-0 crashed (exit 3)");
                    final Deployment status = e.error().status();
                    assertThat(status.replicas().get(0).lastExitCode()).isEqualTo(3);
                    assertThat(status.replicas().get(0).lastExitTime()).isEqualTo(InMemoryTarget.T0);
                    assertThat(status.replicas().get(0).logTail()).containsExactly("boom");
                });
    }

    @Test
    void delete_known_deletedAndTold() {
        api.client.apply("ns", "iris", spec("iris"));
        assertThat(api.client.delete("ns", "iris", Duration.ofSeconds(30)))
                .isEqualTo(DeploymentChange.deleted("ns", "iris"));
        assertThat(deleted).containsExactly("ns/iris");
        assertThat(api.client.deployments(null)).isEmpty();
    }

    @Test
    void put_invalidSpec_400WithProblemPaths() {
        assertThatThrownBy(() -> api.client.apply("ns", "iris", SPEC.formatted("iris", "-1", "file:///m")))
                .isInstanceOfSatisfying(SlipwayException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.error().problems())
                            .contains(new ApiError.Problem(
                                    "spec.predictors[0].replicas", "must not be negative, found -1"));
                });
        assertThat(target.list()).isEmpty();
    }

    @Test
    void put_relativeModelUriInABody_400() {
        assertThatThrownBy(() -> api.client.apply("ns", "iris", SPEC.formatted("iris", "1", "./m")))
                .isInstanceOfSatisfying(SlipwayException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("relative modelUri './m' needs the manifest's folder");
                });
    }

    @Test
    void put_nameOrNamespaceMismatch_400NamingTheField() {
        assertThatThrownBy(() -> api.client.apply("ns", "other", spec("iris")))
                .hasMessage("metadata.name: is 'iris' but the path says 'other'");
        final String namespaced = spec("iris").replace("{name: iris}", "{name: iris, namespace: a}");
        assertThatThrownBy(() -> api.client.apply("b", "iris", namespaced))
                .isInstanceOfSatisfying(SlipwayException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).isEqualTo("metadata.namespace: is 'a' but the path says 'b'");
                });
        assertThat(target.list()).isEmpty();
    }

    @Test
    void getAndDelete_unknown_404() {
        assertThatThrownBy(() -> api.client.deployment("ns", "nope"))
                .isInstanceOfSatisfying(
                        SlipwayException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> api.client.delete("ns", "nope", Duration.ofSeconds(30)))
                .isInstanceOfSatisfying(SlipwayException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.getMessage()).isEqualTo("no deployment 'nope' in namespace 'ns'");
                });
    }
}
