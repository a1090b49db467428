package dev.slipway.protocol.v1;

/**
 * Seldon's {@code Feedback}: {@code {request, response, reward, truth}}; any message may be null.
 */
public record FeedbackMessage(SeldonMessage request, SeldonMessage response, double reward, SeldonMessage truth) {}
