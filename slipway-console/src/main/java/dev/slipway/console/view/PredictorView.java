package dev.slipway.console.view;

/**
 * A predictor of a SeldonDeployment.
 *
 * @param traffic its share of the answered requests in percent (0 for a shadow)
 * @param offset where its share starts on the traffic bar (the shares of the predictors before it)
 * @param shadow true when it gets copies of the requests and never answers
 */
public record PredictorView(String name, int traffic, int offset, boolean shadow, GraphNodeView graph) {}
