package dev.slipway.gitops.spec;

/** Seldon's {@code PredictiveUnitMethod}: what a node of {@code UNKNOWN_TYPE} is called for. */
public enum NodeMethod {
    TRANSFORM_INPUT,
    TRANSFORM_OUTPUT,
    ROUTE,
    AGGREGATE,
    SEND_FEEDBACK
}
