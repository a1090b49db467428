package dev.slipway.api;

import java.time.Instant;

/**
 * A typed observation, as Kubernetes conditions are written: the spelling of type, status and reason is the
 * resource's own (deployments {@code Ready}/{@code True}, environments and runs their enums' names).
 *
 * @param type what is observed
 * @param status whether it holds
 * @param reason why
 * @param message details for people
 * @param lastTransitionTime when {@code status} last changed
 */
public record Condition(String type, String status, String reason, String message, Instant lastTransitionTime) {}
