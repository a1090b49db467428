package dev.slipway.api;

import java.time.Instant;
import java.util.List;

/**
 * One prediction as the built-in request-log sink of {@code slipway up} holds it
 * ({@code GET /api/v1/namespaces/{ns}/deployments/{name}/requests}, newest first): the request and response events
 * that share its {@code puid}, joined with the feedback sent for it.
 *
 * @param puid the prediction's id ({@code Ce-Id} of its events)
 * @param time when its first event was made
 * @param namespace the deployment's namespace
 * @param deployment the deployment's name
 * @param predictor the predictor that served it
 * @param nodes the graph nodes whose events were logged, in the order they came
 * @param request the payload of the first request event (JSON as it crossed the node), or null
 * @param response the payload of the last response event, or null (none logged yet, or the node failed)
 * @param feedback the feedback sent for it, or null
 * @param truncated true when a payload was larger than the sink keeps (it is then null)
 */
public record LoggedRequest(
        String puid,
        Instant time,
        String namespace,
        String deployment,
        String predictor,
        List<String> nodes,
        Object request,
        Object response,
        Feedback feedback,
        boolean truncated) {

    public LoggedRequest {
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
    }

    /**
     * Feedback for a prediction ({@code /api/v1.0/feedback} through the gateway, or Seldon's {@code SendFeedback}).
     *
     * @param time when it was sent
     * @param reward its {@code reward}, or null
     * @param truth its {@code truth} message (JSON), or null
     */
    public record Feedback(Instant time, Double reward, Object truth) {}
}
