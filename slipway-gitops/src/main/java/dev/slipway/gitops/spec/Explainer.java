package dev.slipway.gitops.spec;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A predictor's explainer (kept as written; the local runtime does not run explainers).
 *
 * @param type the Alibi explainer type, or null
 * @param modelUri its model URI, or null
 * @param raw the whole explainer object as written
 */
public record Explainer(String type, String modelUri, JsonNode raw) {}
