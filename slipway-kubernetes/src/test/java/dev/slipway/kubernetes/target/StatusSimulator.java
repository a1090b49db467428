package dev.slipway.kubernetes.target;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Plays the part of the kubelet and the controllers against the {@link MockCluster}, which has none: every
 * {@code Deployment} gets the status its controller would report once its pods are ready ({@code observedGeneration},
 * {@code updatedReplicas}, {@code availableReplicas}); a name marked {@link #failRollout} gets a {@code Progressing}
 * condition with reason {@code ProgressDeadlineExceeded} instead. Every {@code SeldonDeployment} gets
 * {@code status.state: Available} (or {@code Failed} with a description when marked).
 */
public final class StatusSimulator implements AutoCloseable {

    static final ResourceDefinitionContext SELDON = new ResourceDefinitionContext.Builder()
            .withGroup("machinelearning.seldon.io")
            .withVersion("v1")
            .withKind("SeldonDeployment")
            .withPlural("seldondeployments")
            .withNamespaced(true)
            .build();

    private final KubernetesClient client;
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService loop;
    volatile RuntimeException lastError;

    public StatusSimulator(KubernetesClient client) {
        this.client = client;
    }

    /** Objects named {@code name} fail from now on. */
    public void failRollout(String name) {
        failing.add(name);
    }

    /** Objects named {@code name} roll out normally again. */
    public void heal(String name) {
        failing.remove(name);
    }

    /** Settles every object once. */
    public synchronized void settle() {
        for (final Deployment d :
                client.apps().deployments().inAnyNamespace().list().getItems()) {
            final int want = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
            final long generation = d.getMetadata().getGeneration() == null
                    ? 1
                    : d.getMetadata().getGeneration();
            final DeploymentStatusBuilder status = new DeploymentStatusBuilder().withObservedGeneration(generation);
            if (failing.contains(d.getMetadata().getName())) {
                status.withReplicas(want)
                        .withUpdatedReplicas(want)
                        .withAvailableReplicas(0)
                        .withConditions(new DeploymentConditionBuilder()
                                .withType("Progressing")
                                .withStatus("False")
                                .withReason("ProgressDeadlineExceeded")
                                .withMessage("ReplicaSet \"" + d.getMetadata().getName()
                                        + "-5d9c\" has timed out progressing.")
                                .build());
            } else {
                status.withReplicas(want)
                        .withUpdatedReplicas(want)
                        .withReadyReplicas(want)
                        .withAvailableReplicas(want);
            }
            if (d.getStatus() != null && status.build().equals(d.getStatus())) {
                continue;
            }
            d.setStatus(status.build());
            client.resource(d).updateStatus();
        }
        for (final GenericKubernetesResource s : client.genericKubernetesResources(SELDON)
                .inAnyNamespace()
                .list()
                .getItems()) {
            final Map<String, Object> status = failing.contains(s.getMetadata().getName())
                    ? Map.of("state", "Failed", "description", "Cannot find modelUri s3://models/missing")
                    : Map.of("state", "Available");
            if (status.equals(s.getAdditionalProperties().get("status"))) {
                continue;
            }
            s.getAdditionalProperties().put("status", status);
            client.genericKubernetesResources(SELDON)
                    .inNamespace(s.getMetadata().getNamespace())
                    .resource(s)
                    .update();
        }
    }

    /** Settles every {@code millis} in the background until closed. */
    public StatusSimulator start(long millis) {
        loop = Executors.newSingleThreadScheduledExecutor(r -> {
            final Thread t = new Thread(r, "status-simulator");
            t.setDaemon(true);
            return t;
        });
        loop.scheduleWithFixedDelay(
                () -> {
                    try {
                        settle();
                    } catch (RuntimeException e) {
                        lastError = e; // an object deleted between list and update: the next round settles it
                    }
                },
                0,
                millis,
                TimeUnit.MILLISECONDS);
        return this;
    }

    @Override
    public void close() {
        if (loop != null) {
            loop.shutdownNow();
        }
    }
}
