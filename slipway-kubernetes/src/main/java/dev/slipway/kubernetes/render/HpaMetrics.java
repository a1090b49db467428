package dev.slipway.kubernetes.render;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.support.Problem;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricIdentifier;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpecBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricTarget;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricTargetBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;

/**
 * Seldon's {@code hpaSpec.metrics} (autoscaling/v2beta1: {@code targetAverageUtilization}, {@code targetAverageValue},
 * {@code targetValue}, {@code metricName}) as autoscaling/v2 {@link MetricSpec}s ({@code target: {type, …}},
 * {@code metric: {name, selector}}). A metric already written in the v2 shape is taken as it is.
 */
final class HpaMetrics {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private HpaMetrics() {}

    /** {@code m} in the v2 shape, or null with a problem naming {@code path}. */
    static MetricSpec toV2(JsonNode m, String path, String source, List<Problem> problems) {
        final String type = m.path("type").asText("");
        final MetricSpecBuilder b = new MetricSpecBuilder().withType(type);
        switch (type) {
            case "Resource" -> {
                final JsonNode r = m.path("resource");
                b.withNewResource()
                        .withName(r.path("name").asText())
                        .withTarget(average(r, path + ".resource", source, problems))
                        .endResource();
            }
            case "ContainerResource" -> {
                final JsonNode r = m.path("containerResource");
                b.withNewContainerResource()
                        .withName(r.path("name").asText())
                        .withContainer(r.path("container").asText())
                        .withTarget(average(r, path + ".containerResource", source, problems))
                        .endContainerResource();
            }
            case "Pods" -> {
                final JsonNode r = m.path("pods");
                b.withNewPods()
                        .withMetric(metric(r, r.path("selector")))
                        .withTarget(average(r, path + ".pods", source, problems))
                        .endPods();
            }
            case "Object" -> {
                final JsonNode r = m.path("object");
                final JsonNode t = r.path("target");
                b.withNewObject()
                        .withMetric(metric(r, r.path("selector")))
                        .withNewDescribedObject()
                        .withApiVersion(t.path("apiVersion").asText(null))
                        .withKind(t.path("kind").asText())
                        .withName(t.path("name").asText())
                        .endDescribedObject()
                        .withTarget(value(r, path + ".object", source, problems))
                        .endObject();
            }
            case "External" -> {
                final JsonNode r = m.path("external");
                b.withNewExternal()
                        .withMetric(metric(r, r.path("metricSelector")))
                        .withTarget(value(r, path + ".external", source, problems))
                        .endExternal();
            }
            default -> {
                problems.add(Problem.of(
                        source,
                        path + ".type",
                        "'" + type + "' is not a metric type (Resource,"
                                + " ContainerResource, Pods, Object, External)"));
                return null;
            }
        }
        return b.build();
    }

    private static MetricIdentifier metric(JsonNode r, JsonNode selector) {
        final MetricIdentifier id = new MetricIdentifier();
        id.setName(
                r.has("metric")
                        ? r.path("metric").path("name").asText()
                        : r.path("metricName").asText());
        if (selector.isObject()) {
            id.setSelector(SERIALIZATION.unmarshal(selector.toString(), LabelSelector.class));
        }
        return id;
    }

    private static MetricTarget average(JsonNode r, String path, String source, List<Problem> problems) {
        if (r.has("target")) {
            return SERIALIZATION.unmarshal(r.get("target").toString(), MetricTarget.class);
        }
        if (r.has("targetAverageUtilization")) {
            return new MetricTargetBuilder()
                    .withType("Utilization")
                    .withAverageUtilization(r.get("targetAverageUtilization").asInt())
                    .build();
        }
        if (r.has("targetAverageValue")) {
            return new MetricTargetBuilder()
                    .withType("AverageValue")
                    .withAverageValue(new Quantity(r.get("targetAverageValue").asText()))
                    .build();
        }
        problems.add(Problem.of(source, path, "needs targetAverageUtilization or targetAverageValue"));
        return null;
    }

    private static MetricTarget value(JsonNode r, String path, String source, List<Problem> problems) {
        if (r.has("target") && r.get("target").has("type")) {
            return SERIALIZATION.unmarshal(r.get("target").toString(), MetricTarget.class);
        }
        if (r.has("targetValue")) {
            return new MetricTargetBuilder()
                    .withType("Value")
                    .withValue(new Quantity(r.get("targetValue").asText()))
                    .build();
        }
        if (r.has("averageValue") || r.has("targetAverageValue")) {
            return new MetricTargetBuilder()
                    .withType("AverageValue")
                    .withAverageValue(new Quantity(
                            r.has("averageValue")
                                    ? r.get("averageValue").asText()
                                    : r.get("targetAverageValue").asText()))
                    .build();
        }
        problems.add(Problem.of(source, path, "needs targetValue or targetAverageValue"));
        return null;
    }
}
