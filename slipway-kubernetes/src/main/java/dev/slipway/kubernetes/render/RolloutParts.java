package dev.slipway.kubernetes.render;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;

/** Pieces every rendered workload shares: how a Deployment rolls, and how a service account gets its Role. */
final class RolloutParts {

    private RolloutParts() {}

    /** One new pod at a time, never one fewer ready (maxUnavailable 0, maxSurge 1), as the local runtime rolls. */
    static DeploymentStrategy oneAtATime() {
        return new DeploymentStrategyBuilder()
                .withType("RollingUpdate")
                .withNewRollingUpdate()
                .withMaxUnavailable(new IntOrString(0))
                .withMaxSurge(new IntOrString(1))
                .endRollingUpdate()
                .build();
    }

    /** Binds the Role {@code name} to the service account {@code name} of {@code accountNamespace}. */
    static RoleBinding roleBinding(ObjectMeta meta, String name, String accountNamespace) {
        return new RoleBindingBuilder()
                .withMetadata(meta)
                .withNewRoleRef()
                .withApiGroup("rbac.authorization.k8s.io")
                .withKind("Role")
                .withName(name)
                .endRoleRef()
                .addNewSubject()
                .withKind("ServiceAccount")
                .withName(name)
                .withNamespace(accountNamespace)
                .endSubject()
                .build();
    }
}
