package dev.slipway.kubernetes.target;

import dev.slipway.gitops.target.Condition;
import dev.slipway.gitops.target.ConditionType;
import dev.slipway.gitops.target.DeploymentStatus;
import dev.slipway.gitops.target.Reason;
import dev.slipway.gitops.target.ReplicaKey;
import dev.slipway.gitops.target.ReplicaState;
import dev.slipway.gitops.target.ReplicaStatus;
import dev.slipway.kubernetes.render.Labels;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Health from the live objects' status, as Kubernetes' own controllers report it. A {@code Deployment} is ready when
 * its controller has seen the current spec ({@code observedGeneration >= generation}) and {@code updatedReplicas} and
 * {@code availableReplicas} reach {@code spec.replicas}; it is stalled when its {@code Progressing} condition says
 * {@code ProgressDeadlineExceeded}. A {@code SeldonDeployment} is ready when {@code status.state} is
 * {@code Available}, stalled when {@code Failed} (with {@code status.description}), progressing otherwise. An object
 * of the inventory that is missing, or whose applied fields drifted, makes the deployment not live (so the sync
 * controller applies it again: self-heal).
 */
final class LiveHealth {

    /** What was seen: {@code missing} is the first missing or drifted object, or null. */
    record Observation(String missing, DeploymentStatus status) {}

    private final Api api;

    LiveHealth(Api api) {
        this.api = api;
    }

    Observation observe(ObjectInventory inv, List<ObjectInventory.Applied> extra, Instant now) {
        final List<ObjectInventory.Applied> all = new ArrayList<>(inv.objects());
        all.addAll(extra);
        final List<ReplicaStatus> replicas = new ArrayList<>();
        final List<String> progressing = new ArrayList<>();
        final List<String> stalled = new ArrayList<>();
        for (final ObjectInventory.Applied a : all) {
            final Optional<GenericKubernetesResource> live = api.get(a.ref());
            if (live.isEmpty()) {
                return new Observation(a.ref() + " is missing", null);
            }
            final String drift = Subset.firstDifference(
                    a.applied(),
                    live.get().getAdditionalProperties().isEmpty() ? Map.of() : withMetadata(live.get()),
                    "");
            if (drift != null) {
                return new Observation(a.ref() + " drifted at " + drift, null);
            }
            if (a.ref().kind().equals("Deployment")) {
                deployment(inv, live.get(), replicas, progressing, stalled);
            } else if (a.ref().kind().equals("SeldonDeployment")) {
                seldon(live.get(), progressing, stalled);
            }
        }
        final List<Condition> conditions = new ArrayList<>();
        if (!stalled.isEmpty()) {
            conditions.add(new Condition(
                    ConditionType.READY,
                    Condition.Status.FALSE,
                    Reason.ROLLOUT_FAILED,
                    String.join("; ", stalled),
                    now));
            conditions.add(new Condition(
                    ConditionType.STALLED,
                    Condition.Status.TRUE,
                    Reason.ROLLOUT_FAILED,
                    String.join("; ", stalled),
                    now));
        } else if (!progressing.isEmpty()) {
            conditions.add(new Condition(
                    ConditionType.READY,
                    Condition.Status.FALSE,
                    Reason.REPLICAS_NOT_READY,
                    String.join("; ", progressing),
                    now));
            conditions.add(new Condition(
                    ConditionType.PROGRESSING,
                    Condition.Status.TRUE,
                    Reason.PROGRESSING,
                    String.join("; ", progressing),
                    now));
        } else {
            conditions.add(new Condition(
                    ConditionType.READY,
                    Condition.Status.TRUE,
                    Reason.SUCCEEDED,
                    "every object applied and available",
                    now));
        }
        return new Observation(
                null, new DeploymentStatus(inv.namespace(), inv.name(), 1, conditions, replicas, List.of()));
    }

    private static Map<String, Object> withMetadata(GenericKubernetesResource r) {
        final Map<String, Object> m = new java.util.LinkedHashMap<>(r.getAdditionalProperties());
        m.put(
                "metadata",
                Map.of(
                        "labels",
                        r.getMetadata().getLabels() == null
                                ? Map.of()
                                : r.getMetadata().getLabels()));
        return m;
    }

    @SuppressWarnings("unchecked")
    private static void deployment(
            ObjectInventory inv,
            GenericKubernetesResource d,
            List<ReplicaStatus> replicas,
            List<String> progressing,
            List<String> stalled) {
        final Map<String, Object> spec = map(d.getAdditionalProperties().get("spec"));
        final Map<String, Object> status = map(d.getAdditionalProperties().get("status"));
        final long want = number(spec.get("replicas"), 1);
        final long generation =
                d.getMetadata().getGeneration() == null ? 0 : d.getMetadata().getGeneration();
        final long observed = number(status.get("observedGeneration"), 0);
        final long updated = number(status.get("updatedReplicas"), 0);
        final long available = number(status.get("availableReplicas"), 0);
        final String name = "Deployment " + d.getMetadata().getNamespace() + "/"
                + d.getMetadata().getName();
        for (final Object c : status.get("conditions") instanceof List<?> l ? l : List.of()) {
            final Map<String, Object> cond = map(c);
            if ("Progressing".equals(cond.get("type")) && "ProgressDeadlineExceeded".equals(cond.get("reason"))) {
                stalled.add(name + ": progress deadline exceeded: " + cond.getOrDefault("message", ""));
            }
        }
        if (observed < generation || updated < want || available < want) {
            progressing.add(name + ": " + available + "/" + want + " available, " + updated + "/" + want + " updated"
                    + (observed < generation ? ", controller has not seen generation " + generation + " yet" : ""));
        }
        final Map<String, String> labels =
                d.getMetadata().getLabels() == null ? Map.of() : d.getMetadata().getLabels();
        for (int i = 0; inv.name().equals(labels.get(Labels.PART_OF)) && i < want; i++) {
            replicas.add(new ReplicaStatus(
                    new ReplicaKey(
                            inv.namespace(),
                            labels.getOrDefault(Labels.PART_OF, inv.name()),
                            labels.getOrDefault(Labels.PREDICTOR, ""),
                            labels.getOrDefault(Labels.NODE, d.getMetadata().getName()),
                            Integer.toString(i)),
                    i < Math.min(available, updated) ? ReplicaState.READY : ReplicaState.STARTING,
                    String.valueOf(generation),
                    0,
                    0,
                    0,
                    null,
                    null,
                    "",
                    List.of(),
                    null));
        }
    }

    private static void seldon(GenericKubernetesResource r, List<String> progressing, List<String> stalled) {
        final Map<String, Object> status = map(r.getAdditionalProperties().get("status"));
        final String state = String.valueOf(status.getOrDefault("state", ""));
        final String name = "SeldonDeployment " + r.getMetadata().getNamespace() + "/"
                + r.getMetadata().getName();
        if (state.equals("Failed")) {
            stalled.add(name + ": state Failed: " + status.getOrDefault("description", "no description"));
        } else if (!state.equals("Available")) {
            progressing.add(name + ": state " + (state.isEmpty() ? "not reported yet" : state));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static long number(Object o, long fallback) {
        return o instanceof Number n ? n.longValue() : fallback;
    }
}
