package dev.slipway.controlplane.api;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * What a browser may not make this server do (the cross-site and DNS-rebinding half of issue 13, finding 2), checked
 * before anything else:
 * <ul>
 *   <li>{@code Host} must name this server: a loopback name, an IP literal (a rebinding attack needs a domain name),
 *       the bound host, or a name given with {@code --public-url}; else 421;
 *   <li>a state-changing request (POST, PUT, PATCH, DELETE) with an {@code Origin} must come from this server's own
 *       origin; {@code Origin: null} and foreign origins get 403;
 *   <li>a state-changing API or git request with a body must say what it is: {@code application/json}, git's own
 *       {@code application/x-git-*} types under {@code /git/}, an archive for {@code /api/v1/artifacts/}; else 415 (a
 *       browser can send {@code text/plain} or a form cross-site without asking first, never JSON).
 * </ul>
 * The GitHub webhook is exempt from the Origin rule only in the sense that servers send none; it needs JSON too.
 */
final class RequestGuard {

    private final Set<String> names;

    /** @param names the host names this server answers to besides loopback names and IP literals (lower case) */
    RequestGuard(Set<String> names) {
        this.names =
                Set.copyOf(names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList());
    }

    void handle(RoutingContext rc) {
        final String host = hostName(rc.request().getHeader("Host"));
        if (host == null || !allowedHost(host)) {
            rc.fail(new ApiException(
                    421,
                    "Host '" + rc.request().getHeader("Host") + "' is not a name this server answers to"
                            + " (loopback names and IP addresses are; add one with slipway up --public-url URL)"));
            return;
        }
        final HttpMethod m = rc.request().method();
        final boolean changes =
                m == HttpMethod.POST || m == HttpMethod.PUT || m == HttpMethod.PATCH || m == HttpMethod.DELETE;
        if (changes) {
            final String origin = rc.request().getHeader("Origin");
            if (origin != null && !sameOrigin(origin, rc.request().getHeader("Host"))) {
                rc.fail(new ApiException(
                        403,
                        "Origin '" + origin + "' is not this server: cross-site requests may not change"
                                + " anything"));
                return;
            }
            final String path = rc.normalizedPath();
            final boolean api = path.startsWith("/api/") || path.startsWith("/git/");
            // the console's own pages (forms) carry their own CSRF token; the API and git take only their own types
            if (api && hasBody(rc) && !acceptedType(path, rc.request().getHeader("Content-Type"))) {
                rc.fail(new ApiException(
                        415,
                        "Content-Type '" + rc.request().getHeader("Content-Type") + "': send" + " application/json"
                                + (rc.normalizedPath().startsWith("/git/") ? " (or git's own types)" : "")));
                return;
            }
        }
        rc.next();
    }

    private boolean allowedHost(String host) {
        return host.equals("localhost") || host.endsWith(".localhost") || isIpLiteral(host) || names.contains(host);
    }

    private static boolean sameOrigin(String origin, String hostHeader) {
        try {
            final URI o = URI.create(origin);
            if (o.getHost() == null || hostHeader == null) {
                return false;
            }
            final String authority = o.getPort() < 0 ? o.getHost() : o.getHost() + ":" + o.getPort();
            return authority.equalsIgnoreCase(hostHeader)
                    || (o.getPort() < 0
                            && hostHeader.equalsIgnoreCase(
                                    o.getHost() + (o.getScheme().equals("https") ? ":443" : ":80")));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean hasBody(RoutingContext rc) {
        final String length = rc.request().getHeader("Content-Length");
        if (length != null) {
            return !length.trim().equals("0");
        }
        return rc.request().getHeader("Transfer-Encoding") != null;
    }

    private static boolean acceptedType(String path, String contentType) {
        if (contentType == null) {
            return false;
        }
        final String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (path.startsWith("/git/")) {
            return type.startsWith("application/x-git-");
        }
        if (path.startsWith("/api/v1/artifacts/")) {
            return type.equals("application/x-tar")
                    || type.equals("application/octet-stream")
                    || type.equals("application/gzip")
                    || type.equals("application/x-gzip");
        }
        return type.equals("application/json") || type.endsWith("+json");
    }

    /** The host part of a Host header, lower case, without the port; null when there is none. */
    static String hostName(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        final String h = header.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            final int close = h.indexOf(']');
            return close < 0 ? null : h.substring(0, close + 1);
        }
        final int colon = h.lastIndexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    private static boolean isIpLiteral(String host) {
        if (host.startsWith("[") && host.endsWith("]")) {
            return true;
        }
        return host.matches("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");
    }
}
