package dev.slipway.serving.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One explicit route table, the HTTP model of the model server and of the gateway: exact paths, plus paths
 * with {@code {name}} segments and an optional last {@code {*}} segment (the rest of the path, one segment or
 * more, as the parameter {@value #REST}), each with its endpoints by HTTP method ({@value #ANY_METHOD}: any).
 * Lookups of exact paths are a single map access; patterns are tried in the order they were added.
 *
 * @param <E> what a route leads to
 */
public final class RouteTable<E> {

    /** The method of an endpoint that answers every method. */
    public static final String ANY_METHOD = "*";

    /** The parameter holding what a trailing {@code {*}} matched (without its leading '/'). */
    public static final String REST = "*";

    /** The result of a lookup: the endpoint (null when only other methods are allowed: 405), parameters, allowed methods. */
    public record Match<E>(E endpoint, Map<String, String> params, String allowed) {}

    private record Pattern<E>(String[] segments, Map<String, E> byMethod) {}

    private final Map<String, Map<String, E>> exact = new LinkedHashMap<>();
    private final List<Pattern<E>> patterns = new java.util.ArrayList<>();

    /** Adds {@code method path}; {@code path} may contain {@code {name}} segments and a last {@code {*}}. */
    public RouteTable<E> add(String method, String path, E endpoint) {
        if (path.contains("{")) {
            String[] segs = path.split("/", -1);
            for (Pattern<E> p : patterns) {
                if (java.util.Arrays.equals(p.segments, segs)) {
                    p.byMethod.put(method, endpoint);
                    return this;
                }
            }
            Map<String, E> m = new LinkedHashMap<>();
            m.put(method, endpoint);
            patterns.add(new Pattern<>(segs, m));
        } else {
            exact.computeIfAbsent(path, k -> new LinkedHashMap<>()).put(method, endpoint);
        }
        return this;
    }

    /**
     * The endpoint for {@code method path}: a match with an endpoint, a match with only the allowed
     * methods (405), or null (404).
     */
    public Match<E> find(String method, String path) {
        Map<String, E> byMethod = exact.get(path);
        Map<String, String> params = Map.of();
        if (byMethod == null) {
            String[] segs = path.split("/", -1);
            for (Pattern<E> p : patterns) {
                Map<String, String> found = match(p.segments, segs);
                if (found != null) {
                    byMethod = p.byMethod;
                    params = found;
                    break;
                }
            }
        }
        if (byMethod == null) {
            return null;
        }
        E e = byMethod.get(method);
        if (e == null && method.equals("HEAD")) {
            e = byMethod.get("GET");
        }
        if (e == null) {
            e = byMethod.get(ANY_METHOD);
        }
        return new Match<>(e, params, String.join(", ", new TreeSet<>(byMethod.keySet())));
    }

    private static Map<String, String> match(String[] pattern, String[] segs) {
        boolean tail = pattern.length > 0 && pattern[pattern.length - 1].equals("{" + REST + "}");
        if (tail ? segs.length < pattern.length : pattern.length != segs.length) {
            return null;
        }
        Map<String, String> params = null;
        for (int i = 0; i < pattern.length; i++) {
            String p = pattern[i];
            if (tail && i == pattern.length - 1) {
                if (params == null) {
                    params = new LinkedHashMap<>();
                }
                params.put(REST, String.join("/", java.util.Arrays.asList(segs).subList(i, segs.length)));
                break;
            }
            if (p.startsWith("{") && p.endsWith("}")) {
                if (segs[i].isEmpty()) {
                    return null;
                }
                if (params == null) {
                    params = new LinkedHashMap<>();
                }
                params.put(p.substring(1, p.length() - 1), decode(segs[i]));
            } else if (!p.equals(segs[i])) {
                return null;
            }
        }
        return params == null ? Map.of() : params;
    }

    private static String decode(String segment) {
        try {
            return java.net.URLDecoder.decode(segment.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return segment; // a malformed escape: match on the raw text, which then names nothing known
        }
    }
}
