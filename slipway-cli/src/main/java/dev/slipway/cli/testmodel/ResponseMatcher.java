package dev.slipway.cli.testmodel;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Compares a model's response with a case's expectation. Three forms:
 * <ul>
 *   <li>fields of a Seldon message ({@code data}, {@code strData}, {@code jsonData}, {@code meta}…): every
 *       field given must be in the response with the same value; fields not given are not checked;
 *       lists must have the same length; numbers match within the tolerance;</li>
 *   <li>{@code equals: <message>}: the response without {@code meta} must be exactly that (numbers within
 *       the tolerance);</li>
 *   <li>{@code contains: <value>}: some value of the response's payload ({@code data.ndarray},
 *       {@code data.tensor.values}, {@code strData}, {@code jsonData}) equals it;</li>
 *   <li>{@code error: <text>}: the model must refuse the request with a message containing the text.</li>
 * </ul>
 */
public final class ResponseMatcher {

    private ResponseMatcher() {}

    /** Checks an expectation's form; throws naming {@code at} when it mixes forms. */
    static void check(JsonNode expect, String at) {
        int special = (expect.has("equals") ? 1 : 0) + (expect.has("contains") ? 1 : 0) + (expect.has("error") ? 1 : 0);
        if (special > 1 || special == 1 && expect.size() > 1) {
            throw new IllegalArgumentException(
                    at + ": give one of equals, contains, error, or message fields (data, strData, …)");
        }
    }

    /** Whether the case expects the model to refuse the request. */
    public static boolean expectsError(JsonNode expect) {
        return expect.has("error");
    }

    /** The differences between the response and the expectation (empty: pass). */
    public static List<String> differences(JsonNode expect, JsonNode response, ModelCase.Tolerance tolerance) {
        List<String> out = new ArrayList<>();
        if (expect.has("equals")) {
            JsonNode actual = response.deepCopy();
            if (actual.isObject()) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) actual).remove("meta");
            }
            compare(expect.get("equals"), actual, "", tolerance, true, out);
        } else if (expect.has("contains")) {
            List<JsonNode> values = new ArrayList<>();
            payload(response, values);
            JsonNode want = expect.get("contains");
            if (values.stream().noneMatch(v -> same(want, v, tolerance))) {
                out.add("no value of the response equals " + want + " (values: " + abbreviate(values.toString()) + ")");
            }
        } else {
            compare(expect, response, "", tolerance, false, out);
        }
        return out;
    }

    /** The difference between an error and an {@code error:} expectation, or null when it matches. */
    public static String errorDifference(JsonNode expect, String message) {
        String want = expect.get("error").asText();
        return message.contains(want) ? null : "the error '" + message + "' does not contain '" + want + "'";
    }

    private static void compare(
            JsonNode want, JsonNode got, String path, ModelCase.Tolerance t, boolean exact, List<String> out) {
        String at = path.isEmpty() ? "response" : path;
        if (got == null || got.isMissingNode()) {
            out.add(at + ": missing (expected " + abbreviate(want.toString()) + ")");
        } else if (want.isObject()) {
            if (!got.isObject()) {
                out.add(at + ": expected an object, got " + abbreviate(got.toString()));
                return;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = want.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                compare(
                        e.getValue(),
                        got.get(e.getKey()),
                        path.isEmpty() ? e.getKey() : path + "." + e.getKey(),
                        t,
                        exact,
                        out);
            }
            if (exact) {
                got.fieldNames().forEachRemaining(f -> {
                    if (!want.has(f)) {
                        out.add((path.isEmpty() ? f : path + "." + f) + ": not expected, got "
                                + abbreviate(got.get(f).toString()));
                    }
                });
            }
        } else if (want.isArray()) {
            if (!got.isArray()) {
                out.add(at + ": expected a list, got " + abbreviate(got.toString()));
            } else if (got.size() != want.size()) {
                out.add(at + ": " + got.size() + " elements, expected " + want.size());
            } else {
                for (int i = 0; i < want.size(); i++) {
                    compare(want.get(i), got.get(i), path + "[" + i + "]", t, exact, out);
                }
            }
        } else if (want.isNumber() && got.isNumber()) {
            double a = got.asDouble();
            double e = want.asDouble();
            if (!t.accepts(a, e)) {
                out.add(at + ": " + a + " vs expected " + e + " (difference " + Math.abs(a - e) + " > abs " + t.abs()
                        + ", rel " + t.rel() + ")");
            }
        } else if (!same(want, got, t)) {
            out.add(at + ": " + abbreviate(got.toString()) + " vs expected " + abbreviate(want.toString()));
        }
    }

    private static boolean same(JsonNode want, JsonNode got, ModelCase.Tolerance t) {
        if (want.isNumber() && got.isNumber()) {
            return t.accepts(got.asDouble(), want.asDouble());
        }
        return want.equals(got);
    }

    private static void payload(JsonNode response, List<JsonNode> out) {
        flatten(response.path("data").path("ndarray"), out);
        flatten(response.path("data").path("tensor").path("values"), out);
        if (response.has("strData")) {
            out.add(response.get("strData"));
        }
        flatten(response.path("jsonData"), out);
    }

    private static void flatten(JsonNode n, List<JsonNode> out) {
        if (n.isArray()) {
            n.forEach(c -> flatten(c, out));
        } else if (n.isObject()) {
            n.forEach(c -> flatten(c, out));
        } else if (!n.isMissingNode()) {
            out.add(n);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
