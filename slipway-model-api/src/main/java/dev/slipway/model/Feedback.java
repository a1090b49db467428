package dev.slipway.model;

import java.util.Map;
import java.util.Objects;

/**
 * Feedback on an earlier prediction (Seldon's {@code Feedback}: request, response, reward, truth).
 *
 * @param request the original request, may be null
 * @param response the response that was given, may be null
 * @param truth the correct answer, may be null
 * @param reward the reward (0 when absent)
 * @param routing the routing decisions recorded in the response's {@code meta.routing}
 */
public record Feedback(Payload request, Payload response, Payload truth, double reward, Map<String, Integer> routing) {
    public Feedback {
        routing = Map.copyOf(Objects.requireNonNull(routing, "routing"));
    }
}
