package dev.slipway.kubernetes.render;

import dev.slipway.gitops.spec.ComponentSpec;
import dev.slipway.gitops.spec.Container;
import dev.slipway.gitops.spec.GraphNode;
import dev.slipway.gitops.spec.Parameter;
import dev.slipway.gitops.spec.PredictorSpec;
import dev.slipway.gitops.spec.SeldonDeployment;
import dev.slipway.support.Problem;
import dev.slipway.support.ReplicaIdentity;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The pod of one graph node: the component spec's pod spec (volumes, service account, scheduling, sidecars kept as
 * written) with the node's container turned into Slipway's model server — command {@code java -cp /app/lib/*
 * dev.slipway.cli.Slipway serve …} on port {@value #PORT}, readiness {@code /health/ping}, liveness
 * {@code /v2/health/live}. The server downloads {@code modelUri} itself and answers ready only once the model is
 * loaded. A container that gives its own {@code command} or {@code args} runs exactly as written.
 */
final class NodeWorkload {

    /** The port every model server listens on. */
    static final int PORT = 9000;
    /** Where the jars of Slipway's distribution (and a custom server's own) sit in the image. */
    static final String LIB = "/app/lib";

    static final List<String> COMMAND = List.of("java", "-cp", LIB + "/*", "dev.slipway.cli.Slipway");
    static final long DEFAULT_GRACE_SECONDS = 30;
    /** The names of the identity variables, which win over a container's own values of them. */
    static final Set<String> IDENTITY_ENV =
            Set.copyOf(ReplicaIdentity.unknown().environment().keySet());

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private final SeldonDeployment deployment;
    private final PredictorSpec predictor;
    private final GraphNode node;
    private final String path;
    private final String serverImage;
    private final Set<String> graphNodeNames;

    NodeWorkload(
            SeldonDeployment deployment,
            PredictorSpec predictor,
            GraphNode node,
            String path,
            String serverImage,
            Set<String> graphNodeNames) {
        this.deployment = deployment;
        this.predictor = predictor;
        this.node = node;
        this.path = path;
        this.serverImage = serverImage;
        this.graphNodeNames = graphNodeNames;
    }

    /** The component spec holding the node's container, if any. */
    Optional<ComponentSpec.Located> located() {
        return predictor.container(node.name());
    }

    /** The path of the component spec holding the node's container (for messages). */
    String componentPath() {
        final int c = located()
                .map(l -> predictor.componentSpecs().indexOf(l.component()))
                .orElse(-1);
        return path.replaceAll("\\.graph.*$", "") + ".componentSpecs[" + c + "]";
    }

    /** Replicas: the node's component spec, else the predictor's, else the deployment's, else 1. */
    int replicas() {
        return located()
                .map(l -> l.component().replicas())
                .or(() -> Optional.ofNullable(predictor.replicas()))
                .or(() -> Optional.ofNullable(deployment.spec().replicas()))
                .orElse(1);
    }

    /** Annotations for the pod template: the component spec's metadata annotations. */
    java.util.Map<String, String> podAnnotations() {
        final java.util.Map<String, String> out = new java.util.TreeMap<>();
        located()
                .map(l -> l.component().metadata())
                .filter(m -> m != null && m.path("annotations").isObject())
                .ifPresent(m -> m.path("annotations")
                        .fields()
                        .forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText())));
        return out;
    }

    /** The pod spec, or a problem naming the field Kubernetes cannot run. */
    PodSpec podSpec(List<Problem> problems, String source) {
        final PodSpec pod = located()
                .map(l -> l.component().podSpec())
                .filter(p -> p != null && p.isObject())
                .map(p -> SERIALIZATION.unmarshal(p.toString(), PodSpec.class))
                .orElseGet(PodSpec::new);
        final List<io.fabric8.kubernetes.api.model.Container> containers = new ArrayList<>();
        io.fabric8.kubernetes.api.model.Container written = null;
        for (final io.fabric8.kubernetes.api.model.Container c : pod.getContainers()) {
            if (node.name().equals(c.getName())) {
                written = c;
            } else if (!graphNodeNames.contains(c.getName())) {
                containers.add(c); // a sidecar: kept as written
            }
        }
        containers.add(0, serverContainer(written, problems, source));
        pod.setContainers(containers);
        if (pod.getTerminationGracePeriodSeconds() == null) {
            pod.setTerminationGracePeriodSeconds(DEFAULT_GRACE_SECONDS);
        }
        return pod;
    }

    private io.fabric8.kubernetes.api.model.Container serverContainer(
            io.fabric8.kubernetes.api.model.Container written, List<Problem> problems, String source) {
        final ContainerBuilder c = written == null ? new ContainerBuilder() : new ContainerBuilder(written);
        c.withName(Names.label(node.name()));
        final Container parsed = located().map(ComponentSpec.Located::container).orElse(null);
        final boolean asWritten = written != null
                && (!written.getCommand().isEmpty() || !written.getArgs().isEmpty())
                && parsed != null
                && parsed.modelClass().isEmpty();
        final boolean ownEntrypoint = !asWritten
                && written != null
                && written.getImage() != null
                && parsed != null
                && parsed.modelClass().isEmpty()
                && node.implementation() == null;
        if (!asWritten) {
            final List<String> args = new ArrayList<>();
            if (ownEntrypoint) {
                // a custom server image built by Slipway: its entrypoint already ends in "serve --class FQCN"
            } else if (parsed != null && parsed.modelClass().isPresent()) {
                args.addAll(List.of("serve", "--class", parsed.modelClass().get()));
            } else if (node.implementation() != null) {
                args.addAll(List.of("serve", "--implementation", node.implementation()));
            } else {
                problems.add(Problem.of(
                        source,
                        path,
                        "node '" + node.name() + "' names neither an implementation, nor"
                                + " an image, nor a custom server class (SLIPWAY_MODEL_CLASS)"));
            }
            if (node.modelUri() != null) {
                args.addAll(List.of("--model-uri", node.modelUri()));
            }
            for (final Parameter p : node.parameters()) {
                args.addAll(List.of("--param", p.name() + "=" + p.value()));
            }
            args.addAll(List.of(
                    "--name",
                    node.name(),
                    "--host",
                    "0.0.0.0",
                    "--port",
                    Integer.toString(PORT),
                    "--cache-dir",
                    "/tmp/slipway-cache"));
            if (!ownEntrypoint) {
                c.withCommand(COMMAND);
            }
            c.withArgs(args);
        }
        final String image = written != null && written.getImage() != null ? written.getImage() : serverImage;
        final List<EnvVar> env = new ArrayList<>();
        for (final EnvVar e : written == null ? List.<EnvVar>of() : written.getEnv()) {
            if (!e.getName().equals(Container.MODEL_CLASS_ENV)
                    && !e.getName().equals(Container.MODEL_CLASSPATH_ENV)
                    && !IDENTITY_ENV.contains(e.getName())) {
                env.add(e);
            }
        }
        env.addAll(identity(written != null && written.getImage() != null ? written.getImage() : null, parsed));
        c.withEnv(env);
        if (parsed != null && parsed.modelClass().isPresent() && (written == null || written.getImage() == null)) {
            problems.add(Problem.of(
                    source,
                    path,
                    "the custom server of node '" + node.name() + "' needs an image on"
                            + " Kubernetes (its classpath is a path on the machine that wrote the manifest)"));
        }
        c.withImage(image);
        c.withPorts(List.of(new io.fabric8.kubernetes.api.model.ContainerPortBuilder()
                .withName("http")
                .withContainerPort(PORT)
                .withProtocol("TCP")
                .build()));
        if (written == null || written.getReadinessProbe() == null) {
            c.withReadinessProbe(probe("/health/ping", 0, 5, 3));
        }
        if (written == null || written.getLivenessProbe() == null) {
            c.withLivenessProbe(probe("/v2/health/live", 60, 10, 3));
        }
        return c.build();
    }

    /**
     * Who a replica is, as the local runtime tells its replicas ({@link ReplicaIdentity}; Seldon's operator passes
     * the same {@code SELDON_DEPLOYMENT_ID}, {@code PREDICTOR_ID}, {@code PREDICTOR_LABELS}, {@code PREDICTIVE_UNIT_ID},
     * {@code PREDICTIVE_UNIT_IMAGE}): the model server labels its metrics with it. The namespace and the replica (the
     * pod's name) come from the pod through the downward API.
     *
     * @param image the container's image as the manifest (after publishing) gives it, or null
     */
    private List<EnvVar> identity(@Nullable String image, @Nullable Container parsed) {
        final boolean prepackaged =
                node.implementation() != null && !node.implementation().equals("UNKNOWN_IMPLEMENTATION");
        final String runs = prepackaged
                ? node.implementation()
                : image != null ? image : parsed != null ? parsed.modelClass().orElse("") : "";
        final ReplicaIdentity id = new ReplicaIdentity(
                "",
                deployment.name(),
                predictor.name(),
                predictor.labels().getOrDefault("version", ""),
                node.name(),
                runs,
                "");
        final List<EnvVar> env = new ArrayList<>();
        id.environment().forEach((name, value) -> {
            if (name.equals(ReplicaIdentity.NAMESPACE_ENV)) {
                env.add(fromPod(name, "metadata.namespace"));
            } else if (name.equals(ReplicaIdentity.REPLICA_ENV)) {
                env.add(fromPod(name, "metadata.name"));
            } else {
                env.add(new EnvVarBuilder().withName(name).withValue(value).build());
            }
        });
        return env;
    }

    private static EnvVar fromPod(String name, String field) {
        return new EnvVarBuilder()
                .withName(name)
                .withNewValueFrom()
                .withNewFieldRef()
                .withApiVersion("v1")
                .withFieldPath(field)
                .endFieldRef()
                .endValueFrom()
                .build();
    }

    private static Probe probe(String httpPath, int initialDelay, int period, int failures) {
        return new ProbeBuilder()
                .withNewHttpGet()
                .withPath(httpPath)
                .withPort(new IntOrString("http"))
                .endHttpGet()
                .withInitialDelaySeconds(initialDelay)
                .withPeriodSeconds(period)
                .withFailureThreshold(failures)
                .withTimeoutSeconds(2)
                .build();
    }
}
