package dev.slipway.cli.testmodel;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One case of a model test.
 *
 * @param name the case's name
 * @param request the Seldon v1 request body
 * @param expect what the response must hold (see {@link ResponseMatcher})
 * @param tolerance how close numbers must be
 */
public record ModelCase(String name, JsonNode request, JsonNode expect, Tolerance tolerance) {

    /** Numbers match when {@code |a - e| <= abs} or {@code |a - e| <= rel * |e|}. */
    public record Tolerance(double abs, double rel) {
        public static final Tolerance DEFAULT = new Tolerance(1e-9, 1e-9);

        boolean accepts(double actual, double expected) {
            double d = Math.abs(actual - expected);
            return actual == expected || d <= abs || d <= rel * Math.abs(expected);
        }
    }
}
