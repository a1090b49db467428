package dev.slipway.gitops.spec;

/** Seldon's {@code PredictiveUnitType}. */
public enum NodeType {
    UNKNOWN_TYPE,
    ROUTER,
    COMBINER,
    MODEL,
    TRANSFORMER,
    OUTPUT_TRANSFORMER
}
