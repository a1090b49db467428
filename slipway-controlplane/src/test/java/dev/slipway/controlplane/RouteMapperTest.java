package dev.slipway.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.gitops.spec.SeldonDeployment;
import dev.slipway.gitops.spec.SpecParser;
import dev.slipway.serving.gateway.DeploymentRegistry;
import dev.slipway.serving.gateway.DeploymentRoute;
import dev.slipway.serving.gateway.GraphRoute;
import dev.slipway.serving.gateway.NodeLogger;
import dev.slipway.serving.gateway.Step;
import dev.slipway.testing.SeldonManifests;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link RouteMapper}. */
class RouteMapperTest {

    @Test
    void route_graphWithMethodsTrafficAndTimeout_mapsAsSeldonDoes() {
        final SeldonDeployment d = new SpecParser().parse("""
        apiVersion: machinelearning.seldon.io/v1
        kind: SeldonDeployment
        metadata: {name: d, namespace: team}
        spec:
          annotations: {seldon.io/rest-timeout: "1500"}
          predictors:
          - name: main
            traffic: 75
            labels: {version: v2}
            componentSpecs: [{spec: {containers: [{name: custom, image: acme/custom:3,
              env: [{name: SLIPWAY_MODEL_CLASS, value: com.acme.C}]}]}}]
            graph:
              name: custom
              type: UNKNOWN_TYPE
              methods: [TRANSFORM_INPUT, ROUTE]
              children:
              - {name: a, implementation: SKLEARN_SERVER, modelUri: file:///a}
              - {name: b, type: OUTPUT_TRANSFORMER, implementation: SKLEARN_SERVER, modelUri: file:///b}
          - name: canary
            traffic: 25
            graph: {name: a, implementation: SKLEARN_SERVER, modelUri: file:///a2}
        """, "d.yaml", null).deployment();
        final DeploymentRegistry routes = new DeploymentRegistry();
        final DeploymentRoute route = new RouteMapper(routes).route(d);
        assertThat(route.namespace()).isEqualTo("team");
        assertThat(route.timeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(route.predictors())
                .extracting(p -> p.name() + ":" + p.traffic() + ":" + p.version())
                .containsExactly("main:75:v2", "canary:25:");
        final GraphRoute root = route.predictors().get(0).graph();
        assertThat(root.image()).isEqualTo("acme/custom:3");
        assertThat(root.steps()).containsExactlyInAnyOrder(Step.TRANSFORM_INPUT, Step.ROUTE);
        assertThat(root.children().get(0).steps()).containsExactlyInAnyOrder(Step.PREDICT, Step.SEND_FEEDBACK);
        assertThat(root.children().get(0).image()).isEqualTo("SKLEARN_SERVER");
        assertThat(root.children().get(1).steps()).containsExactly(Step.TRANSFORM_OUTPUT);
        assertThat(root.pool()).isSameAs(routes.pool("team", "d", "main", "custom"));
        assertThat(route.predictors().get(1).graph().pool())
                .isNotSameAs(root.children().get(0).pool());
    }

    @Test
    void route_referenceAnnotationOrNodeLogger_turnsOnRequestLogging() {
        final SeldonDeployment news =
                new SpecParser().parse("""
        {"apiVersion": "machinelearning.seldon.io/v1alpha2", "kind": "SeldonDeployment",
         "metadata": {"name": "news-classifier"},
         "spec": {"annotations": {"seldon.io/engine-seldon-log-messages-externally": "true"},
          "predictors": [{"name": "default", "graph": {"name": "news-classifier",
            "implementation": "SKLEARN_SERVER", "modelUri": "file:///m",
            "children": [{"name": "out", "type": "OUTPUT_TRANSFORMER", "implementation": "SKLEARN_SERVER",
              "modelUri": "file:///o"}]}}]}}
        """, "news.json", null).deployment();
        final GraphRoute root = new RouteMapper(new DeploymentRegistry())
                .route(news)
                .predictors()
                .get(0)
                .graph();
        assertThat(root.logger()).isEqualTo(new NodeLogger(NodeLogger.Mode.ALL, null));
        assertThat(root.children().get(0).logger()).isEqualTo(new NodeLogger(NodeLogger.Mode.ALL, null));

        final SeldonDeployment own = new SpecParser()
                .parse(SeldonManifests.deployment("d", """
        - name: p
          graph: {name: m, implementation: SKLEARN_SERVER, modelUri: file:///m,
            logger: {mode: response, url: "http://sink:8080/"}}
        """), "d.yaml", null)
                .deployment();
        for (final RouteMapper mapper :
                List.of(new RouteMapper(new DeploymentRegistry()), new RouteMapper(new DeploymentRegistry(), true))) {
            assertThat(mapper.route(own).predictors().get(0).graph().logger())
                    .isEqualTo(new NodeLogger(NodeLogger.Mode.RESPONSE, "http://sink:8080/"));
        }
    }
}
