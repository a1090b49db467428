package dev.slipway.gitops.target;

import dev.slipway.gitops.spec.Manifest;
import dev.slipway.gitops.spec.SpecException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A place that runs SeldonDeployments: the local machine first, Kubernetes later, behind one contract.
 * Deployments are keyed by namespace and name; applying the same key again updates it without dropping
 * requests (replicas are replaced one at a time).
 *
 * <p>Failures the sync controller should tell apart are thrown (or completed exceptionally) as
 * {@link ReconcileFailure}s: {@link ReconcileFailure#waiting} when the target cannot be reached yet (retried after
 * the given delay), {@link ReconcileFailure#stalling} when only a human can fix it. A {@link SpecException} means a
 * field this target cannot honour (stalling); anything else is retried with backoff.
 */
public interface RuntimeTarget extends AutoCloseable {

    /** The target's name, e.g. {@code local}. */
    String name();

    /**
     * Checks that this target can run {@code manifest}, without starting anything.
     *
     * @throws SpecException naming the field this target cannot honour
     */
    void check(Manifest manifest, String namespace);

    /**
     * Creates or updates the deployment in {@code namespace}. Returns at once; the future completes when
     * every replica of the new spec is ready (exceptionally, with a message naming the failing replica
     * and the tail of its log, when the rollout fails).
     *
     * @throws SpecException when {@link #check} fails (nothing is started)
     */
    CompletableFuture<DeploymentStatus> apply(Manifest manifest, String namespace);

    /** Deletes a deployment (draining its replicas); completes when everything is stopped. False if unknown. */
    CompletableFuture<Boolean> delete(String namespace, String name);

    /** The status of one deployment. */
    Optional<DeploymentStatus> status(String namespace, String name);

    /** The status of every deployment, ordered by namespace and name. */
    List<DeploymentStatus> list();

    /** Stops everything this target started. */
    @Override
    void close();
}
