package dev.slipway.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The answer to {@code POST /api/v1/webhooks/github} (202): a run was queued, or the event was ignored and why.
 *
 * @param queued true when a run was queued (null otherwise)
 * @param commit the commit it runs (null when ignored)
 * @param pipeline the pipeline it runs (null when ignored)
 * @param ignored why nothing was queued (null when queued)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookAnswer(Boolean queued, String commit, String pipeline, String ignored) {}
