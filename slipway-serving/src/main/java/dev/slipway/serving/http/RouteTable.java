package dev.slipway.serving.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One explicit route table: exact paths, plus paths with {@code {name}} segments, each with its
 * endpoints by HTTP method. Lookups of exact paths are a single map access.
 */
public final class RouteTable {

  /** The result of a lookup. */
  public record Match(Endpoint endpoint, Map<String, String> params, String allowed) {}

  private record Pattern(String[] segments, Map<String, Endpoint> byMethod) {}

  private final Map<String, Map<String, Endpoint>> exact = new LinkedHashMap<>();
  private final List<Pattern> patterns = new java.util.ArrayList<>();

  /** Adds {@code method path}; {@code path} may contain {@code {name}} segments. */
  public RouteTable add(String method, String path, Endpoint endpoint) {
    if (path.contains("{")) {
      String[] segs = path.split("/", -1);
      for (Pattern p : patterns) {
        if (java.util.Arrays.equals(p.segments, segs)) {
          p.byMethod.put(method, endpoint);
          return this;
        }
      }
      Map<String, Endpoint> m = new LinkedHashMap<>();
      m.put(method, endpoint);
      patterns.add(new Pattern(segs, m));
    } else {
      exact.computeIfAbsent(path, k -> new LinkedHashMap<>()).put(method, endpoint);
    }
    return this;
  }

  /**
   * The endpoint for {@code method path}: a match with an endpoint, a match with only the allowed
   * methods (405), or null (404).
   */
  public Match find(String method, String path) {
    Map<String, Endpoint> byMethod = exact.get(path);
    Map<String, String> params = Map.of();
    if (byMethod == null) {
      String[] segs = path.split("/", -1);
      for (Pattern p : patterns) {
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
    Endpoint e = byMethod.get(method);
    if (e == null && method.equals("HEAD")) {
      e = byMethod.get("GET");
    }
    return new Match(e, params, String.join(", ", new TreeSet<>(byMethod.keySet())));
  }

  private static Map<String, String> match(String[] pattern, String[] segs) {
    if (pattern.length != segs.length) {
      return null;
    }
    Map<String, String> params = null;
    for (int i = 0; i < pattern.length; i++) {
      String p = pattern[i];
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
