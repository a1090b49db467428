package dev.slipway.gitops.status;

import dev.slipway.gitops.target.Reason;
import java.time.Instant;

/**
 * Something the sync controller did or noticed for one application (Kubernetes' event): a deployment deleted or
 * changed outside GitOps, self-healed, pruned, or a failure.
 *
 * @param time when
 * @param application the deployment's name
 * @param reason typed
 * @param message for people
 */
public record SyncEvent(Instant time, String application, Reason reason, String message) {}
