package dev.slipway.controlplane.deploy;

import dev.slipway.gitops.target.DeploymentStatus;
import java.util.concurrent.CompletableFuture;

/**
 * An accepted apply: the deployment's key and the rollout's completion.
 *
 * @param namespace where it goes
 * @param name its name
 * @param rollout completes when every replica is ready (exceptionally when the rollout fails)
 */
public record ApplyResult(String namespace, String name, CompletableFuture<DeploymentStatus> rollout) {}
