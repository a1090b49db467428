package dev.slipway.kubernetes.render;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.gitops.spec.GraphNode;
import dev.slipway.gitops.spec.Manifest;
import dev.slipway.gitops.spec.PredictorSpec;
import dev.slipway.gitops.spec.SeldonDeployment;
import dev.slipway.gitops.spec.SpecException;
import dev.slipway.support.Problem;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders one SeldonDeployment as plain Kubernetes objects (mode {@code native}): per predictor and graph node a
 * {@code Deployment} (rolling with {@code maxUnavailable: 0}) and a {@code Service}; a {@code PodDisruptionBudget}
 * when the node has more than one replica (or the component spec has a {@code pdbSpec}); a
 * {@code HorizontalPodAutoscaler} (autoscaling/v2) for an {@code hpaSpec} (the Deployment then leaves
 * {@code replicas} to it); and the {@code ConfigMap} of its gateway route ({@link GatewayRenderer} watches those).
 */
public final class NativeRenderer {

    /** Label on route ConfigMaps: the gateway watches ConfigMaps that carry it. */
    public static final String ROUTE_LABEL = "slipway.dev/gateway-route";
    /** The key of a route ConfigMap holding the SeldonDeployment (JSON, namespace set). */
    public static final String ROUTE_KEY = "seldondeployment.json";
    /** Prefix of a route ConfigMap's name. */
    public static final String ROUTE_PREFIX = "slipway-route-";
    /** The port of every node's {@code Service} (and container). */
    public static final int NODE_PORT = NodeWorkload.PORT;

    /** The name of the {@code Service} (and {@code Deployment}) running {@code node} of {@code predictor}. */
    public static String serviceName(String deployment, String predictor, String node) {
        return Names.node(deployment, predictor, node);
    }

    /** The objects of {@code manifest} placed in {@code options.namespace()}. */
    public List<HasMetadata> render(Manifest manifest, RenderOptions options) {
        final SeldonDeployment d = manifest.deployment().inNamespace(options.namespace());
        final String ns = options.namespace();
        final List<HasMetadata> out = new ArrayList<>();
        final List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < d.predictors().size(); i++) {
            final PredictorSpec p = d.predictors().get(i);
            final Set<String> nodeNames = new LinkedHashSet<>();
            p.graph().flatten().forEach(n -> nodeNames.add(n.name()));
            final List<GraphNode> nodes = p.graph().flatten();
            for (int k = 0; k < nodes.size(); k++) {
                final GraphNode node = nodes.get(k);
                final NodeWorkload w = new NodeWorkload(
                        d,
                        p,
                        node,
                        "spec.predictors[" + i + "].graph" + (k == 0 ? "" : " node '" + node.name() + "'"),
                        options.serverImage(),
                        nodeNames);
                nodeObjects(d, p, node, w, ns, manifest.source(), problems, out);
            }
        }
        if (!problems.isEmpty()) {
            throw new SpecException(problems);
        }
        out.add(new ConfigMapBuilder()
                .withMetadata(meta(
                        ROUTE_PREFIX + Names.label(d.name()),
                        ns,
                        d.name(),
                        Map.of(ROUTE_LABEL, "true", Labels.COMPONENT, "gateway-route")))
                .withData(Map.of(ROUTE_KEY, routeJson(manifest.resolvedJson(), ns)))
                .build());
        return out;
    }

    private void nodeObjects(
            SeldonDeployment d,
            PredictorSpec p,
            GraphNode node,
            NodeWorkload w,
            String ns,
            String source,
            List<Problem> problems,
            List<HasMetadata> out) {
        final String name = Names.node(d.name(), p.name(), node.name());
        final Map<String, String> selector = Labels.selector(d.name(), p.name(), node.name());
        final Map<String, String> podLabels = new LinkedHashMap<>(Labels.deployment(d.name()));
        podLabels.putAll(selector);
        podLabels.put(Labels.COMPONENT, "model-server");
        final PodSpec pod = w.podSpec(problems, source);
        final int replicas = w.replicas();
        final JsonNode hpa = w.located()
                .map(l -> l.component().hpaSpec())
                .filter(h -> h != null && h.isObject())
                .orElse(null);
        final JsonNode pdb = w.located()
                .map(l -> l.component().pdbSpec())
                .filter(h -> h != null && h.isObject())
                .orElse(null);
        final ObjectMeta workloadMeta = meta(
                name,
                ns,
                d.name(),
                Map.of(Labels.PREDICTOR, p.name(), Labels.NODE, node.name(), Labels.COMPONENT, "model-server"));
        final DeploymentBuilder dep = new DeploymentBuilder()
                .withMetadata(workloadMeta)
                .withNewSpec()
                .withNewSelector()
                .withMatchLabels(selector)
                .endSelector()
                .withStrategy(RolloutParts.oneAtATime())
                .withProgressDeadlineSeconds(600)
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(podLabels)
                .withAnnotations(w.podAnnotations())
                .endMetadata()
                .withSpec(pod)
                .endTemplate()
                .endSpec();
        if (hpa == null) {
            dep.editSpec().withReplicas(replicas).endSpec();
        }
        out.add(dep.build());
        out.add(new ServiceBuilder()
                .withMetadata(workloadMeta)
                .withNewSpec()
                .withType("ClusterIP")
                .withSelector(selector)
                .addNewPort()
                .withName("http")
                .withPort(NodeWorkload.PORT)
                .withTargetPort(new IntOrString("http"))
                .withProtocol("TCP")
                .endPort()
                .endSpec()
                .build());
        if (replicas > 1 || pdb != null || hpa != null) {
            final PodDisruptionBudgetBuilder b = new PodDisruptionBudgetBuilder()
                    .withMetadata(
                            meta(name, ns, d.name(), Map.of(Labels.PREDICTOR, p.name(), Labels.NODE, node.name())))
                    .withNewSpec()
                    .withNewSelector()
                    .withMatchLabels(selector)
                    .endSelector()
                    .endSpec();
            if (pdb != null && pdb.has("minAvailable")) {
                b.editSpec()
                        .withMinAvailable(intOrString(pdb.get("minAvailable")))
                        .endSpec();
            } else {
                b.editSpec()
                        .withMaxUnavailable(intOrString(pdb == null ? null : pdb.get("maxUnavailable")))
                        .endSpec();
            }
            out.add(b.build());
        }
        if (hpa != null) {
            final List<MetricSpec> metrics = new ArrayList<>();
            int k = 0;
            for (final JsonNode m : hpa.path("metrics")) {
                final MetricSpec metric =
                        HpaMetrics.toV2(m, w.componentPath() + ".hpaSpec.metrics[" + k++ + "]", source, problems);
                if (metric != null) {
                    metrics.add(metric);
                }
            }
            out.add(new HorizontalPodAutoscalerBuilder()
                    .withMetadata(
                            meta(name, ns, d.name(), Map.of(Labels.PREDICTOR, p.name(), Labels.NODE, node.name())))
                    .withNewSpec()
                    .withNewScaleTargetRef()
                    .withApiVersion("apps/v1")
                    .withKind("Deployment")
                    .withName(name)
                    .endScaleTargetRef()
                    .withMinReplicas(
                            hpa.path("minReplicas").isInt()
                                    ? hpa.get("minReplicas").asInt()
                                    : replicas)
                    .withMaxReplicas(hpa.path("maxReplicas").asInt(Math.max(replicas, 1)))
                    .withMetrics(metrics)
                    .endSpec()
                    .build());
        }
    }

    private static IntOrString intOrString(JsonNode v) {
        if (v == null || v.isNull()) {
            return new IntOrString(1);
        }
        return v.isInt() ? new IntOrString(v.asInt()) : new IntOrString(v.asText());
    }

    static ObjectMeta meta(String name, String ns, String deployment, Map<String, String> extra) {
        final Map<String, String> labels = new LinkedHashMap<>(Labels.deployment(deployment));
        labels.putAll(new java.util.TreeMap<>(extra));
        return new ObjectMetaBuilder()
                .withName(name)
                .withNamespace(ns)
                .withLabels(labels)
                .build();
    }

    private static String routeJson(String resolvedJson, String ns) {
        try {
            final com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            final com.fasterxml.jackson.databind.node.ObjectNode tree =
                    (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(resolvedJson);
            ((com.fasterxml.jackson.databind.node.ObjectNode) tree.with("metadata")).put("namespace", ns);
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(tree) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a parsed manifest is not JSON: " + e.getMessage(), e);
        }
    }
}
